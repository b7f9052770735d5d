/** `explain`, `completion` and `man`: every finding code explained, scripts that parse, every command and option offered. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FINDING_CODES, FINDING_EXPLANATIONS } from '../../src/render/finding-explanations.js';
import { cli } from './run-cli.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every finding code the source can emit: a `code: '…'` literal in src/core or src/render (the findings' only constructor form). */
const emitted = new Set(['core', 'render'].flatMap((d) => sources(join(SRC, d)))
  .filter((p) => !p.endsWith('finding-explanations.ts'))
  .flatMap((p) => [...readFileSync(p, 'utf8').matchAll(/\bcode: '([a-z0-9]+(?:_[a-z0-9]+)+)'/g)].map((m) => m[1]!)));

const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/** The commands and the options `--help` lists, read from commander's help text (independent of the completion generator). */
function helpTree(path: string[] = []): { path: string[]; options: string[] }[] {
  const help = cli([...path, '--help']).stdout;
  const options = [...help.matchAll(/^ {2}(-\w, )?(--[a-z0-9-]+)/gm)].map((m) => m[2]!);
  const commandsAt = help.indexOf('\nCommands:\n');
  const subs = commandsAt < 0 ? [] : [...help.slice(commandsAt).matchAll(/^ {2}([a-z][a-z0-9-]*)/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
  return [{ path, options }, ...subs.flatMap((s) => helpTree([...path, s]))];
}

describe('explain', () => {
  it('has an entry for every code the source emits, and none for codes it cannot emit', () => {
    // 47 codes in src/core/findings.ts today; the scan also catches codes built elsewhere in core or render.
    expect(emitted.size).toBeGreaterThanOrEqual(47);
    expect([...emitted].filter((c) => !(c in FINDING_EXPLANATIONS))).toEqual([]);
    expect(FINDING_CODES.filter((c) => !emitted.has(c))).toEqual([]);
    for (const code of FINDING_CODES) {
      const e = FINDING_EXPLANATIONS[code];
      for (const text of [e.means, e.why, e.change, e.source]) expect(text.length, code).toBeGreaterThan(3);
    }
  });

  it('explains one code: its severity from the core, what it means, why, what to change, and its source', () => {
    const result = cli(['explain', 'ovmf_width_untrusted']);
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('ovmf_width_untrusted (info)');
    expect(lines[1]).toMatch(/^ {2}What it means: OVMF does not trust the phys-bits/);
    expect(lines.slice(2, 5).map((l) => l.split(':')[0])).toEqual(['  Why', '  What to change', '  Source']);
    expect(lines[4]).toContain('ovmf.md §3.1');
  });

  it('lists every code with its severity when no code is given', () => {
    const result = cli(['explain']);
    expect(result.status).toBe(0);
    const rows = result.stdout.trimEnd().split('\n');
    expect(rows.map((r) => r.split(/\s+/)[0])).toEqual(FINDING_CODES);
    expect(rows[0]).toMatch(/^qemu_phys_bits_too_low +error +/);
    // Issue 17: an unpinned cross-vendor move is an error, a pinned one a warning.
    expect(rows.find((r) => r.startsWith('pool_migration_cross_vendor '))).toMatch(/ error +Boot and destination/);
    expect(rows.find((r) => r.startsWith('pool_migration_cross_vendor_pinned '))).toMatch(/ warning +The VM pins its CPU vendor/);
  });

  it('refuses an unknown code with one line naming the allowed values (exit 2)', () => {
    const result = cli(['explain', 'ovmf_width_trusted']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`gpa-planner: explain CODE: "ovmf_width_trusted" is not one of ${FINDING_CODES.join(', ')}\n`);
  });
});

describe('completion and man', () => {
  const tree = helpTree();
  const dir = mkdtempSync(join(tmpdir(), 'gpa-completion-'));
  const script = (shell: string) => {
    const result = cli(['completion', shell]);
    expect(result.status).toBe(0);
    const file = join(dir, `gpa-planner.${shell}`);
    writeFileSync(file, result.stdout);
    return { text: result.stdout, file };
  };

  it('reads the whole command tree from --help (plan … man, pool check and recommend, import vm and host)', () => {
    expect(tree.map((t) => t.path.join(' '))).toEqual(expect.arrayContaining(['plan', 'reverse', 'pool check', 'pool recommend', 'tui', 'import vm', 'import host', 'presets', 'explain', 'completion', 'man']));
    expect(tree.find((t) => t.path.join(' ') === 'plan')!.options).toEqual(expect.arrayContaining(['--memory', '--phys-bits', '--json', '--help']));
  });

  it.each(['bash', 'zsh', 'fish'])('offers every command and every option in the %s script', (shell) => {
    const { text } = script(shell);
    for (const { path, options } of tree) {
      if (path.length > 0) expect(text, path.join(' ')).toContain(path.at(-1)!);
      // fish names long options without their dashes (-l memory).
      for (const option of options) expect(text, `${path.join(' ')} ${option}`).toContain(shell === 'fish' ? `-l ${option.slice(2)}` : option);
    }
  });

  it('gives bash a script it parses, which completes subcommands, options and argument values', () => {
    const { file } = script('bash');
    expect(spawnSync('bash', ['-n', file]).status).toBe(0);
    const complete = (words: string[]) => spawnSync('bash', ['-c', `source ${file}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _gpa_planner; echo "\${COMPREPLY[*]}"`], { encoding: 'utf8' }).stdout.trim();
    expect(complete(['gpa-planner', 'pool', 'ch'])).toBe('check');
    expect(complete(['gpa-planner', 'plan', '--phys'])).toBe('--phys-bits');
    expect(complete(['gpa-planner', 'completion', ''])).toBe('bash zsh fish');
    expect(complete(['gpa-planner', 'explain', 'ovmf_width_u'])).toBe('ovmf_width_untrusted');
  });

  it.skipIf(!has('zsh'))('gives zsh a script it parses', () => {
    expect(spawnSync('zsh', ['-n', script('zsh').file], { encoding: 'utf8' }).status).toBe(0);
  });

  it.skipIf(!has('fish'))('gives fish a script it parses', () => {
    expect(spawnSync('fish', ['--no-execute', script('fish').file], { encoding: 'utf8' }).status).toBe(0);
  });

  it('refuses a shell it does not support (exit 2)', () => {
    const result = cli(['completion', 'tcsh']);
    expect([result.status, result.stdout, result.stderr]).toEqual([2, '', 'gpa-planner: completion SHELL: "tcsh" is not one of bash, zsh, fish\n']);
  });

  it('prints a man page with every command, every option and every finding code', () => {
    const result = cli(['man']);
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('.TH GPA\\-PLANNER 1 "" "gpa\\-planner 0.1.0" "User Commands"');
    const plain = result.stdout.replace(/\\-/g, '-');
    for (const { path, options } of tree) {
      if (path.length > 0) expect(plain).toContain(`.SS gpa-planner ${path.join(' ')}`);
      for (const option of options) expect(plain, option).toContain(option);
    }
    for (const code of FINDING_CODES) expect(plain).toContain(`.B ${code}`);
  });

  it.skipIf(!has('groff'))('is a man page groff formats without warnings', () => {
    const file = join(dir, 'gpa-planner.1');
    writeFileSync(file, cli(['man']).stdout);
    const out = spawnSync('groff', ['-man', '-Tutf8', '-ww', '-z', file], { encoding: 'utf8' });
    expect(out.stderr).toBe('');
  });
});
