// `RECORD_LOADS=FILE node --import ./bench/record-loads.mjs ...` appends to FILE the URL of every module file the
// process loads, one a line, ES modules and CommonJS alike: the start-up benchmark counts them, and a test checks what
// the README's commands load.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';

// The same file is the hooks module, which Node runs off the main thread.
if (isMainThread && process.env.RECORD_LOADS) {
  register(import.meta.url, { data: process.env.RECORD_LOADS });
  const file = process.env.RECORD_LOADS;
  const load = Module._load;
  // CommonJS files (the bin and what it requires); built-in modules are not files.
  Module._load = function (request, parent, isMain) {
    const exports = load.call(this, request, parent, isMain);
    if (!Module.isBuiltin(request)) appendFileSync(file, `${pathToFileURL(Module._resolveFilename(request, parent, isMain)).href}\n`);
    return exports;
  };
}

let record = '';

export function initialize(file) {
  record = file;
}

export async function load(url, context, next) {
  if (record && url.startsWith('file:')) appendFileSync(record, `${url}\n`);
  return next(url, context);
}
