#!/usr/bin/env node
/** The bin entry: the only place that touches process and decides the exit status. */
import { readFile } from 'node:fs/promises';
import { run } from './program.js';

async function readText(path: string): Promise<string> {
  if (path !== '-') return readFile(path, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

try {
  process.exitCode = await run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readText,
    isTerminal: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  });
} catch (error) {
  process.stderr.write(`gpa-planner: internal error, please report it: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 3;
}
