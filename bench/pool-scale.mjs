// Pool check and recommend on varied fleets (issue 20): the built command on a generated pool file of 1,000, 10,000
// and 100,000 hosts (bench/varied-fleet.mjs), text and JSON, each run as its own process under /usr/bin/time for the
// peak RSS (Node cannot read a child's), with the output written to a file for its size.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { variedFleet } from './varied-fleet.mjs';

const CLI = fileURLToPath(new URL('../bundle/cli.cjs', import.meta.url));
const TIME = '/usr/bin/time';
// A VM every host can plan: 8 GiB, the pool's oldest QEMU's machine type, phys-bits 40.
const ARGS = ['--memory', '8G', '--phys-bits', '40'];

export const COMMANDS = [
  ['check', []], ['check', ['--json']], ['recommend', []], ['recommend', ['--json']],
];

/** One run: wall seconds, peak RSS in MB (null without /usr/bin/time), output bytes, exit status, stderr's first line. */
function measure(pool, command, extra, dir) {
  const out = join(dir, 'out');
  const timing = join(dir, 'time');
  const fd = openSync(out, 'w');
  const args = [CLI, 'pool', command, '--pool', pool, ...ARGS, ...extra];
  const timed = existsSync(TIME);
  const start = process.hrtime.bigint();
  const run = timed
    ? spawnSync(TIME, ['-f', '%M', '-o', timing, process.execPath, ...args], { stdio: ['ignore', fd, 'pipe'] })
    : spawnSync(process.execPath, args, { stdio: ['ignore', fd, 'pipe'] });
  const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  closeSync(fd);
  // The group count from the pool check's own JSON, so it is what was checked.
  const groups = command === 'check' && extra.includes('--json') && run.status !== 2 ? JSON.parse(readFileSync(out, 'utf8')).groups.length : undefined;
  const rssKb = timed ? Number(readFileSync(timing, 'utf8').trim().split('\n').at(-1)) : NaN;
  return {
    command: `pool ${command}${extra.length ? ` ${extra.join(' ')}` : ''}`,
    wallSeconds: Number(wallSeconds.toFixed(2)),
    peakRssMB: Number.isFinite(rssKb) ? Math.round(rssKb / 1024) : null,
    outputBytes: statSync(out).size,
    status: run.status,
    stderr: run.stderr.toString('utf8').split('\n')[0] ?? '',
    ...(groups === undefined ? {} : { groups }),
  };
}

/** Every command on each fleet size. */
export function poolScale(sizes = [1000, 10000, 100000], commands = COMMANDS) {
  const dir = mkdtempSync(join(tmpdir(), 'gpa-pool-scale-'));
  try {
    return sizes.map((hosts) => {
      const pool = join(dir, `varied-${hosts}.json`);
      writeFileSync(pool, JSON.stringify(variedFleet(hosts)));
      const runs = commands.map(([command, extra]) => measure(pool, command, extra, dir));
      return { hosts, groups: runs.find((r) => r.groups !== undefined)?.groups ?? null, runs: runs.map(({ groups: _, ...r }) => r) };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv.slice(2).map(Number);
  console.log(JSON.stringify(poolScale(sizes.length ? sizes : undefined), null, 2));
}
