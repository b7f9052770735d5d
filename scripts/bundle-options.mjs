// The esbuild options of the CLI's bundle, shared by scripts/build.mjs and the terminal-UI benchmark
// (bench/tui-replan.mjs), so that the benchmark measures the code users run.
import { inkFastText } from './ink-fast-text.mjs';
import { lazyChildProcess } from './lazy-child-process.mjs';

/** Options of every bundle (the CLI and the library). */
export const COMMON_OPTIONS = {
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
  // Source maps beside every file (`node --enable-source-maps` reads them; a plain start-up never does), naming the
  // src/ files and lines; without the sources' text, which the package does not need to carry.
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
};

/** Options of bundles that hold the terminal UI, on top of COMMON_OPTIONS. */
export const UI_OPTIONS = {
  // React's production build: the development build, which React picks when NODE_ENV is unset, as it is for users,
  // checks and warns at every render. Only React and its scheduler read NODE_ENV in the CLI's bundle.
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [inkFastText, lazyChildProcess],
};
