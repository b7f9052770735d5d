/**
 * Writing the files the user asked for as a set (issue 21): every file or none, never over an existing one unless
 * told to, never half-written. Each text goes to a temporary file beside its target first; only when every temporary
 * is written does any target change, and a target that cannot take its file undoes the ones already in place.
 */
import { access, link, lstat, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface NewFile {
  readonly path: string;
  readonly text: string;
}

export type WriteResult =
  | { readonly kind: 'written'; readonly paths: readonly string[] }
  | { readonly kind: 'exists'; readonly paths: readonly string[] };

/** A file beside `path` that only this process uses. */
const beside = (path: string, what: string) => join(dirname(path), `.${basename(path)}.${process.pid}.${what}`);

/** Writes every file, or none when one already exists (unless `overwrite`): then the ones that exist. */
export async function writeNewFiles(files: readonly NewFile[], overwrite: boolean): Promise<WriteResult> {
  const existing = (await Promise.all(files.map(async (f) => ((await exists(f.path)) ? f.path : null)))).filter((p) => p !== null);
  if (!overwrite && existing.length > 0) return { kind: 'exists', paths: existing };
  // Only regular files are written over: a directory or a device in the way fails the set before anything changes.
  for (const path of existing) {
    if (!(await lstat(path)).isFile()) throw new Error(`${basename(path)} is not a regular file; nothing written`);
  }
  const temporaries = files.map((f) => beside(f.path, 'tmp'));
  const undo: (() => Promise<void>)[] = [];
  let current = '';
  try {
    for (const [i, file] of files.entries()) await writeFile(temporaries[i]!, file.text, { flag: 'wx' });
    for (const [i, file] of files.entries()) {
      current = file.path;
      if (overwrite && existing.includes(file.path)) {
        // The old file stays reachable under a backup name until the whole set is in place.
        const backup = beside(file.path, 'bak');
        await link(file.path, backup);
        await rename(temporaries[i]!, file.path);
        undo.push(() => rename(backup, file.path));
      } else {
        // link() fails if the file appeared since the check, where rename() would replace it.
        await link(temporaries[i]!, file.path);
        undo.push(() => rm(file.path, { force: true }));
      }
    }
  } catch (error) {
    for (const step of undo.reverse()) await step().catch(() => {});
    if ((error as NodeJS.ErrnoException).code === 'EEXIST' && !overwrite) return { kind: 'exists', paths: [current] };
    throw error;
  } finally {
    // What is left beside the targets goes; a cleanup failure must not hide the error that matters.
    await Promise.all([...temporaries, ...files.map((f) => beside(f.path, 'bak'))].map((t) => rm(t, { force: true }).catch(() => {})));
  }
  return { kind: 'written', paths: files.map((f) => f.path) };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
