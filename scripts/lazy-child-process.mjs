// An esbuild plugin: commander requires node:child_process when it loads (lib/command.js, for executable subcommands,
// which gpa-planner has none of), and compiling Node's child_process and what it pulls in (net, dgram, …) cost 2.4 ms
// of every command's start-up. Commander gets an object that loads the real module on first use instead.
export const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};
