/**
 * The benchmark scripts run on a tiny input (their timings are for `npm run bench`, never asserted here), and what
 * the built command loads at start-up stays what the start-up figures rely on.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without types
import { sweep } from '../bench/sweep.mjs';
// @ts-expect-error plain JavaScript module without types
import { fleet, templates } from '../bench/fleet.mjs';
// @ts-expect-error plain JavaScript module without types
import { COMMANDS, loadedFiles, readmeCommands } from '../bench/startup.mjs';
// @ts-expect-error plain JavaScript module without types
import { tuiReplan } from '../bench/tui-replan.mjs';
// @ts-expect-error plain JavaScript module without types
import { poolScale } from '../bench/pool-scale.mjs';
// @ts-expect-error plain JavaScript module without types
import { variedFleet } from '../bench/varied-fleet.mjs';
import { groupHosts, poolSpec } from '../src/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const loaded = (command: readonly string[]) => (loadedFiles(command) as string[]).map((url) => relative(ROOT, fileURLToPath(url)));

describe('bench scripts', () => {
  it('generate the same fleet and templates for the same seed', () => {
    expect(fleet(50)).toEqual(fleet(50));
    expect(templates(5)).toEqual(templates(5));
  });

  it('sweep a tiny fleet: every template checked and searched', async () => {
    const result = await sweep(200, 4);
    expect(result).toMatchObject({ hosts: 200, templates: 4 });
    expect(result.groups).toBeGreaterThan(1);
    expect(result.passes).toBeLessThanOrEqual(4);
    expect(result.recommended).toBeLessThanOrEqual(4);
  });
});

describe('pool scale bench', () => {
  it('runs the built command on a varied fleet and reports the groups the check made, the exit and the output size', async () => {
    const [result] = poolScale([60], [['check', ['--json']], ['recommend', []]]);
    // The group count the command's JSON reports, against the library's grouping of the same generated pool.
    expect(result.hosts).toBe(60);
    expect(result.groups).toBe(groupHosts(await poolSpec(variedFleet(60))).length);
    expect(result.runs.map((r: { command: string; status: number; stderr: string }) => [r.command, r.status, r.stderr]))
      .toEqual([['pool check --json', 1, ''], ['pool recommend', 1, '']]);
    for (const r of result.runs) expect(r.outputBytes).toBeGreaterThan(1000);
  }, 60_000);
});

describe('start-up of the built command', () => {
  // The bin compiles the program from its code cache; the program is read as a file, not loaded as a module.
  it('every README example and plan --json load the bin alone: no size-expression parser, no terminal UI', () => {
    for (const { command } of readmeCommands() as { command: string[] }[]) expect(loaded(command)).toEqual(['bundle/cli.cjs']);
    expect(loaded(COMMANDS.planJson)).toEqual(['bundle/cli.cjs']);
    // A size that is not a sum is the one case that needs mathjs (src/input/size.ts).
    expect(loaded([process.execPath, 'bundle/cli.cjs', 'plan', '--memory', '2^35', '--json'])).toEqual(['bundle/cli.cjs', 'bundle/size-math.cjs']);
  });

  it('the code cache the build made is accepted by this Node (V8 rejects one from another version or with other flags)', () => {
    const script = `const bin = require('./bundle/cli.cjs'); process.stdout.write(String(bin.programScript().cachedDataRejected));`;
    expect(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })).toBe('false');
  });

  it('a cache cut short is refused by V8, and the program compiled as usual gives the same answer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gpa-cache-'));
    try {
      for (const file of ['cli.cjs', 'cli-main.cjs']) copyFileSync(join(ROOT, 'bundle', file), join(dir, file));
      writeFileSync(join(dir, 'cli-main.v8-cache'), readFileSync(join(ROOT, 'bundle/cli-main.v8-cache')).subarray(0, 100_000));
      const script = `process.stdout.write(String(require(${JSON.stringify(join(dir, 'cli.cjs'))}).programScript().cachedDataRejected))`;
      expect(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })).toBe('true');
      // A plan that reads no preset (presets/ is not beside the copy).
      const args = ['plan', '--memory', '8G', '--phys-bits', '39', '--json'];
      expect(execFileSync(process.execPath, [join(dir, 'cli.cjs'), ...args], { encoding: 'utf8' }))
        .toBe(execFileSync(process.execPath, [join(ROOT, 'bundle/cli.cjs'), ...args], { encoding: 'utf8' }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('times every example of the README, as the words a user types (quotes kept together, no "; echo $?")', () => {
    const lines = (readmeCommands() as { line: string; command: string[] }[]).map((r) => r.command.slice(1));
    expect(lines).toEqual([
      ['bundle/cli.cjs', 'plan', '--memory', '1000G', '--vendor', 'amd', '--phys-bits', '40'],
      ['bundle/cli.cjs', 'plan', '--preset', 'gpu-4x', '--firmware', 'edk2-stable202211', '--vendor', 'intel', '--phys-bits', '40'],
      ['bundle/cli.cjs', 'pool', 'recommend', '--pool-preset', 'debian-12-13-sid', '--memory', '32G'],
    ]);
  });

});

describe('terminal UI bench', () => {
  it('runs a few keystrokes in each view on the 28-group fleet and reports the frame figure as the slower view\'s median', async () => {
    const figures = await tuiReplan(2);
    // bench/fleet.mjs: 7 kinds of hardware times 4 software stacks; 1,000 seeded draws meet all 28.
    expect(figures).toMatchObject({ hosts: 1000, groups: 28, runs: 2, targetMs: { planView: 8, poolView: 16 } });
    expect(figures.replanMedianMs).toBe(Math.max(figures.frame.planView.medianMs, figures.frame.poolView.medianMs));
    for (const what of ['step', 'frame', 'framePlain', 'replanOnly']) expect(Object.keys(figures[what])).toEqual(['planView', 'poolView']);
    // A step re-plans and draws once: the answer of the input layer joins the key's own render (src/tui/App.tsx).
    expect([figures.step.planView.framesPerKey, figures.step.poolView.framesPerKey]).toEqual([1, 1]);
  }, 60_000);
});
