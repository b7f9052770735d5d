// `npm run bench`: start-up, fleet sweep (with its growth in hosts), pool check and recommend on varied fleets of
// 1,000 to 100,000 hosts, and terminal-UI re-plan; prints a table with the targets and writes bench/results.json. BENCH_QUICK=1 runs a small version, to try the scripts, and writes nothing.
import { writeFileSync } from 'node:fs';
import { startup } from './startup.mjs';
import { sweep } from './sweep.mjs';
import { poolScale } from './pool-scale.mjs';

const quick = process.env.BENCH_QUICK === '1';
const results = {};

results.startup = startup(quick ? 3 : 30);

const growth = [];
for (const hosts of quick ? [100, 1000] : [1000, 10000, 100000]) growth.push(await sweep(hosts, quick ? 5 : 100));
const full = await sweep(quick ? 1000 : 100000, quick ? 10 : 1000);
results.sweep = { ...full, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024), growth };

results.poolScale = poolScale(quick ? [1000] : [1000, 10000, 100000]);

try {
  const { tuiReplan } = await import('./tui-replan.mjs');
  results.tui = await tuiReplan(quick ? 20 : 200);
} catch (error) {
  results.tui = { error: String(error?.message ?? error) };
}

if (!quick) writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);

const row = (what, value, target, ok) => `  ${what.padEnd(44)} ${String(value).padStart(10)}   target ${target.padEnd(10)} ${ok ? 'ok' : 'MISSED'}`;
console.log(`gpa-planner benchmarks${quick ? ' (quick)' : ''}`);
console.log(row('plan --json start-up (x bare node)', results.startup.planJsonRatio, '<= 1.5', results.startup.planJsonRatio <= 1.5));
console.log(row('pool check --json start-up (x bare node)', results.startup.poolCheckJsonRatio, '-', true));
console.log(row('plan --preset --json start-up (x bare node)', results.startup.planPresetJsonRatio, '-', true));
console.log(row('plan "1T + 512G" --json start-up (x bare node)', results.startup.planExpressionJsonRatio, '-', true));
// Issue 19's target holds for every example of the README, as a user would type it.
for (const r of results.startup.readme) console.log(row(`README: ${r.command.replace('gpa-planner ', '').slice(0, 36)}`, r.ratio, '<= 1.5', r.ratio <= 1.5));
console.log(row('--help start-up (x bare node)', results.startup.helpRatio, '-', true));
console.log(row('module files loaded by plan --json', results.startup.filesLoaded.planJson, '-', true));
console.log(row(`sweep ${full.hosts} hosts x ${full.templates} templates (s)`, full.wallSeconds.toFixed(2), '<= 2 s', full.wallSeconds <= 2));
console.log(row('sweep peak RSS (MB)', results.sweep.peakRssMB, '<= 300 MB', results.sweep.peakRssMB <= 300));
console.log(row('sweep evaluations per second', full.evaluationsPerSecond, '-', true));
for (const g of growth) console.log(row(`  ${g.hosts} hosts (${g.groups} groups), ${g.templates} templates (s)`, g.wallSeconds.toFixed(3), '-', true));
// Issue 20's targets, for 100,000 hosts in about 20,000 groups; the smaller fleets are shown for their growth.
for (const { hosts, groups, runs } of results.poolScale) {
  const targeted = hosts >= 100000;
  console.log(`  varied fleet, ${hosts} hosts in ${groups} groups${targeted ? '' : ' (growth; no target)'}`);
  for (const r of runs) {
    const what = r.command.replace('pool ', '');
    console.log(row(`    ${what} (s)`, r.wallSeconds.toFixed(2), targeted ? '<= 5 s' : '-', !targeted || r.wallSeconds <= 5));
    console.log(row(`    ${what} peak RSS (MB)`, r.peakRssMB ?? 'n/a', targeted ? '<= 500 MB' : '-', !targeted || (r.peakRssMB ?? 0) <= 500));
    console.log(row(`    ${what} output (MB)`, (r.outputBytes / 1e6).toFixed(2), '< 10 MB', r.outputBytes < 10e6));
    if (r.status !== 0 && r.status !== 1) console.log(`      exit ${r.status}: ${r.stderr}`);
  }
}
if (results.tui.error) console.log(`  terminal UI re-plan: not measured (${results.tui.error})`);
else {
  const { step } = results.tui;
  console.log(row(`TUI key to frame, plan view, ${results.tui.groups} groups (ms)`, `${step.planView.medianMs} p95 ${step.planView.p95Ms}`, '<= 8 ms', step.planView.medianMs <= 8));
  console.log(row(`TUI key to frame, pool view, ${results.tui.hosts} hosts (ms)`, `${step.poolView.medianMs} p95 ${step.poolView.p95Ms}`, '<= 16 ms', step.poolView.medianMs <= 16));
  console.log(row('TUI Enter (new memory) to new frame (ms)', results.tui.replanMedianMs, '<= 16 ms', results.tui.replanMedianMs <= 16));
  console.log(row('  of which re-plan alone (ms)', results.tui.replanOnlyMedianMs, '-', true));
}
