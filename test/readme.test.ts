/**
 * Every `$ gpa-planner …` example in README.md and docs/*.md prints exactly what it shows.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './cli/run-cli.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const examplesOf = (text: string, file: string) =>
  [...text.matchAll(/```\n\$ gpa-planner (.*)\n([\s\S]*?)```/g)].map((m) => ({ command: m[1]!, shown: m[2]!, file }));

const docs = readdirSync(new URL('../docs', import.meta.url)).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
const readmeExamples = examplesOf(read('README.md'), 'README.md');
const examples = [
  ...readmeExamples,
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

  it('keeps the README a landing page: at most 20 KB, three examples, the manual behind it in docs/', () => {
    expect(Buffer.byteLength(read('README.md'))).toBeLessThanOrEqual(20 * 1024);
    expect(readmeExamples).toHaveLength(3);
    const linked = new Set([...read('README.md').matchAll(/\]\((docs\/[\w.-]+\.md)\)/g)].map((m) => m[1]));
    expect(docs.filter((page) => !linked.has(page)), 'docs pages the README does not link').toEqual([]);
  });

  it.each(['README.md', ...docs])('%s links only to files that exist', (file) => {
    const base = new URL(`../${file}`, import.meta.url);
    const targets = [...read(file).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^(https?:|mailto:|#)/.test(t));
    const missing = targets.filter((t) => !existsSync(new URL(t.replace(/#.*$/, ''), base)));
    expect(missing).toEqual([]);
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
