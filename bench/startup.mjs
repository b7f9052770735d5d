// Start-up cost of the built command against bare Node, measured in the same run (median after a warm-up, commands
// interleaved round-robin so background load hits each alike), and how many module files each command loads.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const node = process.execPath;
export const COMMANDS = {
  bareNode: [node, '-e', '0'],
  planJson: [node, 'bundle/cli.cjs', 'plan', '--memory', '8G', '--vendor', 'intel', '--phys-bits', '39', '--firmware', 'edk2-stable202211', '--json'],
  planExpressionJson: [node, 'bundle/cli.cjs', 'plan', '--memory', '1T + 512G', '--phys-bits', '46', '--json'],
  planPresetJson: [node, 'bundle/cli.cjs', 'plan', '--preset', 'small-desktop', '--json'],
  poolCheckJson: [node, 'bundle/cli.cjs', 'pool', 'check', '--pool-preset', 'mixed-39-46-48', '--memory', '32G', '--phys-bits', '39', '--json'],
  help: [node, 'bundle/cli.cjs', '--help'],
};

/** Splits an example's command line as test/readme.test.ts does: spaces, and quotes around one argument. */
const words = (line) => [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);

/** Every `$ gpa-planner …` example of README.md, as the process a user starts: the target holds for each of them. */
export function readmeCommands() {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  return [...readme.matchAll(/```\n\$ gpa-planner (.*)\n/g)].map((m) => {
    const line = m[1].replace(/; echo \$\?$/, '');
    return { line, command: [node, 'bundle/cli.cjs', ...words(line)] };
  });
}

function once([cmd, ...args]) {
  const start = process.hrtime.bigint();
  const result = spawnSync(cmd, args, { stdio: 'ignore' });
  if (result.status !== 0 && result.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${result.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The module files a command loads, as file URLs, in load order (bench/record-loads.mjs). */
export function loadedFiles([cmd, ...args]) {
  const dir = mkdtempSync(join(tmpdir(), 'gpa-loads-'));
  try {
    const record = join(dir, 'loads.txt');
    const hook = new URL('./record-loads.mjs', import.meta.url).href;
    spawnSync(cmd, ['--import', hook, ...args], { stdio: 'ignore', env: { ...process.env, RECORD_LOADS: record } });
    // A CommonJS main module passes both the ES module hook and Module._load: one file, said once.
    return [...new Set(readFileSync(record, 'utf8').split('\n').filter((line) => line !== ''))];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function startup(runs = 30) {
  const readme = readmeCommands();
  const commands = { ...COMMANDS, ...Object.fromEntries(readme.map((r, i) => [`readme${i + 1}`, r.command])) };
  const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (const command of Object.values(commands)) once(command);
  for (let i = 0; i < runs; i++) for (const [name, command] of Object.entries(commands)) samples[name].push(once(command));
  const medianMs = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, Math.round(median(v) * 10) / 10]));
  const ratio = (k) => Math.round((medianMs[k] / medianMs.bareNode) * 100) / 100;
  return {
    runs,
    medianMs,
    planJsonRatio: ratio('planJson'),
    planExpressionJsonRatio: ratio('planExpressionJson'),
    planPresetJsonRatio: ratio('planPresetJson'),
    poolCheckJsonRatio: ratio('poolCheckJson'),
    helpRatio: ratio('help'),
    readme: readme.map((r, i) => ({ command: `gpa-planner ${r.line}`, medianMs: medianMs[`readme${i + 1}`], ratio: ratio(`readme${i + 1}`) })),
    filesLoaded: Object.fromEntries(Object.entries(COMMANDS).filter(([k]) => k !== 'bareNode').map(([k, command]) => [k, loadedFiles(command).length])),
  };
}
