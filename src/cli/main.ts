/**
 * The program the bin runs (bin.cjs compiles it from its code cache): the only place that touches process and decides
 * the exit status. `finished` settles when the command has ended (the build's code-cache run waits for it).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { run } from './program.js';
import { readBounded } from '../io/bounded-read.js';
import { OUTPUT_FAILED, standardStreams } from './standard-streams.js';

const streams = standardStreams();

/**
 * Chunk by chunk: each is written before the next is made (waiting for 'drain' on a file), so a streamed list never
 * piles up in memory. On standard output a failed write stops the list and is left to standardStreams (a closed pipe
 * ends quietly, anything else exits 4).
 */
async function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  if (path === '-') {
    for (const chunk of chunks) {
      if (streams.failure()) return;
      streams.stdout(chunk);
      if (streams.mustDrain()) await once(process.stdout, 'drain');
    }
    return;
  }
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  await Promise.race([once(out, 'open'), failed]);
  for (const chunk of chunks) {
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  }
  await Promise.race([new Promise<void>((resolve) => out.end(resolve)), failed]);
}

async function main(argv: string[]): Promise<void> {
  try {
    const code = await run(argv, {
      stdout: streams.stdout,
      stderr: streams.stderr,
      readText: (path, limit) => readBounded(path, limit),
      writeChunks,
      // TERM=dumb cannot move the cursor or switch screens: the planner is not drawn there (issue 21).
      isTerminal: () => Boolean(process.stdin.isTTY && process.stdout.isTTY) && process.env.TERM !== 'dumb',
    });
    const failure = streams.failure();
    process.exitCode = failure && failure.code !== 'EPIPE' ? OUTPUT_FAILED : code;
  } catch (error) {
    streams.stderr(`gpa-planner: internal error, please report it: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 3;
  }
}

export const finished = main(process.argv.slice(2));
