// Builds the probe initramfs: busybox-static, conformance/probe-init.sh as /init, and the kernel's qemu_fw_cfg module
// (so the guest can read QEMU's own etc/e820). The archive is made by GNU cpio (newc) and gzipped; it needs no root
// because it carries no device nodes (the init mounts devtmpfs and opens the console itself).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const HERE = dirname(fileURLToPath(import.meta.url));
export const PROBE_INIT = join(HERE, 'probe-init.sh');

/** Every path under `root`, directories before their contents, sorted so the archive is reproducible. */
function listTree(root) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, name.name);
      out.push(relative(root, path));
      if (name.isDirectory()) walk(path);
    }
  };
  walk(root);
  return out;
}

/**
 * @param {{ cacheDir: string, busybox: string, cpio?: string, fwCfgModule: string }} opts
 * @returns {string} the path of probe.cpio.gz (rebuilt only when an input changed)
 */
export function buildInitramfs({ cacheDir, busybox, cpio: cpioPath = 'cpio', fwCfgModule }) {
  // This file is an input too: a change to how the archive is laid out must rebuild it.
  const inputs = [fileURLToPath(import.meta.url), PROBE_INIT, busybox, fwCfgModule].map((path) => readFileSync(path));
  const hash = createHash('sha256');
  for (const input of inputs) hash.update(createHash('sha256').update(input).digest());
  const digest = hash.digest('hex').slice(0, 16);
  const out = join(cacheDir, `probe-${digest}.cpio.gz`);
  if (existsSync(out)) return out;

  const stage = mkdtempSync(join(cacheDir, 'initramfs-'));
  try {
    for (const dir of ['bin', 'lib', 'dev', 'proc', 'sys']) mkdirSync(join(stage, dir));
    copyFileSync(busybox, join(stage, 'bin', 'busybox'));
    // /init's #!/bin/sh
    symlinkSync('busybox', join(stage, 'bin', 'sh'));
    copyFileSync(PROBE_INIT, join(stage, 'init'));
    copyFileSync(fwCfgModule, join(stage, 'lib', 'qemu_fw_cfg.ko'));
    spawnSync('chmod', ['0755', join(stage, 'bin', 'busybox'), join(stage, 'init')]);
    const cpio = spawnSync(cpioPath, ['-o', '-H', 'newc', '-R', '0:0', '--quiet'], {
      cwd: stage,
      input: listTree(stage).join('\n') + '\n',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (cpio.status !== 0) throw new Error(`cpio failed: ${cpio.stderr.toString()}`);
    writeFileSync(out, gzipSync(cpio.stdout, { level: 9 }));
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  return out;
}
