/**
 * A QEMU command line as people have it → argv: a `ps`/`/proc/PID/cmdline` dump, a shell command with quoting, or the
 * block libvirt writes to /var/log/libvirt/qemu/NAME.log (a "starting up libvirt version: …, qemu version: …" header,
 * environment assignments, one argument per line ending in `\`).
 */
import { type InputError, inputError } from '../input-error.js';
import { releaseOf } from './imported.js';

export interface CommandLine {
  /** The arguments after the program name. */
  readonly args: readonly string[];
  /** The program (`/usr/bin/qemu-system-x86_64`), or null when the text starts with an option. */
  readonly program: string | null;
  /** From a libvirt log header: libvirt's and QEMU's releases, `X.Y`. */
  readonly libvirtVersion: string | null;
  readonly qemuVersion: string | null;
}

const LIBVIRT_HEADER = /starting up libvirt version: ([^,\n]+),.*?qemu version: ([^,\n]+)/;

export function commandLineFromText(text: string, source: string): CommandLine | InputError {
  if (text.includes('\0')) return commandLineFromWords(text.split('\0').filter((word, i, all) => word !== '' || i < all.length - 1));
  let rest = text;
  let libvirtVersion: string | null = null;
  let qemuVersion: string | null = null;
  const headers = [...text.matchAll(new RegExp(LIBVIRT_HEADER.source, 'g'))];
  const last = headers.at(-1);
  if (last) {
    libvirtVersion = releaseOf(last[1]!);
    qemuVersion = releaseOf(last[2]!);
    // The newest start-up in the log: the command is the first block after its header line.
    rest = text.slice(text.indexOf('\n', last.index) + 1);
  }
  const block = commandBlock(rest);
  // `ps` prints argv joined by spaces, without quoting: JSON arguments keep their double quotes there.
  const words = /(^|\s)\{"/.test(block) ? block.split(/\s+/).filter((w) => w !== '' && w !== '\\') : shellWords(block, source);
  if (!Array.isArray(words)) return words;
  return commandLineFromWords(words, libvirtVersion, qemuVersion);
}

/** Lines joined by trailing backslashes form one command; without any, the whole text is the command. */
function commandBlock(text: string): string {
  const lines = text.split(/\r?\n/);
  if (!lines.some((line) => /\\\s*$/.test(line))) return text;
  const start = lines.findIndex((line) => line.trim() !== '');
  const block: string[] = [];
  for (const line of lines.slice(start)) {
    block.push(line);
    if (!/\\\s*$/.test(line)) break;
  }
  return block.join('\n');
}

/** argv as a program would receive it, after any environment assignments and `sudo`/`env`/`exec`. */
export function commandLineFromWords(words: readonly string[], libvirtVersion: string | null = null, qemuVersion: string | null = null): CommandLine {
  // Environment assignments (LC_ALL=C PATH=… HOME=…) come before the program in libvirt's logs.
  let start = 0;
  while (start < words.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[start]!) || ['sudo', 'env', 'exec'].includes(words[start]!))) start++;
  const first = words[start];
  const program = first !== undefined && !first.startsWith('-') ? first : null;
  return { args: words.slice(program === null ? start : start + 1), program, libvirtVersion, qemuVersion };
}

/** POSIX shell word splitting: single quotes literal, double quotes with `\\ \" \$ \``, backslash escapes, `\`-newline. */
export function shellWords(text: string, source: string): string[] | InputError {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      const next = text[i + 1];
      i++;
      if (next === '\n' || next === undefined) continue;
      if (next === '\r' && text[i + 1] === '\n') {
        i++;
        continue;
      }
      word = (word ?? '') + next;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end === -1) return inputError(source, 'has a single quote that is never closed');
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let value = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && '\\"$`\n'.includes(text[j + 1] ?? '')) {
          j++;
          if (text[j] === '\n') continue;
        }
        value += text[j];
      }
      if (j >= text.length) return inputError(source, 'has a double quote that is never closed');
      word = (word ?? '') + value;
      i = j;
    } else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}
