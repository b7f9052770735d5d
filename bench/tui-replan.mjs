// Re-planning after a keystroke in the terminal UI with a 1,000-host pool (target: under 16 ms, one frame at 60 Hz).
// Bundles bench/tui-replan.tsx the way the CLI is bundled and runs it; `npm run bench` (bench/run.mjs) calls
// tuiReplan(), and `node bench/tui-replan.mjs` prints the figures alone.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ENTRY = fileURLToPath(new URL('./tui-replan.tsx', import.meta.url));

/**
 * Median and 95th percentile, in ms, of `replan` (input layer + everything the screen derives) and of `frame` (from
 * Enter to the frame that shows the new plan), each in the plan view and the pool view. `replanMedianMs` is the pool
 * view's, the larger: it also searches the 38 settings for the recommendation.
 */
export async function tuiReplan(runs = 40) {
  const dir = mkdtempSync(join(tmpdir(), 'gpa-bench-'));
  try {
    await build({
      entryPoints: [ENTRY],
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
    const output = execFileSync(process.execPath, [join(dir, 'tui-replan.mjs')], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_RUNS: String(runs) },
    });
    const figures = JSON.parse(output);
    return { replanMedianMs: figures.replan.poolView.medianMs, ...figures };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await tuiReplan(Number(process.env.BENCH_RUNS ?? 40));
  console.log(`re-plan after a keystroke, ${figures.hosts} hosts in ${figures.groups} groups, ${figures.runs} runs, load average ${figures.loadAverage} (target: < ${figures.targetMs} ms)`);
  for (const what of ['replan', 'frame']) {
    for (const [view, value] of Object.entries(figures[what])) {
      console.log(`  ${`${what}, ${view}`.padEnd(20)} median ${String(value.medianMs).padStart(7)} ms  p95 ${String(value.p95Ms).padStart(7)} ms`);
    }
  }
}
