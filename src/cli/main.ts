#!/usr/bin/env node
/** The bin entry: the only place that touches process and decides the exit status. */
import { readFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { run } from './program.js';

async function readText(path: string): Promise<string> {
  if (path !== '-') return readFile(path, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Chunk by chunk, waiting for the stream to drain: a streamed list never piles up in memory. */
async function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  const out: Writable = path === '-' ? process.stdout : createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  if (path !== '-') await Promise.race([once(out, 'open'), failed]);
  for (const chunk of chunks) if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  if (path !== '-') await Promise.race([new Promise<void>((resolve) => out.end(resolve)), failed]);
}

try {
  process.exitCode = await run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readText,
    writeChunks,
    isTerminal: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  });
} catch (error) {
  process.stderr.write(`gpa-planner: internal error, please report it: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 3;
}
