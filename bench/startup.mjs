// Start-up cost of the built command against bare Node, measured in the same run (median of 20 after a warm-up).
// Writes bench/results.json. Run with `npm run bench`.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const node = process.execPath;
const commands = {
  bareNode: [node, '-e', '0'],
  planJson: [node, 'bundle/cli.js', 'plan', '--memory', '8G', '--vendor', 'intel', '--phys-bits', '39', '--firmware', 'edk2-stable202211', '--json'],
  planExpressionJson: [node, 'bundle/cli.js', 'plan', '--memory', '1T + 512G', '--phys-bits', '46', '--json'],
  planPresetJson: [node, 'bundle/cli.js', 'plan', '--preset', 'small-desktop', '--json'],
  poolCheckJson: [node, 'bundle/cli.js', 'pool', 'check', '--pool-preset', 'mixed-39-46-48', '--memory', '32G', '--phys-bits', '39', '--json'],
  help: [node, 'bundle/cli.js', '--help'],
};

function once([cmd, ...args]) {
  const start = process.hrtime.bigint();
  const result = spawnSync(cmd, args, { stdio: 'ignore' });
  if (result.status !== 0 && result.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${result.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (const command of Object.values(commands)) once(command);
// Round-robin, so background load hits every command alike.
for (let i = 0; i < RUNS; i++) for (const [name, command] of Object.entries(commands)) samples[name].push(once(command));

const ms = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, Math.round(median(v) * 10) / 10]));
const ratio = (k) => Math.round((ms[k] / ms.bareNode) * 100) / 100;
const startup = {
  runs: RUNS,
  medianMs: ms,
  planJsonRatio: ratio('planJson'),
  planExpressionJsonRatio: ratio('planExpressionJson'),
  planPresetJsonRatio: ratio('planPresetJson'),
  poolCheckJsonRatio: ratio('poolCheckJson'),
  helpRatio: ratio('help'),
};
writeFileSync('bench/results.json', `${JSON.stringify({ startup }, null, 2)}\n`);
console.log('start-up, median wall time of', RUNS, 'runs (ratio to bare node; target for plan --json: <= 1.5)');
for (const [name, value] of Object.entries(ms)) console.log(`  ${name.padEnd(20)} ${String(value).padStart(7)} ms  ${name === 'bareNode' ? '' : `x${(value / ms.bareNode).toFixed(2)}`}`);
