/**
 * Reading a user's file, or standard input for "-", up to a limit: never more than limit + 1 bytes in memory, and a
 * strict UTF-8 decode, so invalid bytes are refused rather than turned into U+FFFD (issue 17, issue 21).
 */
import { open } from 'node:fs/promises';
import { type InputLimit, tooLargeText } from '../input/input-limits.js';

const CHUNK = 64 * 1024;

/** A read refused for what the input is, not for an I/O failure: its message is the whole reason. */
export class InputRefused extends Error {}

export async function readBounded(path: string, limit: InputLimit, stdin: AsyncIterable<Buffer> = process.stdin): Promise<string> {
  const bytes = path === '-' ? await readStream(stdin, limit) : await readFileBounded(path, limit);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputRefused('not UTF-8 text');
  }
}

async function readFileBounded(path: string, limit: InputLimit): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(CHUNK), 0, CHUNK, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit.bytes) throw new InputRefused(tooLargeText(limit));
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

async function readStream(stream: AsyncIterable<Buffer>, limit: InputLimit): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.length;
    // Leaving the loop early ends the iteration: nothing more is read from the pipe.
    if (total > limit.bytes) throw new InputRefused(tooLargeText(limit));
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/** `cannot read PATH (…)`'s reason: the refusal itself, or the system's error code. */
export function readFailure(error: unknown): string {
  if (error instanceof InputRefused) return error.message;
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}
