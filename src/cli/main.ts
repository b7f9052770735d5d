#!/usr/bin/env node
/** The bin entry: the only place that touches process and decides the exit status. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { run } from './program.js';
import { readBounded } from '../io/bounded-read.js';

/** Standard output that could not be written (issue 17): exit 4, unless the reader just closed the pipe. */
const OUTPUT_FAILED = 4;
const output: { error: NodeJS.ErrnoException | null } = { error: null };
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (output.error) return;
  output.error = error;
  // A closed pipe (`| head`) is the reader saying it has enough: end quietly with the answer's own exit code.
  if (error.code === 'EPIPE') return;
  process.stderr.write(`gpa-planner: cannot write standard output (${error.code ?? error.message})\n`);
  process.exitCode = OUTPUT_FAILED;
});
// A closed or full standard error must not change what the answer decided.
process.stderr.on('error', () => {});

/**
 * Chunk by chunk, waiting for the stream to drain: a streamed list never piles up in memory. On standard output a
 * failed write stops the list and is left to the handler above (a closed pipe ends quietly, anything else exits 4).
 */
async function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  const toStdout = path === '-';
  const out: Writable = toStdout ? process.stdout : createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  try {
    if (!toStdout) await Promise.race([once(out, 'open'), failed]);
    for (const chunk of chunks) {
      if (output.error && toStdout) return;
      if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
    }
    if (!toStdout) await Promise.race([new Promise<void>((resolve) => out.end(resolve)), failed]);
  } catch (error) {
    if (!toStdout) throw error;
  }
}

try {
  const code = await run(process.argv.slice(2), {
    stdout: (text) => {
      if (!output.error) process.stdout.write(text);
    },
    stderr: (text) => process.stderr.write(text),
    readText: (path, limit) => readBounded(path, limit),
    writeChunks,
    // TERM=dumb cannot move the cursor or switch screens: the planner is not drawn there (issue 21).
    isTerminal: Boolean(process.stdin.isTTY && process.stdout.isTTY) && process.env.TERM !== 'dumb',
  });
  process.exitCode = output.error && output.error.code !== 'EPIPE' ? OUTPUT_FAILED : code;
} catch (error) {
  process.stderr.write(`gpa-planner: internal error, please report it: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 3;
}
