// Bundles the CLI and the library with esbuild. Code splitting keeps mathjs, zod, the XML parser, ink and React in
// chunks that load only when a size is an expression, a file is read, XML is imported or the terminal UI opens, so
// `plan --json` stays near bare Node's start-up time. The CLI and the library are built apart: sharing chunks with the
// library would cut the CLI's start-up code into more files, and every ES module file costs a resolve and a link.
// For the same reason the CLI's start-up code goes in one chunk (scripts/one-start-chunk.mjs).
// The library's type declarations (bundle/types, package.json "types") come from tsc, run beside esbuild: it is the
// slowest step (a whole build took 6.3 s from scratch and 4.6 s without source changes, against 2 s for the bundles
// alone, on the shared 2-core machine), so it is incremental; bundle/types is kept when the rest of bundle/ is rebuilt.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { COMMON_OPTIONS, UI_OPTIONS } from './bundle-options.mjs';
import { oneStartChunk } from './one-start-chunk.mjs';

const source = (path) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

const types = declarations();
for (const entry of await readdir('bundle').catch(() => [])) {
  if (entry !== 'types') await rm(`bundle/${entry}`, { recursive: true, force: true });
}
const cli = { ...COMMON_OPTIONS, ...UI_OPTIONS, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'bundle', chunkNames: 'chunks/[name]-[hash]' };
// The bin entry's one import: the commands, and through them everything a command needs before it looks at its input.
const startChunk = await oneStartChunk(cli, { hub: source('cli/program.ts'), sourceDir: source('.') });
await build({ ...cli, plugins: [...UI_OPTIONS.plugins, startChunk] });
await build({ ...COMMON_OPTIONS, entryPoints: { index: 'src/index.ts' }, outdir: 'bundle', chunkNames: 'lib/[name]-[hash]' });
await types;

/** tsc's declaration emit (tsconfig.build.json), as a promise that fails with tsc's own output. */
function declarations() {
  const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`tsc (declarations) exited with ${code}`))));
  });
}
