/**
 * `import host` with QEMU firmware descriptors, `--firmware-dir`, kernel logs and `--iommu-cap` (issues 7 and 11), end
 * to end. The descriptors are Debian 12's (test/fixtures/firmware), pointed at files this test makes, sparse, of the
 * sizes Debian 12's ovmf 2022.11-6+deb12u2 installs (OVMF_CODE_4M 3653632 bytes, OVMF_VARS_4M 540672; the .ms CODE is a
 * link, as in the package).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './run-cli.js';
import { CLI_TIMEOUT, fixturePath, fixtureText, scratchFile } from './fixtures.js';

const DESCRIPTORS = ['40-edk2-x86_64-secure-enrolled.json', '50-edk2-x86_64-secure.json', '60-edk2-x86_64.json'];

/** A machine's firmware in a temporary directory: descriptors in `firmware/`, naming files in `OVMF/` (made unless `files` is false). */
function machine({ files = true } = {}): { root: string; dir: string; ovmf: string } {
  const root = mkdtempSync(join(tmpdir(), 'gpa-planner-fw-'));
  const dir = join(root, 'firmware');
  const ovmf = join(root, 'OVMF');
  mkdirSync(dir);
  mkdirSync(ovmf);
  for (const name of DESCRIPTORS) writeFileSync(join(dir, name), fixtureText(`firmware/${name}`).replaceAll('/usr/share/OVMF/', `${ovmf}/`));
  if (files) {
    for (const [name, size] of [['OVMF_CODE_4M.fd', 3653632], ['OVMF_CODE_4M.secboot.fd', 3653632], ['OVMF_VARS_4M.fd', 540672], ['OVMF_VARS_4M.ms.fd', 540672]] as const) {
      writeFileSync(join(ovmf, name), '');
      truncateSync(join(ovmf, name), size);
    }
    symlinkSync('OVMF_CODE_4M.secboot.fd', join(ovmf, 'OVMF_CODE_4M.ms.fd'));
  }
  return { root, dir, ovmf };
}

const cpuinfo = fixturePath('cpuinfo-intel-xeon.txt');
const base = ['import', 'host', cpuinfo, '--firmware', 'debian-12', '--qemu', '7.2'];

