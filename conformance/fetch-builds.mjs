// Fetches the builds of conformance/builds.mjs from Debian's archive into the cache, once: a private apt
// configuration (its own sources list, an empty dpkg status) downloads each package with its whole library closure
// from its own suite, and dpkg-deb unpacks them into one root per build. A QEMU from a newer suite then runs through
// its root's own dynamic loader (qemuCommand).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OVMF_BUILDS, PROBE_BUILDS, QEMU_BUILDS, SUITES } from './builds.mjs';

function run(command, args, options = {}) {
  const out = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...options });
  if (out.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${out.stderr || out.stdout}`);
  return out.stdout;
}

function aptConfig(cache) {
  const dir = join(cache, 'apt');
  if (!existsSync(join(dir, 'state', 'status'))) {
    for (const sub of ['etc', 'state/lists/partial']) mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, 'etc', 'sources.list'), SUITES.map((s) => `deb http://deb.debian.org/debian ${s} main\n`).join(''));
    writeFileSync(join(dir, 'state', 'status'), '');
  }
  return [
    '-o', `Dir::Etc::SourceList=${join(dir, 'etc', 'sources.list')}`, '-o', 'Dir::Etc::SourceParts=/dev/null',
    '-o', `Dir::State=${join(dir, 'state')}`, '-o', `Dir::State::status=${join(dir, 'state', 'status')}`,
    '-o', 'Debug::NoLocking=1', '-o', 'APT::Architecture=amd64',
  ];
}

/** Downloads a package and its closure from its suite into ROOT/debs and unpacks them into ROOT. */
function fetchBuild(cache, build, options, withClosure) {
  const root = join(cache, 'builds', build.id);
  if (existsSync(join(root, '.done'))) return root;
  const debs = join(root, 'debs');
  mkdirSync(join(debs, 'partial'), { recursive: true });
  const what = `${build.package}=${build.version}`;
  const args = withClosure
    ? ['-t', build.suite, '--no-install-recommends', '-y', '--download-only', '-o', `Dir::Cache::archives=${debs}`, 'install', what]
    : ['download', what];
  run('apt-get', [...options, ...args], { cwd: debs });
  for (const deb of readdirSync(debs).filter((f) => f.endsWith('.deb'))) run('dpkg-deb', ['-x', join(debs, deb), root]);
  writeFileSync(join(root, '.done'), `${what}\n`);
  return root;
}

export function fetchBuilds(cache) {
  const options = aptConfig(cache);
  if (!existsSync(join(cache, 'apt', 'state', 'lists', 'lock')) || readdirSync(join(cache, 'apt', 'state', 'lists')).length < 3) {
    run('apt-get', [...options, 'update']);
  }
  const roots = {};
  for (const build of QEMU_BUILDS) roots[build.id] = fetchBuild(cache, build, options, true);
  for (const build of [...OVMF_BUILDS, ...PROBE_BUILDS]) roots[build.id] = fetchBuild(cache, build, options, false);
  return roots;
}

/** The environment a build's QEMU needs: its own module directory (TCG itself is a module in Debian's 7.2). */
export function qemuEnv(root) {
  return { ...process.env, QEMU_MODULE_DIR: join(root, 'usr/lib/x86_64-linux-gnu/qemu') };
}

/** argv[0..] that start a build's QEMU from its unpacked root. */
export function qemuCommand(root) {
  const libs = ['lib/x86_64-linux-gnu', 'usr/lib/x86_64-linux-gnu', 'usr/lib/x86_64-linux-gnu/pulseaudio'].map((d) => join(root, d)).join(':');
  const loader = join(root, 'usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2');
  const ld = existsSync(loader) ? loader : join(root, 'lib/x86_64-linux-gnu/ld-linux-x86-64.so.2');
  return [ld, '--library-path', libs, join(root, 'usr/bin/qemu-system-x86_64'), '-L', join(root, 'usr/share/qemu')];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const cache = process.env.GPA_CONFORMANCE_CACHE ?? '/var/cache/gpa-planner-conformance';
  console.log(JSON.stringify(fetchBuilds(cache), null, 2));
}
