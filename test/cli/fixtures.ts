/** Paths of test/fixtures/ for the CLI tests, and a scratch directory for files a test writes. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const fixturePath = (name: string): string => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
export const fixtureText = (name: string): string => readFileSync(fixturePath(name), 'utf8');

/** Writes `text` to a new file in a fresh temporary directory and returns its path. */
export function scratchFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'gpa-planner-')), name);
  writeFileSync(path, text);
  return path;
}

/** These tests spawn the CLI several times each; on a loaded 2-core machine that can take longer than vitest's 5 s. */
export const CLI_TIMEOUT = 30_000;
