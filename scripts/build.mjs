// Bundles the CLI and the library with esbuild. Code splitting keeps mathjs, zod, the XML parser, ink and React in
// chunks that load only when a size is an expression, a file is read, XML is imported or the terminal UI opens, so
// `plan --json` stays near bare Node's start-up time. The CLI and the library are built apart: sharing chunks with the
// library would cut the CLI's start-up code into more files, and every ES module file costs a resolve and a link.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

const common = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // commander is CommonJS; inside an ESM bundle its require() calls need a real require.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  external: ['react-devtools-core'],
  // Less for V8 to scan at start-up; identifiers are kept so that an internal error's stack trace stays readable.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
};

await rm('bundle', { recursive: true, force: true });
await build({ ...common, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'bundle', chunkNames: 'chunks/[name]-[hash]' });
await build({ ...common, entryPoints: { index: 'src/index.ts' }, outdir: 'bundle', chunkNames: 'lib/[name]-[hash]' });