describe('import host --firmware-dir and descriptor files', { timeout: CLI_TIMEOUT }, () => {
  // Issue 21: a FIFO named *.json used to block the read forever.
  it('refuses a FIFO among the descriptors instead of waiting on it', () => {
    const { dir } = machine();
    const fifo = join(dir, '99-fifo.json');
    execFileSync('mkfifo', [fifo]);
    const { status, stdout, stderr } = cli([...base, '--firmware-dir', dir]);
    expect([status, stdout, stderr]).toEqual([2, '', `gpa-planner: --firmware-dir: ${fifo} is not a regular file; a firmware descriptor is one\n`]);
  });

  it('lists the images the descriptors name with the sizes of the files (links followed), secure boot and SMM from their features', () => {
    const { dir, ovmf } = machine();
    const { status, stdout, stderr } = cli([...base, '--firmware-dir', dir]);
    expect(status).toBe(0);
    const host = JSON.parse(stdout);
    expect(Object.keys(host)).toEqual(['name', 'vendor', 'physBits', 'pdpe1gb', 'la57', 'qemu', 'firmware', 'images']);
    expect(host.images).toStrictEqual([
      { path: `${ovmf}/OVMF_CODE_4M.ms.fd`, role: 'code', build: 'ia32x64', flash: '4m', secureBoot: true, smm: true, size: 3653632 },
      { path: `${ovmf}/OVMF_VARS_4M.ms.fd`, role: 'vars', build: 'ia32x64', flash: '4m', secureBoot: true, smm: false, size: 540672 },
      { path: `${ovmf}/OVMF_CODE_4M.secboot.fd`, role: 'code', build: 'ia32x64', flash: '4m', secureBoot: true, smm: true, size: 3653632 },
      { path: `${ovmf}/OVMF_VARS_4M.fd`, role: 'vars', build: 'ia32x64', flash: '4m', secureBoot: false, smm: false, size: 540672 },
      { path: `${ovmf}/OVMF_CODE_4M.fd`, role: 'code', build: 'ia32x64', flash: '4m', secureBoot: false, smm: false, size: 3653632 },
    ]);
    expect(stderr).toContain(`warning: firmware descriptors do not say whether an image is an X64 or Ia32X64 build: assumed ia32x64 (the default build of firmware preset debian-12) for ${ovmf}/OVMF_CODE_4M.ms.fd, `);
    // The same descriptors given as files make the same entry.
    expect(cli([...base, ...DESCRIPTORS.map((name) => join(dir, name))]).stdout).toBe(stdout);
  });

  it('makes an entry pool check reads: the listed pair boots, a path the machine lacks does not', () => {
    const { dir, ovmf } = machine();
    const pool = scratchFile('pool.json', JSON.stringify({ hosts: [JSON.parse(cli([...base, '--firmware-dir', dir]).stdout)] }));
    const check = ['pool', 'check', '--pool', pool, '--memory', '8G', '--phys-bits', '39'];
    expect(cli([...check, '--ovmf-code', `${ovmf}/OVMF_CODE_4M.fd`, '--ovmf-vars', `${ovmf}/OVMF_VARS_4M.fd`]).status).toBe(0);
    const lacking = cli([...check, '--ovmf-code', `${ovmf}/OVMF_CODE.fd`]);
    expect(lacking.status).toBe(1);
    expect(lacking.stdout).toContain(`firmware_image_missing [g1: cpuinfo-intel-xeon]: the VM's firmware image ${ovmf}/OVMF_CODE.fd does not exist on this host`);
  });

  it('leaves out, with a warning each, files that are not on the machine, and never guesses their size', () => {
    const { dir, ovmf } = machine({ files: false });
    writeFileSync(join(dir, '10-masked.json'), '');
    const { status, stdout, stderr } = cli([...base, '--firmware-dir', dir]);
    expect(status).toBe(0);
    expect(JSON.parse(stdout).images).toBeUndefined();
    const warnings = stderr.split('\n').filter((line) => !line.includes('not modelled'));
    expect(warnings).toEqual([
      `warning: ${dir}/10-masked.json: empty (it masks a descriptor of the same name in a less specific directory): skipped`,
      `warning: ${dir}/40-edk2-x86_64-secure-enrolled.json: ${ovmf}/OVMF_CODE_4M.ms.fd is not on this machine (or cannot be read): its size is unknown, so it is not listed`,
      `warning: ${dir}/40-edk2-x86_64-secure-enrolled.json: ${ovmf}/OVMF_VARS_4M.ms.fd is not on this machine (or cannot be read): its size is unknown, so it is not listed`,
      `warning: ${dir}/50-edk2-x86_64-secure.json: ${ovmf}/OVMF_CODE_4M.secboot.fd is not on this machine (or cannot be read): its size is unknown, so it is not listed`,
      `warning: ${dir}/50-edk2-x86_64-secure.json: ${ovmf}/OVMF_VARS_4M.fd is not on this machine (or cannot be read): its size is unknown, so it is not listed`,
      `warning: ${dir}/60-edk2-x86_64.json: ${ovmf}/OVMF_CODE_4M.fd is not on this machine (or cannot be read): its size is unknown, so it is not listed`,
      'warning: the firmware descriptors gave no image of known size: the entry lists no images',
      '',
    ]);
  });

  it('exits 2 with one line for descriptors without one host input, a missing or empty directory and a broken descriptor', () => {
    const { dir } = machine();
    const descriptor = join(dir, '60-edk2-x86_64.json');
    const refused = (args: string[]) => {
      const result = cli(args);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      return result.stderr;
    };
    expect(refused(['import', 'host', descriptor])).toBe('gpa-planner: import host: firmware descriptors, kernel logs, --firmware-dir and --iommu-cap describe one machine: give them with exactly one host input (virsh capabilities or domcapabilities, /proc/cpuinfo or lscpu --json), not 0\n');
    expect(refused(['import', 'host', cpuinfo, fixturePath('caps-intel-xeon.xml'), '--firmware-dir', dir])).toMatch(/describe one machine: give them with exactly one host input .*, not 2\n$/);
    expect(refused([...base, '--firmware-dir', '/nonexistent/firmware'])).toBe('gpa-planner: --firmware-dir: cannot read /nonexistent/firmware (ENOENT)\n');
    const empty = mkdtempSync(join(tmpdir(), 'gpa-planner-fw-'));
    expect(refused([...base, '--firmware-dir', empty])).toBe(`gpa-planner: --firmware-dir: ${empty} holds no *.json firmware descriptor (QEMU's are in /usr/share/qemu/firmware)\n`);
    const broken = scratchFile('50-broken.json', fixtureText('firmware/60-edk2-x86_64.json').replace('"nvram-template"', '"nvram"'));
    expect(refused([...base, broken])).toBe(`gpa-planner: ${broken}: mapping.nvram-template: is required for a split flash mapping (firmware.json)\n`);
  });

  it('counts --name against the host inputs only', () => {
    const { dir } = machine();
    expect(JSON.parse(cli([...base, join(dir, '60-edk2-x86_64.json'), '--name', 'xeon-7']).stdout).name).toBe('xeon-7');
    expect(cli([...base, '--name', 'a', '--name', 'b']).stderr).toBe('gpa-planner: --name: give one name per host input (1 host input, 2 names)\n');
  });
});

