// `RECORD_LOADS=FILE node --import ./bench/record-loads.mjs ...` appends to FILE the URL of every module file the
// process loads, one a line: the start-up benchmark counts them, and a test checks what `plan --json` loads.
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

// The same file is the hooks module, which Node runs off the main thread.
if (isMainThread && process.env.RECORD_LOADS) register(import.meta.url, { data: process.env.RECORD_LOADS });

let record = '';

export function initialize(file) {
  record = file;
}

export async function load(url, context, next) {
  if (record && url.startsWith('file:')) appendFileSync(record, `${url}\n`);
  return next(url, context);
}
