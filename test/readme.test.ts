/**
 * Every `$ gpa-planner …` example in README.md and docs/*.md prints exactly what it shows. The README examples that
 * issue 17 changed are replaced by docs/ pages (named in REPLACED) until the README becomes a landing page.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './cli/run-cli.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const examplesOf = (text: string, file: string) =>
  [...text.matchAll(/```\n\$ gpa-planner (.*)\n([\s\S]*?)```/g)].map((m) => ({ command: m[1]!, shown: m[2]!, file }));

/** README commands whose output issue 17 changed, and the docs/ page that shows them now. */
const REPLACED: Readonly<Record<string, string>> = {
  'plan --memory 1000G --vendor amd --phys-bits 40': 'docs/plan-fixes-sizes-and-ranges.md',
  'plan --preset gpu-4x --firmware edk2-stable202211 --vendor intel --phys-bits 40; echo $?': 'docs/plan-fixes-sizes-and-ranges.md',
  'import vm test/fixtures/domain-q35-gpu.xml; echo $?': 'docs/plan-fixes-sizes-and-ranges.md',
  'presets': 'docs/plan-fixes-sizes-and-ranges.md',
  'pool check --pool-preset mixed-39-46-48 --vm presets/vms/gpu-2x.json --phys-bits 40': 'docs/pool-vendors-and-recommend.md',
  'pool recommend --pool-preset mixed-39-46-48 --vm presets/vms/gpu-2x.json': 'docs/pool-vendors-and-recommend.md',
  'pool recommend --pool-preset debian-12-to-13 --memory 8G --phys-bits 39 --ovmf-loader rom --ovmf-code /usr/share/qemu/OVMF.fd': 'docs/pool-vendors-and-recommend.md',
  'pool check --vm-xml test/fixtures/domain-q35-gpu.xml --host-caps test/fixtures/caps-intel-xeon.xml --host-caps test/fixtures/caps-amd-epyc.xml --firmware debian-12': 'docs/pool-vendors-and-recommend.md',
  // The --emit examples now fail by vendor: the docs show them with "; echo $?".
  'pool recommend --vm-xml test/fixtures/domain-q35-gpu.xml --host-caps test/fixtures/caps-intel-xeon.xml --host-caps test/fixtures/caps-amd-epyc.xml --firmware debian-12 --emit libvirt': 'docs/pool-vendors-and-recommend.md',
  'pool recommend --qemu-cmdline test/fixtures/qemu-q35-gpu.log --host-caps test/fixtures/caps-intel-xeon.xml --host-caps test/fixtures/caps-amd-epyc.xml --firmware debian-12 --emit qemu': 'docs/pool-vendors-and-recommend.md',
};

const docs = readdirSync(new URL('../docs', import.meta.url)).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
const readmeExamples = examplesOf(read('README.md'), 'README.md');
const examples = [
  ...readmeExamples.filter((e) => !(e.command in REPLACED)),
  ...docs.flatMap((file) => examplesOf(read(file), file)),
];

/** Splits a command line the way the README writes them: spaces, and single or double quotes around one argument. */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

describe('README and docs examples', () => {
  it('has examples to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(6);
  });

  it('shows every replaced README example on its docs page', () => {
    for (const [command, file] of Object.entries(REPLACED)) {
      const shown = examplesOf(read(file), file).map((e) => e.command.replace(/; echo \$\?$/, ''));
      expect(shown, `${command} in ${file}`).toContain(command.replace(/; echo \$\?$/, ''));
    }
  });

  it('shows the library example as test/library/template.test.ts has it', () => {
    const block = /```ts\n([\s\S]*?)```/.exec(read('docs/library-package.md'))?.[1];
    expect(block).toBe(read('test/library/template.test.ts'));
  });

  it.each(examples.map((e) => [`${e.file}: ${e.command}`, e] as const))('gpa-planner %s', (_name, { command, shown }) => {
    const echoStatus = command.endsWith('; echo $?');
    const result = cli(words(echoStatus ? command.slice(0, -'; echo $?'.length) : command));
    const printed = echoStatus ? `${result.stdout}${result.stderr}${result.status}\n` : result.stdout;
    expect(printed).toBe(shown);
  });
});
