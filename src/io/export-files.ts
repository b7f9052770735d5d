/** Writing files the user asked for, never over an existing one unless told to, and never half-written. */
import { access, link, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface NewFile {
  readonly path: string;
  readonly text: string;
}

export type WriteResult =
  | { readonly kind: 'written'; readonly paths: readonly string[] }
  | { readonly kind: 'exists'; readonly paths: readonly string[] };

/** Writes every file, or none when one already exists (unless `overwrite`): then the ones that exist. */
export async function writeNewFiles(files: readonly NewFile[], overwrite: boolean): Promise<WriteResult> {
  if (!overwrite) {
    const existing = (await Promise.all(files.map(async (f) => ((await exists(f.path)) ? f.path : null)))).filter((p) => p !== null);
    if (existing.length > 0) return { kind: 'exists', paths: existing };
  }
  const written: string[] = [];
  for (const file of files) {
    // The text goes to a temporary file beside the target first, which then takes the target's name in one step:
    // rename() when overwriting is allowed, link() otherwise, which fails if the file appeared since the check.
    const temporary = join(dirname(file.path), `.${basename(file.path)}.${process.pid}.tmp`);
    await writeFile(temporary, file.text, { flag: 'wx' });
    try {
      if (overwrite) await rename(temporary, file.path);
      else await link(temporary, file.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { kind: 'exists', paths: [file.path] };
      throw error;
    } finally {
      await rm(temporary, { force: true });
    }
    written.push(file.path);
  }
  return { kind: 'written', paths: written };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
