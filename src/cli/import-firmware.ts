/**
 * What `import host` reads of the machine beyond the files it is given, and only when asked: the descriptors in
 * `--firmware-dir DIR` and the sizes of the firmware files descriptors name (stat, links followed; never read).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type InputError, inputError, isInputError } from '../input/input-error.js';
import { type Io, readUserFile } from './io.js';
import { INPUT_LIMITS } from '../input/input-limits.js';
import { readFailure } from '../io/bounded-read.js';

export interface DirDescriptors {
  readonly files: { readonly text: string; readonly source: string }[];
  readonly warnings: string[];
}

/**
 * The `*.json` files of a firmware descriptor directory in file-name order, the order QEMU's firmware.json prescribes
 * for picking among them; a zero-length file only masks a less specific directory's file of the same name, and is skipped.
 */
export async function readFirmwareDir(dir: string, io: Io): Promise<DirDescriptors | InputError> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    return inputError('--firmware-dir', `cannot read ${dir} (${readFailure(error)})`);
  }
  if (names.length === 0) return inputError('--firmware-dir', `${dir} holds no *.json firmware descriptor (QEMU's are in /usr/share/qemu/firmware)`);
  const files: { text: string; source: string }[] = [];
  const warnings: string[] = [];
  for (const name of names) {
    const path = join(dir, name);
    // A FIFO or a device named *.json would block the read or never end (issue 21): only regular files are read.
    const regular = await stat(path).then((s) => s.isFile(), () => true); // a stat failure is the read's to report
    if (!regular) return inputError('--firmware-dir', `${path} is not a regular file; a firmware descriptor is one`);
    const read = await readUserFile(io, path, '--firmware-dir', INPUT_LIMITS.firmwareDescriptor);
    if (isInputError(read)) return read;
    const { text } = read;
    if (text.length === 0) warnings.push(`${path}: empty (it masks a descriptor of the same name in a less specific directory): skipped`);
    else files.push({ text, source: path });
  }
  return { files, warnings };
}

/** The byte size of each path that is a regular file here (links followed); the others are left out. */
export async function fileSizes(paths: readonly string[]): Promise<Map<string, bigint>> {
  const sizes = new Map<string, bigint>();
  for (const path of new Set(paths)) {
    try {
      const info = await stat(path, { bigint: true });
      if (info.isFile()) sizes.set(path, info.size);
    } catch {
      // Not found or not readable: the descriptor's image is left out, with a warning, by descriptorImages.
    }
  }
  return sizes;
}
