#!/usr/bin/env node
// The gpa-planner command. It compiles the program (cli-main.cjs, one CommonJS file: an ES module entry costs Node a
// resolve, a link and an asynchronous job per file) from the V8 code cache the build made by running it
// (scripts/code-cache.cjs), so the bytecode of what a command runs is read instead of compiled: about 20 ms of a
// 100 ms start-up. Node 20 has no compile cache of its own (module.enableCompileCache is Node 22).
// A cache from another Node or V8, with other V8 flags, for a program of another length or cut short is rejected by V8
// itself, and the program is then compiled as usual; V8 does not check the cache's bytes, so the build writes it whole
// (rename) or not at all, and a cache from any other place must not be put here. With
// --enable-source-maps the program is required instead, so that stack traces name the sources.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const PROGRAM = join(__dirname, 'cli-main.cjs');
const CACHE = join(__dirname, 'cli-main.v8-cache');

/** The program as a script whose function takes CommonJS's module arguments, with the cached code when there is one. */
function programScript() {
  const { Script } = require('node:vm');
  let cachedData;
  try {
    cachedData = readFileSync(CACHE);
  } catch {
    cachedData = undefined;
  }
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(PROGRAM, 'utf8')}\n})`;
  return new Script(source, { filename: PROGRAM, cachedData });
}

/** Runs the program in `script` as the module `cli-main.cjs`; returns its exports (`finished`). */
function runProgram(script) {
  const program = { exports: {} };
  script.runInThisContext()(program.exports, require, program, PROGRAM, __dirname);
  return program.exports;
}

if (require.main === module) {
  if (process.sourceMapsEnabled) require(PROGRAM);
  else runProgram(programScript());
} else {
  module.exports = { programScript, runProgram, PROGRAM, CACHE };
}
