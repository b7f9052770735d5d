// `node scripts/code-cache.cjs BUNDLE_DIR`: writes the V8 code cache the bin reads (src/cli/bin.cjs). It compiles the
// program as the bin does and runs it on the commands below in this one process, so that the cache holds the bytecode
// of what those commands run; V8 compiles a function lazily, at its first call, and the cache keeps what was compiled.
// Functions not run here are compiled at their first call as without a cache. Run by scripts/build.mjs with the Node
// that builds, which is the Node the cache is for.
'use strict';
const { renameSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const bin = require(join(resolve(process.argv[2]), 'cli.cjs'));

// What users run most: every kind of command of the README and docs/ (flags, presets, devices and their fixes, JSON,
// Markdown, pools, recommendations, the reverse layout, help). Exit codes 0 and 1 are answers; anything else is a
// broken build.
const COMMANDS = [
  ['plan', '--memory', '1000G', '--vendor', 'amd', '--phys-bits', '40'],
  ['plan', '--memory', '8G', '--vendor', 'intel', '--phys-bits', '39', '--firmware', 'edk2-stable202211', '--json'],
  ['plan', '--memory', '1T + 512G', '--phys-bits', '46', '--json'],
  ['plan', '--preset', 'small-desktop'],
  ['plan', '--preset', 'gpu-4x', '--firmware', 'edk2-stable202211', '--vendor', 'intel', '--phys-bits', '40'],
  ['plan', '--preset', 'gpu-2x', '--format', 'markdown'],
  ['pool', 'check', '--pool-preset', 'mixed-39-46-48', '--memory', '32G', '--phys-bits', '39'],
  ['pool', 'check', '--pool-preset', 'mixed-39-46-48', '--memory', '32G', '--phys-bits', '39', '--json'],
  ['pool', 'recommend', '--pool-preset', 'debian-12-13-sid', '--memory', '32G'],
  ['reverse', '--width', '39', '--machine', 'q35', '--memory', '1G', '--vendor', 'intel'],
  ['presets'],
  ['explain', 'ovmf_width_untrusted'],
  ['--help'],
  ['plan', '--help'],
];

async function main() {
  const script = bin.programScript();
  for (const command of COMMANDS) {
    process.argv = [process.execPath, bin.PROGRAM, ...command];
    process.exitCode = 0;
    await bin.runProgram(script).finished;
    if (process.exitCode !== 0 && process.exitCode !== 1) throw new Error(`code cache: gpa-planner ${command.join(' ')} exited ${process.exitCode}`);
  }
  process.exitCode = 0;
  // Whole or not at all: V8 refuses a cache cut short (its length is in its header) but does not check its bytes.
  writeFileSync(`${bin.CACHE}.partial`, script.createCachedData());
  renameSync(`${bin.CACHE}.partial`, bin.CACHE);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
