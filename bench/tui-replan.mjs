// Re-planning after a keystroke in the interactive planner with a 1,000-host pool (target: under 16 ms, one frame at
// 60 Hz). Bundles bench/tui-replan.tsx the way the CLI is bundled, runs it, and adds its figures to bench/results.json.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'gpa-bench-'));
try {
  await build({
    entryPoints: ['bench/tui-replan.tsx'],
    bundle: true,
    // As in scripts/build.mjs: with splitting, ink's devtools (and react-devtools-core) load only with DEV=true.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    external: ['react-devtools-core'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const tuiReplan = JSON.parse(execFileSync(process.execPath, [join(dir, 'tui-replan.mjs')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
  let results = {};
  try {
    results = JSON.parse(readFileSync('bench/results.json', 'utf8'));
  } catch {
    // no start-up figures yet
  }
  writeFileSync('bench/results.json', `${JSON.stringify({ ...results, tuiReplan }, null, 2)}\n`);
  console.log(`re-plan after a keystroke, ${tuiReplan.hosts} hosts in ${tuiReplan.groups} groups, ${tuiReplan.runs} runs, load average ${tuiReplan.loadAverage} (target: < ${tuiReplan.targetMs} ms)`);
  for (const what of ['replan', 'frame']) {
    for (const [view, value] of Object.entries(tuiReplan[what])) {
      console.log(`  ${`${what}, ${view}`.padEnd(20)} median ${String(value.medianMs).padStart(7)} ms  p95 ${String(value.p95Ms).padStart(7)} ms`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
