/**
 * The benchmark scripts run on a tiny input (their timings are for `npm run bench`, never asserted here), and what
 * the built command loads at start-up stays what the start-up figures rely on.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
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

/** A bundle file and the bundle files it imports statically, directly or not, relative to the project. */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  seen.add(relative(ROOT, file));
  for (const [, path] of readFileSync(file, 'utf8').matchAll(/(?:^|[;}\n])import\s*(?:[^'"();]*?from\s*)?["'](\.[^"']+)["']/g)) {
    const next = join(dirname(file), path!);
    if (!seen.has(relative(ROOT, next))) staticImports(next, seen);
  }
  return seen;
}

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
  it('plan --json with plain sizes loads the bin entry and its start-up chunk alone: no zod, XML parser, expression parser or React', () => {
    const startup = [...staticImports(join(ROOT, 'bundle/cli.js'))];
    expect(loaded(COMMANDS.planJson)).toEqual(startup);
    // bin entry, start-up chunk, esbuild's helpers shared with the lazy chunks (scripts/one-start-chunk.mjs)
    expect(startup).toHaveLength(3);
  });

  it('times every example of the README, as the words a user types (quotes kept together, no "; echo $?")', () => {
    const lines = (readmeCommands() as { line: string; command: string[] }[]).map((r) => r.command.slice(1));
    expect(lines).toEqual([
      ['bundle/cli.js', 'plan', '--memory', '1000G', '--vendor', 'amd', '--phys-bits', '40'],
      ['bundle/cli.js', 'plan', '--preset', 'gpu-4x', '--firmware', 'edk2-stable202211', '--vendor', 'intel', '--phys-bits', '40'],
      ['bundle/cli.js', 'pool', 'recommend', '--pool-preset', 'debian-12-13-sid', '--memory', '32G'],
    ]);
  });

  it('--help loads the same start-up files', () => {
    expect(loaded(COMMANDS.help)).toEqual([...staticImports(join(ROOT, 'bundle/cli.js'))]);
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
