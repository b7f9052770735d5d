/** Runs the built command (bundle/cli.cjs, built by `npm test`'s pretest step) as a user would. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../bundle/cli.cjs', import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: readonly string[], input?: string): CliResult {
  // Pool documents of thousands of groups run to megabytes: past spawnSync's 1 MiB default.
  const result = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function cliJson(args: readonly string[], input?: string): { status: number | null; json: any; stderr: string } {
  const result = cli([...args, '--json'], input);
  return { status: result.status, json: JSON.parse(result.stdout), stderr: result.stderr };
}
