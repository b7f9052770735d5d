// Bundles the CLI and the library with esbuild. Code splitting keeps mathjs, zod, the XML parser, ink and React in
// chunks that load only when a size is an expression, a file is read, XML is imported or the terminal UI opens, so
// `plan --json` stays near bare Node's start-up time. The CLI and the library are built apart: sharing chunks with the
// library would cut the CLI's start-up code into more files, and every ES module file costs a resolve and a link.
// For the same reason the CLI's start-up code goes in one chunk (scripts/one-start-chunk.mjs).
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { COMMON_OPTIONS, UI_OPTIONS } from './bundle-options.mjs';
import { oneStartChunk } from './one-start-chunk.mjs';

const source = (path) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

await rm('bundle', { recursive: true, force: true });
const cli = { ...COMMON_OPTIONS, ...UI_OPTIONS, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'bundle', chunkNames: 'chunks/[name]-[hash]' };
// The bin entry's one import: the commands, and through them everything a command needs before it looks at its input.
const startChunk = await oneStartChunk(cli, { hub: source('cli/program.ts'), sourceDir: source('.') });
await build({ ...cli, plugins: [...UI_OPTIONS.plugins, startChunk] });
await build({ ...COMMON_OPTIONS, entryPoints: { index: 'src/index.ts' }, outdir: 'bundle', chunkNames: 'lib/[name]-[hash]' });
