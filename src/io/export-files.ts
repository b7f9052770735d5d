/** Writing files the user asked for, never over an existing one unless told to. */
import { access, writeFile } from 'node:fs/promises';

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
    try {
      // 'wx' fails if the file appeared since the check: it is still never overwritten unasked.
      await writeFile(file.path, file.text, { flag: overwrite ? 'w' : 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { kind: 'exists', paths: [file.path] };
      throw error;
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
