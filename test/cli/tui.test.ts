/**
 * `gpa-planner tui` end to end: the built command in a real pseudo-terminal (tmux), typing a new memory size and
 * watching the map and the verdict change; without a terminal, the one-line refusal; and the bundle keeping ink and
 * React out of the other commands' start-up.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli } from './run-cli.js';
import { fleetPool } from '../tui/helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TMUX = '/usr/bin/tmux';

describe('gpa-planner tui without a terminal', () => {
  it('exits 2 with one line pointing to the commands for scripts', () => {
    const result = cli(['tui']);
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: 'gpa-planner: tui needs a terminal on standard input and output, one that can move the cursor (not TERM=dumb); in scripts use "gpa-planner plan" or "gpa-planner pool check --json"\n',
    });
  });

  it('checks --emit and the file options first, in the words of pool check, so a script sees the mistake', () => {
    const refusal = (args: string[]) => {
      const result = cli(args);
      return [result.status, result.stdout, result.stderr];
    };
    expect(refusal(['tui', '--emit', 'xml'])).toEqual([2, '', 'gpa-planner: --emit: "xml" is not one of libvirt, qemu\n']);
    expect(refusal(['pool', 'check', '--preset', 'gpu-2x', '--pool-preset', 'mixed-39-46-48', '--emit', 'xml'])[2]).toBe('gpa-planner: --emit: "xml" is not one of libvirt, qemu\n');
    expect(refusal(['tui', '--libvirt-version', '9.0'])).toEqual([2, '', 'gpa-planner: --libvirt-version: applies only with --emit libvirt\n']);
    expect(refusal(['tui', '--vm-xml', '-'])).toEqual([2, '', 'gpa-planner: --vm-xml: the tui reads the keyboard from standard input; give a file\n']);
  });

  it('still prints the usage and exits 2 for no arguments', () => {
    const result = cli([]);
    expect([result.status, result.stdout, result.stderr.split('\n')[0]]).toEqual([2, '', 'Usage: gpa-planner [options] [command]']);
  });
});

describe('the bundle', () => {
  it('holds ink in the terminal UI\'s own ES module bundle, which the program reaches only through tui.cjs', () => {
    const read = (file: string) => readFileSync(join(ROOT, 'bundle', file), 'utf8');
    // ink's own error message for a stdin without raw mode marks its code.
    const INK = 'Raw mode is not supported';
    expect(read('cli-main.cjs')).not.toContain(INK);
    expect(read('cli.cjs')).not.toContain(INK);
    expect(read('tui/run.js')).toContain(INK);
    // The tui command's import() became a require() of the shim when the program was bundled (scripts/build.mjs).
    expect(read('cli-main.cjs')).toMatch(/require\("\.\/tui\.cjs"\)/);
    expect(read('tui.cjs')).toContain("import('./tui/run.js')");
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
    const command = `env -i PATH="$PATH" HOME="$HOME" TERM="$TERM" NO_COLOR=1 ${JSON.stringify(process.execPath)} bundle/cli.cjs tui --preset small-desktop --pool-preset mixed-39-46-48; echo EXIT=$?; sleep 60`;
    tmux('new-session', '-d', '-s', 'planner', '-x', '120', '-y', '40', '-c', ROOT, command);

    const before = await screenWith('Guest physical address map');
    // The pool fails from the start (issue 17): small-desktop does not pin its vendor, and the pool mixes Intel and AMD.
    expect(before.split('\n')[0]).toMatch(/^VM small-desktop: QEMU starts {3}pool mixed-39-46-48: FAIL +\[plan\] pool devices$/);
    expect(lineWith(before, 'RR RAM above 4 GiB')).toMatch(/RR RAM above 4 GiB +6 GiB {2}QEMU$/);
    const barBefore = lineWith(before, '  VM               small-desktop');

    // The memory field is selected at the start; typing a size over it starts editing.
    tmux('send-keys', '-t', 'planner', '-l', '1T');
    await screenWith('> memory           1T_');
    tmux('send-keys', '-t', 'planner', 'Enter');

    const after = await screenWith('QEMU refuses to start');
    expect(after.split('\n')[0]).toMatch(/^VM small-desktop\*: QEMU refuses to start, 1 error {3}pool mixed-39-46-48: FAIL +\[plan\] pool devices$/);
    expect(lineWith(after, 'RR RAM above 4 GiB')).toMatch(/RR RAM above 4 GiB +1022 GiB {2}QEMU$/);
    expect(lineWith(after, 'QEMU refuses to start:')).toContain('QEMU refuses to start: Address space limit 0x7fffffffff < 0x1087fffffff');
    // 1 TiB of RAM now runs through 2^39 on the map.
    const barAfter = lineWith(after, '  VM               small-desktop*');
    expect(barAfter).not.toBe(barBefore);
    expect(barAfter).toContain('R|R');

    tmux('send-keys', '-t', 'planner', 'q');
    await screenWith('EXIT=0');
  }, 60_000);

  // Issue 21: under TERM=dumb the planner used to switch to the alternate screen anyway.
  tmuxIt('does not draw under TERM=dumb: one line and exit 2, even in a terminal', async () => {
    const command = `env -i PATH="$PATH" HOME="$HOME" TERM=dumb NO_COLOR=1 ${JSON.stringify(process.execPath)} bundle/cli.cjs tui --preset small-desktop; echo EXIT=$?; sleep 60`;
    try {
      tmux('kill-session', '-t', 'planner'); // the previous test's, kept alive by its sleep
    } catch {
      // none
    }
    tmux('new-session', '-d', '-s', 'planner', '-x', '120', '-y', '40', '-c', ROOT, command);
    const screen = (await screenWith('EXIT=')).replace(/\n/g, '');
    expect(screen).toContain('gpa-planner: tui needs a terminal on standard input and output, one that can move the cursor (not TERM=dumb)');
    expect(screen).toContain('EXIT=2');
    tmux('kill-session', '-t', 'planner');
  }, 30_000);

  tmuxIt('at 80x24 with a 1,000-host pool and gpu-4x: Right Right Right steps phys-bits by three, every group scrolls into view, x places every BAR, --emit prints it', async () => {
    // bench/fleet.mjs's seeded 1,000 hosts (28 host groups) as a pool file, as `gpa-planner import` would write one.
    const dir = mkdtempSync(join(tmpdir(), 'gpa-tui-tmux-'));
    try {
      const { spec } = await fleetPool();
      const hosts = spec.hosts.map((h) => ({
        name: h.name, vendor: h.vendor, physBits: h.physBits, guestPhysBits: h.guestPhysBits, pdpe1gb: h.pdpe1gb, la57: h.la57,
        qemu: `${h.qemuVersion.major}.${h.qemuVersion.minor}`, firmware: h.firmware.edk2, ovmfBuild: h.firmware.build, count: 1,
      }));
      const poolFile = join(dir, 'fleet.pool.json');
      writeFileSync(poolFile, JSON.stringify({ name: 'fleet-1000', hosts }));
      const command = `env -i PATH="$PATH" HOME="$HOME" TERM="$TERM" NO_COLOR=1 ${JSON.stringify(process.execPath)} bundle/cli.cjs tui --preset gpu-4x --pool ${poolFile} --emit qemu; echo EXIT=$?; sleep 60`;
      // The session of the test before sleeps on; this one takes its name.
      try {
        tmux('kill-session', '-t', 'planner');
      } catch {
        // none
      }
      tmux('new-session', '-d', '-s', 'planner', '-x', '80', '-y', '24', '-c', ROOT, command);
      const keys = (...names: string[]) => tmux('send-keys', '-t', 'planner', ...names);

      const first = await screenWith('Guest physical address map');
      // The verdicts, the active field, the map and the keys, at 80x24.
      // The pool's oldest QEMU, 7.2, sets the machine type, which QEMU 11.1 deprecates: a warning.
      expect(first.split('\n')[0]).toMatch(/^VM gpu-4x: QEMU starts, 1 error, 1 warning {3}pool .+: FAIL +\[plan\]$/);
      expect(lineWith(first, '> memory')).toMatch(/^> memory {7}128G /);
      expect(first).toContain('up/down field  left/right change  Enter type  Tab map  ? help  q quit');

      keys(...Array<string>(10).fill('Down'));
      await screenWith('> phys-bits    40');
      keys('Right', 'Right', 'Right');
      await screenWith('> phys-bits    43');
      keys('Left', 'Left', 'Left');
      await screenWith('> phys-bits    40');

      keys('v');
      await screenWith('Host groups (28)');
      keys('Tab');
      await screenWith('1-10 of 28');
      keys('End');
      expect(lineWith(await screenWith('19-28 of 28'), '> g28')).toContain('> g28   8        intel 52-bit      38*   NO');

      keys('d');
      await screenWith('12 unassigned');
      keys('x');
      const placed = await screenWith('every BAR is placed');
      expect(lineWith(placed, 'applied')).toBe('applied X-PciMmio64Mb=464896 (--pci64-mb 464896); u undoes it');
      expect(placed).not.toContain('unassigned');

      // Ctrl-C ends it as q does, with the last plan.
      keys('C-c');
      const done = await screenWith('EXIT=0');
      // --emit qemu: the setting in use and the knob just applied, what `pool check --emit qemu` prints.
      expect(done).toContain('-cpu <model>,host-phys-bits=off,phys-bits=40\n-fw_cfg name=opt/ovmf/X-PciMmio64Mb,string=464896\nEXIT=0');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

