// An esbuild plugin that keeps the code every command loads at start-up in one chunk. esbuild puts each module in a
// chunk named for the set of entry points that reach it, and each lazily imported module is an entry point, so the
// start-up code was cut into a dozen small files by which lazy modules also use each part; every ES module file costs
// Node a resolve, a read, a compile and a link before the first line runs. Here every lazily loaded source module also
// imports `hub` (a module of the start-up code with no side effects when loaded), so the start-up code is reached
// from the same entry points and lands in one chunk. A lazy module is only ever loaded after the start-up code, so the
// added import does nothing at run time. Which modules are start-up code is read from a first build's metafile.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';

/** The files the build's entry points import statically, directly or not (the start-up code), read from a metafile. */
async function startupModules(options) {
  const { metafile } = await build({ ...options, write: false, metafile: true, logLevel: 'silent' });
  const seen = new Set();
  const visit = (path) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const { path: next, kind } of metafile.inputs[path]?.imports ?? []) if (kind === 'import-statement') visit(next);
  };
  // The entry points as given (lazily imported modules are entry points in the metafile's outputs too).
  const entries = Array.isArray(options.entryPoints) ? options.entryPoints : Object.values(options.entryPoints);
  for (const entry of entries) visit(relative(process.cwd(), resolve(entry)));
  return new Set([...seen].map((path) => resolve(path)));
}

/**
 * The plugin for `options` (the build it goes into), with `hub`, an absolute path, importing all the start-up code:
 * the module the bin entry imports. TypeScript files under `sourceDir` outside the start-up code get `import hub`.
 */
export async function oneStartChunk(options, { hub, sourceDir }) {
  const startup = await startupModules(options);
  if (!startup.has(hub)) throw new Error(`one-start-chunk: ${hub} is not start-up code`);
  const root = resolve(sourceDir) + sep;
  return {
    name: 'one-start-chunk',
    setup(b) {
      b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
        if (!args.path.startsWith(root) || startup.has(args.path)) return undefined;
        const text = await readFile(args.path, 'utf8');
        // On the file's first line, so that source maps keep its line numbers.
        return { contents: `import ${JSON.stringify(hub)};${text}`, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
      });
    },
  };
}
