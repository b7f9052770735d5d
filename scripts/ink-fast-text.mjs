// An esbuild plugin for the bundles that contain the terminal UI. ink handles each frame's text character by
// character through Intl.Segmenter (turning the text into cells and back, measuring each Text node and each cell),
// which was most of a frame's time. Three of its imports get drop-ins with fast paths for what the planner draws,
// checked against the originals by their tests: @alcalzone/ansi-tokenize and string-width in output.js, widest-line in
// render-node-to-output.js and measure-text.js. Nothing else in ink or elsewhere changes. The build fails if ink no
// longer imports them that way, rather than shipping a terminal UI that has silently become slow again.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const source = (path) => fileURLToPath(new URL(`../src/tui/${path}`, import.meta.url));

/** A module, the ink files whose import of it is swapped, and the drop-in (a module, or one export as the default). */
const SWAPS = [
  { module: '@alcalzone/ansi-tokenize', importers: ['output.js'], path: source('fast-ansi-tokenize.ts') },
  { module: 'string-width', importers: ['output.js'], path: source('fast-text-width.ts'), asDefault: 'stringWidth' },
  { module: 'widest-line', importers: ['render-node-to-output.js', 'measure-text.js'], path: source('fast-text-width.ts'), asDefault: 'widestLine' },
];

const inkFile = (importer) => importer.match(/[\\/]node_modules[\\/]ink[\\/]build[\\/]([^\\/]+)$/)?.[1];

export const inkFastText = {
  name: 'ink-fast-text',
  setup(build) {
    const swapped = new Set();
    build.onStart(() => {
      swapped.clear();
    });
    for (const swap of SWAPS) {
      build.onResolve({ filter: new RegExp(`^${swap.module.replace(/[/.]/g, '\\$&')}$`) }, (args) => {
        const file = inkFile(args.importer);
        if (!file || !swap.importers.includes(file)) return undefined;
        swapped.add(`${file}:${swap.module}`);
        return swap.asDefault ? { path: swap.module, namespace: 'ink-fast-text', pluginData: swap } : { path: swap.path };
      });
    }
    build.onLoad({ filter: /.*/, namespace: 'ink-fast-text' }, ({ pluginData: swap }) => ({
      contents: `export { ${swap.asDefault} as default } from ${JSON.stringify(swap.path)};`,
      loader: 'js',
      resolveDir: dirname(swap.path),
    }));
    build.onEnd((result) => {
      if (result.errors.length > 0) return null;
      const missing = SWAPS.flatMap((s) => s.importers.map((file) => `${file}:${s.module}`)).filter((key) => !swapped.has(key));
      return missing.length === 0 ? null : { errors: missing.map((key) => ({ text: `ink's build/${key.replace(':', ' no longer imports ')}: see scripts/ink-fast-text.mjs` })) };
    });
  },
};
