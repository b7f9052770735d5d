import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { visibleControls } from '../../src/render/visible-controls.js';
import { fit, wrapLines } from '../../src/tui/text-fit.js';
import { cli } from '../cli/run-cli.js';

// Issue 21's host name: clear the screen (CSI 2J), set the window title (OSC 0 … BEL).
const HOSTILE = '\u001b[2J\u001b]0;PWNED\u0007evil';
const SHOWN = '\\u001b[2J\\u001b]0;PWNED\\u0007evil';

describe('visibleControls', () => {
  it.each<[string, string, string]>([
    ['C0 controls', HOSTILE, SHOWN],
    ['newline and tab, kept', 'a\tb\nc', 'a\tb\nc'],
    ['carriage return, NUL and DEL', 'a\rb\u0000c\u007f', 'a\\u000db\\u0000c\\u007f'],
    ['C1 CSI (U+009B)', 'x\u009b2Jy', 'x\\u009b2Jy'],
    ['text without controls, unchanged', 'deb13-1: 202502+1 x64 — µ', 'deb13-1: 202502+1 x64 — µ'],
  ])('%s', (_what, text, shown) => {
    expect(visibleControls(text)).toBe(shown);
    // Twice in a row: no state is kept between calls.
    expect(visibleControls(text)).toBe(shown);
  });

  it('is what the terminal UI draws, with widths counted after escaping', () => {
    expect(fit(HOSTILE, 80, '…')).toBe(SHOWN);
    expect(fit(HOSTILE, 10, '…')).toBe('\\u001b[2J…');
    expect(wrapLines(`host ${HOSTILE}`, 40, 3, '…')).toEqual([`host ${SHOWN}`]);
  });
});

describe('a hostile host name through the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gpa-ctl-'));
  const pool = join(dir, 'pool.json');
  writeFileSync(pool, JSON.stringify({ hosts: [{ name: HOSTILE, vendor: 'intel', physBits: 46, qemu: '8.2', firmware: 'edk2-stable202402' }] }));

  it('is escaped in text, exact in JSON', () => {
    const text = cli(['pool', 'check', '--pool', pool, '--memory', '8G']);
    expect(text.stdout).toContain(`  g1     1         ${SHOWN}  intel 46-bit`);
    expect(text.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    const json = cli(['pool', 'check', '--pool', pool, '--memory', '8G', '--json']);
    expect(JSON.parse(json.stdout).groups[0].hosts).toEqual([HOSTILE]);
    rmSync(dir, { recursive: true, force: true });
  });
});