describe('import host with a kernel log or --iommu-cap', { timeout: CLI_TIMEOUT }, () => {
  it('fills iommuBits from the VT-d units in dmesg: 48 on the Xeon whose DMAR table says 46', () => {
    const { status, stdout, stderr } = cli([...base, fixturePath('dmesg-intel-xeon.txt')]);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toStrictEqual({ name: 'cpuinfo-intel-xeon', vendor: 'intel', physBits: 46, pdpe1gb: true, la57: false, iommuBits: 48, qemu: '7.2', firmware: 'debian-12' });
    expect(stderr.split('\n').filter((line) => line !== '' && !line.includes('not modelled'))).toEqual([]);
  });

  it('fills iommuBits from capability registers, the narrowest unit when they differ, and pool check reads it', () => {
    const caps = scratchFile('caps', '8d2078c106f0466\nc0000020e60262\n');
    const { stdout, stderr } = cli([...base, '--iommu-cap', caps]);
    expect(JSON.parse(stdout).iommuBits).toBe(39);
    expect(stderr).toContain('warning: the IOMMU units differ in width (48, 39 bits): the narrowest, 39, is used\n');
    const pool = scratchFile('pool.json', JSON.stringify({ hosts: [JSON.parse(stdout)] }));
    expect(cli(['pool', 'check', '--pool', pool, '--memory', '4G', '--phys-bits', '39', '--json']).status).toBe(0);
  });

  it('says why a log without unit lines gives no width, and refuses a register file given as a host', () => {
    const haw = scratchFile('dmesg.txt', '[    0.133534] DMAR: Host address width 36\n');
    const { stdout, stderr } = cli([...base, haw]);
    expect(JSON.parse(stdout).iommuBits).toBeUndefined();
    expect(stderr).toContain(`warning: ${haw}: has the DMAR table's "Host address width 36" but no "dmar0: reg_base_addr … cap …" line`);
    const cap = scratchFile('cap', '8d2078c106f0466\n');
    expect(cli(['import', 'host', cap]).stderr).toBe(`gpa-planner: ${cap}: is a bare register value: give a VT-d capability register (/sys/class/iommu/dmar*/intel-iommu/cap) to import host with --iommu-cap FILE\n`);
    expect(cli([...base, '--iommu-cap', haw]).stderr).toBe(`gpa-planner: --iommu-cap ${haw}: "[    0.133534] DMAR: Host address width " is not a VT-d capability register (a hex number, as /sys/class/iommu/dmar*/intel-iommu/cap holds)\n`);
  });

  it('refuses descriptors and kernel logs given to --host-caps, which makes one host per file', () => {
    const result = cli(['pool', 'check', '--host-caps', fixturePath('dmesg-intel-xeon.txt'), '--memory', '4G']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`gpa-planner: ${fixturePath('dmesg-intel-xeon.txt')}: is a kernel log, which adds to a host entry: give it to import host together with the host's virsh capabilities or domcapabilities, /proc/cpuinfo or lscpu --json\n`);
  });
});
