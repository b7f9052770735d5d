/**
 * `gpa-planner tui` end to end: the built command in a real pseudo-terminal (tmux), typing a new memory size and
 * watching the map and the verdict change; without a terminal, the one-line refusal; and the bundle keeping ink and
 * React out of the other commands' start-up.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli } from './run-cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TMUX = '/usr/bin/tmux';

describe('gpa-planner tui without a terminal', () => {
  it('exits 2 with one line pointing to the commands for scripts', () => {
    const result = cli(['tui']);
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: 'gpa-planner: tui needs a terminal on standard input and output; in scripts use "gpa-planner plan" or "gpa-planner pool check --json"\n',
    });
  });

  it('still prints the usage and exits 2 for no arguments', () => {
    const result = cli([]);
    expect([result.status, result.stdout, result.stderr.split('\n')[0]]).toEqual([2, '', 'Usage: gpa-planner [options] [command]']);
  });
});

describe('the bundle', () => {
  it('loads ink only through the dynamic import of the tui command, not statically from cli.js', () => {
    const bundle = join(ROOT, 'bundle');
    const seen = new Set<string>();
    const queue = ['cli.js'];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const text = readFileSync(join(bundle, file), 'utf8');
      // Static imports and re-exports, minified or not (`from"./x.js"`, `import"./x.js"`); `import("…")` is dynamic.
      for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*)"(\.[^"]+)"/g)) queue.push(normalize(join(dirname(file), m[1]!)));
    }
    // ink's own error message for a stdin without raw mode marks its chunk.
    const withInk = [...seen].filter((file) => readFileSync(join(bundle, file), 'utf8').includes('Raw mode is not supported'));
    expect(withInk).toEqual([]);
    expect(seen.size).toBeGreaterThan(1);
    // The start-up code (cli.js and its one start-up chunk, scripts/one-start-chunk.mjs) imports the tui's run chunk lazily.
    expect([...seen].map((file) => readFileSync(join(bundle, file), 'utf8')).join('\n')).toMatch(/import\("\.\/(chunks\/)?run-[A-Z0-9]+\.js"\)/);
  });
});

const tmuxIt = existsSync(TMUX) ? it : it.skip;

describe('gpa-planner tui in a terminal (tmux)', () => {
  // A server of our own, so nothing touches the user's tmux sessions; killed whatever happens.
  const socket = `gpa-planner-test-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync(TMUX, ['-L', socket, ...args], { encoding: 'utf8', timeout: 10_000 });
  afterAll(() => {
    try {
      tmux('kill-server');
    } catch {
      // already gone
    }
  });

  /** Polls the screen until it shows `text` (bounded: fails after `timeout` ms with the screen it saw). */
  async function screenWith(text: string, timeout = 20_000): Promise<string> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const screen = tmux('capture-pane', '-p', '-t', 'planner');
      if (screen.includes(text)) return screen;
      if (Date.now() > deadline) throw new Error(`the screen did not show ${JSON.stringify(text)} within ${timeout} ms:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const lineWith = (screen: string, text: string) => screen.split('\n').find((l) => l.includes(text)) ?? '';

  tmuxIt('re-plans as a new memory size is typed: the map and the verdict change, and q quits', async () => {
    // A clean environment: ink draws only the last frame when it believes it runs in CI (CI, CI_*, ...), and CI sets CI.
    const command = `env -i PATH="$PATH" HOME="$HOME" TERM="$TERM" NO_COLOR=1 ${JSON.stringify(process.execPath)} bundle/cli.js tui --preset small-desktop --pool-preset mixed-39-46-48; echo EXIT=$?; sleep 60`;
    tmux('new-session', '-d', '-s', 'planner', '-x', '120', '-y', '40', '-c', ROOT, command);

    const before = await screenWith('Guest physical address map');
    // The pool fails from the start (issue 17): small-desktop does not pin its vendor, and the pool mixes Intel and AMD.
    expect(before.split('\n')[0]).toMatch(/^VM small-desktop: QEMU starts {3}pool mixed-39-46-48: FAIL +\[plan\] pool$/);
    expect(lineWith(before, 'RR RAM above 4 GiB')).toMatch(/RR RAM above 4 GiB +6 GiB {2}QEMU$/);
    const barBefore = lineWith(before, '  VM               small-desktop');

    // The memory field is selected at the start; typing a size over it starts editing.
    tmux('send-keys', '-t', 'planner', '-l', '1T');
    await screenWith('> memory           1T_');
    tmux('send-keys', '-t', 'planner', 'Enter');

    const after = await screenWith('QEMU refuses to start');
    expect(after.split('\n')[0]).toMatch(/^VM small-desktop\*: QEMU refuses to start, 1 error {3}pool mixed-39-46-48: FAIL +\[plan\] pool$/);
    expect(lineWith(after, 'RR RAM above 4 GiB')).toMatch(/RR RAM above 4 GiB +1022 GiB {2}QEMU$/);
    expect(lineWith(after, 'QEMU refuses to start:')).toContain('QEMU refuses to start: Address space limit 0x7fffffffff < 0x1087fffffff');
    // 1 TiB of RAM now runs through 2^39 on the map.
    const barAfter = lineWith(after, '  VM               small-desktop*');
    expect(barAfter).not.toBe(barBefore);
    expect(barAfter).toContain('R|R');

    tmux('send-keys', '-t', 'planner', 'q');
    await screenWith('EXIT=0');
  }, 60_000);
});
