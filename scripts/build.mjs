// Bundles the CLI and the library with esbuild, and makes the CLI's code cache.
// The CLI is one CommonJS file, bundle/cli-main.cjs, which the bin (bundle/cli.cjs, from src/cli/bin.cjs) compiles from
// the V8 code cache scripts/code-cache.cjs writes: an ES module entry costs Node a resolve, a link and an asynchronous
// job per file, and compiling what a command runs was a fifth of its start-up. What only some commands need and
// CommonJS cannot hold, or that would make every start-up read more, are files of their own (separateParts): the
// terminal UI, an ES module bundle (ink waits for yoga's WebAssembly at its top level), and mathjs behind size
// expressions. The library is an ES module bundle with its own chunks.
// The library's type declarations (bundle/types, package.json "types") come from tsc, run beside esbuild: it is the
// slowest step (a whole build took 6.3 s from scratch and 4.6 s without source changes, against 2 s for the bundles
// alone, on the shared 2-core machine), so it is incremental; bundle/types is kept when the rest of bundle/ is rebuilt.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { chmod, copyFile, readdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { COMMON_OPTIONS, UI_OPTIONS } from './bundle-options.mjs';
import { lazyChildProcess } from './lazy-child-process.mjs';

const script = (path) => fileURLToPath(new URL(path, import.meta.url));

const types = run(script('../node_modules/typescript/bin/tsc'), ['-p', 'tsconfig.build.json'], 'tsc (declarations)');
for (const entry of await readdir('bundle').catch(() => [])) {
  if (entry !== 'types') await rm(`bundle/${entry}`, { recursive: true, force: true });
}

/** The lazily imported modules that are files of their own beside cli-main.cjs: the importer's specifier → the file. */
const SEPARATE = { '../tui/run.js': './tui.cjs', './size-math.js': './size-math.cjs' };
const separateParts = {
  name: 'separate-parts',
  setup(b) {
    b.onResolve({ filter: /(\/tui\/run|\/size-math)\.js$/ }, (args) => (SEPARATE[args.path] ? { path: SEPARATE[args.path], external: true } : undefined));
  },
};
const CJS = {
  ...COMMON_OPTIONS,
  format: 'cjs',
  splitting: false,
  // import() of a separate part becomes require(): the program runs as a vm script, where import() needs a flag.
  supported: { 'dynamic-import': false },
  // presets/ is found from the program's own place (src/io/presets.ts).
  define: { ...UI_OPTIONS.define, 'import.meta.url': '__programUrl' },
  banner: { js: "var __programUrl = require('node:url').pathToFileURL(__filename).href;" },
  outdir: 'bundle',
  outExtension: { '.js': '.cjs' },
};
await Promise.all([
  build({ ...CJS, entryPoints: { 'cli-main': 'src/cli/main.ts' }, plugins: [lazyChildProcess, separateParts] }),
  build({ ...CJS, entryPoints: { 'size-math': 'src/input/size-math.ts' } }),
  build({ ...COMMON_OPTIONS, ...UI_OPTIONS, entryPoints: { run: 'src/tui/run.tsx' }, outdir: 'bundle/tui', chunkNames: 'chunks/[name]-[hash]' }),
  build({ ...COMMON_OPTIONS, entryPoints: { index: 'src/index.ts' }, outdir: 'bundle', chunkNames: 'lib/[name]-[hash]' }),
]);
// The CommonJS program reaches the terminal UI's ES module bundle through this file's import().
await writeFile('bundle/tui.cjs', "'use strict';\nexports.runTui = async (...args) => (await import('./tui/run.js')).runTui(...args);\n");
await copyFile('src/cli/bin.cjs', 'bundle/cli.cjs');
await chmod('bundle/cli.cjs', 0o755);
await run(script('./code-cache.cjs'), ['bundle'], 'the code cache (scripts/code-cache.cjs)', ['ignore', 'ignore', 'inherit']);
await types;

/** A Node script as a promise that fails with its own output. */
function run(file, args, what, stdio = 'inherit') {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], { stdio });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${what} exited with ${code}`))));
  });
}
