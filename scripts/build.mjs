// Bundles the CLI and the library with esbuild: code splitting keeps mathjs and zod in chunks that load only when a
// size is an expression or a JSON file is read, so `plan --json` stays near bare Node's start-up time.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

await rm('bundle', { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli/main.ts', index: 'src/index.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'bundle',
  chunkNames: 'chunks/[name]-[hash]',
  // commander is CommonJS; inside an ESM bundle its require() calls need a real require.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  external: ['react-devtools-core'],
  logLevel: 'warning',
});
