/**
 * Standard output and error, written with write(2) on descriptors 1 and 2. Node's `process.stdout` builds a stream
 * (and loads the stream, tty or net modules behind it) the first time it is touched: 3 ms of every command's start-up
 * for an answer of a few KB. A descriptor that is non-blocking (EAGAIN) falls back to Node's stream for the rest.
 */
import { writeSync } from 'node:fs';

/** Standard output that could not be written (issue 17): exit 4, unless the reader just closed the pipe. */
export const OUTPUT_FAILED = 4;

export interface StandardStreams {
  /** Writes `text` before returning (after a fallback, queues it in Node's stream); nothing once a write failed. */
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

/** Writes to `fd` with write(2) until it would block; from then on through Node's stream, which `stream()` builds. */
function descriptorWriter(fd: number, stream: () => NodeJS.WriteStream, onError: (error: NodeJS.ErrnoException) => void) {
  let streamed: NodeJS.WriteStream | null = null;
  const write = (text: string) => {
    if (streamed) {
      streamed.write(text);
      return;
    }
    try {
      const { rest } = writeAll(fd, Buffer.from(text));
      if (rest === null) return;
      streamed = stream();
      streamed.on('error', onError);
      streamed.write(rest);
    } catch (error) {
      onError(error as NodeJS.ErrnoException);
    }
  };
  return { write, mustDrain: () => streamed !== null && streamed.writableNeedDrain };
}

export function standardStreams(): StandardStreams {
  let failure: NodeJS.ErrnoException | null = null;
  // A closed or full standard error must not change what the answer decided.
  const err = descriptorWriter(2, () => process.stderr, () => {});
  const out = descriptorWriter(1, () => process.stdout, (error) => {
    if (failure) return;
    failure = error;
    if (error.code === 'EPIPE') return;
    err.write(`gpa-planner: cannot write standard output (${error.code ?? error.message})\n`);
    process.exitCode = OUTPUT_FAILED;
  });
  return {
    stdout: (text) => {
      if (!failure) out.write(text);
    },
    stderr: err.write,
    failure: () => failure,
    mustDrain: out.mustDrain,
  };
}
