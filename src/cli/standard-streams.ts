/**
 * Standard output and error, written with write(2) on descriptors 1 and 2. Node's `process.stdout` builds a stream
 * (and loads the stream, tty or net modules behind it) the first time it is touched: 3 ms of every command's start-up
 * for an answer of a few KB. A descriptor that is non-blocking (EAGAIN) falls back to Node's stream for the rest.
 */
import { writeSync } from 'node:fs';

/** Standard output that could not be written (issue 17): exit 4, unless the reader just closed the pipe. */
export const OUTPUT_FAILED = 4;

export interface StandardStreams {
  /** Writes all of `text` before returning; nothing once a write failed. */
  stdout(text: string): void;
  stderr(text: string): void;
  /** The first failed write of standard output; EPIPE is the reader closing the pipe (`| head`), which ends quietly. */
  failure(): NodeJS.ErrnoException | null;
  /** Standard output fell back to Node's stream and its buffer is full: wait for 'drain' before writing more. */
  mustDrain(): boolean;
}

/** Writes all of `bytes` to `fd`; what is left when the descriptor would block, else null. */
function writeAll(fd: number, bytes: Buffer): { rest: Buffer | null } {
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return { rest: bytes.subarray(offset) };
      throw error;
    }
  }
  return { rest: null };
}

export function standardStreams(): StandardStreams {
  let failure: NodeJS.ErrnoException | null = null;
  let outStream = false;
  let errStream = false;
  const failed = (error: NodeJS.ErrnoException) => {
    if (failure) return;
    failure = error;
    if (error.code === 'EPIPE') return;
    stderr(`gpa-planner: cannot write standard output (${error.code ?? error.message})\n`);
    process.exitCode = OUTPUT_FAILED;
  };
  const stdout = (text: string) => {
    if (failure) return;
    if (outStream) {
      process.stdout.write(text);
      return;
    }
    try {
      const { rest } = writeAll(1, Buffer.from(text));
      if (rest === null) return;
      outStream = true;
      process.stdout.on('error', failed);
      process.stdout.write(rest);
    } catch (error) {
      failed(error as NodeJS.ErrnoException);
    }
  };
  // A closed or full standard error must not change what the answer decided.
  const stderr = (text: string) => {
    if (errStream) {
      process.stderr.write(text);
      return;
    }
    try {
      const { rest } = writeAll(2, Buffer.from(text));
      if (rest === null) return;
      errStream = true;
      process.stderr.on('error', () => {});
      process.stderr.write(rest);
    } catch {
      // ignored: see above
    }
  };
  return { stdout, stderr, failure: () => failure, mustDrain: () => outStream && process.stdout.writableNeedDrain };
}
