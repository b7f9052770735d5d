/** `gpa-planner import vm` and `import host` end to end (issue 6). */
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './run-cli.js';
import { CLI_TIMEOUT, fixturePath, fixtureText, scratchFile } from './fixtures.js';

describe('gpa-planner import vm', { timeout: CLI_TIMEOUT }, () => {
  it('prints the VM file of a domain XML on stdout and one warning: line per unmodelled thing on stderr, exit 0', () => {
    const { status, stdout, stderr } = cli(['import', 'vm', fixturePath('domain-pc-seabios.xml')]);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toStrictEqual({
      name: 'legacy-erp', machine: 'pc', machineVersion: '2.11', memory: '8G', pciHole64Size: '4G', cpu: { vendor: 'intel', vendorPinned: true, pdpe1gb: true, la57: false },
    });
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(new RegExp(`^warning: ${fixturePath('domain-pc-seabios.xml').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `));
  });

  it('reads standard input for "-", and a QEMU command line as well as XML', () => {
    const { status, stdout } = cli(['import', 'vm', '-'], fixtureText('qemu-q35-gpu.log'));
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ machine: 'q35', machineVersion: '7.2', qemuVersion: '7.2', memory: '64G', maxmem: '256G', slots: 4, cpu: { hostPhysBits: true } });
  });

  it('prints a VM that plan --vm reads to the same plan as --vm-xml', () => {
    const file = scratchFile('vm.json', cli(['import', 'vm', fixturePath('domain-pc-seabios.xml')]).stdout);
    // pc-i440fx-2.11 is retired from QEMU 10.1 on: planned on a QEMU that still registers it.
    const viaFile = cli(['plan', '--vm', file, '--qemu-version', '10.0', '--json']);
    const viaXml = cli(['plan', '--vm-xml', fixturePath('domain-pc-seabios.xml'), '--qemu-version', '10.0', '--json']);
    expect(viaFile.status).toBe(0);
    expect(viaFile.stdout).toBe(viaXml.stdout);
  });

  it('refuses a billion-laughs document and an external entity in one line, exit 2, nothing on stdout', () => {
    const bomb = cli(['import', 'vm', fixturePath('billion-laughs.xml')]);
    expect(bomb).toEqual({ status: 2, stdout: '', stderr: `gpa-planner: ${fixturePath('billion-laughs.xml')}: declares entities: entity expansion is off (it is how billion-laughs documents explode), so the document is refused\n` });
    const external = cli(['import', 'host', fixturePath('external-entity.xml')]);
    expect(external.status).toBe(2);
    expect(external.stdout).toBe('');
    expect(external.stderr).toBe(`gpa-planner: ${fixturePath('external-entity.xml')}: declares an external entity (host SYSTEM "file:///etc/shadow"): entities are never expanded, so the document is refused\n`);
  });

  it('exits 2 for a VM the planner cannot plan, with the reader\'s message', () => {
    const xml = fixtureText('domain-pc-seabios.xml').replace("machine='pc-i440fx-2.11'", "machine='pc-i440fx-1.7'");
    const { status, stderr } = cli(['import', 'vm', '-'], xml);
    expect(status).toBe(2);
    expect(stderr).toBe('gpa-planner: standard input: machineVersion: pc-i440fx-1.7 is not a machine type the model knows (allowed: releases 2.0 to 11.1; QEMU 11.1 registers 5.2 to 11.1)\n');
  });

  it('leaves the input file as it was', () => {
    const path = scratchFile('domain.xml', fixtureText('domain-q35-gpu.xml'));
    const before = statSync(path).mtimeMs;
    expect(cli(['import', 'vm', path]).status).toBe(0);
    expect(cli(['pool', 'check', '--vm-xml', path, '--host-caps', fixturePath('caps-intel-xeon.xml')]).status).toBe(0);
    expect(statSync(path).mtimeMs).toBe(before);
    expect(readFileSync(path, 'utf8')).toBe(fixtureText('domain-q35-gpu.xml'));
  });
});

describe('gpa-planner import host', { timeout: CLI_TIMEOUT }, () => {
  it('prints one host entry for one input, named after the file unless --name says', () => {
    const { status, stdout } = cli(['import', 'host', fixturePath('caps-intel-xeon.xml'), '--firmware', 'debian-12']);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toStrictEqual({ name: 'caps-intel-xeon', vendor: 'intel', physBits: 46, pdpe1gb: true, la57: false, qemu: '7.2', firmware: 'debian-12' });
    expect(JSON.parse(cli(['import', 'host', fixturePath('caps-intel-xeon.xml'), '--name', 'xeon-1']).stdout).name).toBe('xeon-1');
  });

  it('prints a pool file for several inputs of any host format, which pool check reads', () => {
    const { status, stdout, stderr } = cli(['import', 'host', fixturePath('caps-amd-epyc.xml'), fixturePath('cpuinfo-intel-xeon.txt'), fixturePath('lscpu-intel-desktop.json'), '--qemu', '7.2', '--firmware', 'debian-12']);
    expect(status).toBe(0);
    const pool = JSON.parse(stdout);
    expect(pool.hosts.map((h: { name: string; vendor: string; physBits: number; qemu: string }) => [h.name, h.vendor, h.physBits, h.qemu])).toEqual([
      ['caps-amd-epyc', 'amd', 48, '7.2'], ['cpuinfo-intel-xeon', 'intel', 46, '7.2'], ['lscpu-intel-desktop', 'intel', 39, '7.2'],
    ]);
    expect(stderr).toMatch(/^warning: .*caps-amd-epyc\.xml: not modelled: /m);
    // An AMD and two Intel hosts: the guest's vendor would change on a move (issue 17), unless the VM pins it.
    const poolFile = scratchFile('pool.json', stdout);
    const check = cli(['pool', 'check', '--pool', poolFile, '--memory', '4G', '--phys-bits', '39']);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain('error   pool_migration_cross_vendor [g1->g2 g1->g3: caps-amd-epyc, cpuinfo-intel-xeon, lscpu-intel-desktop]');
    expect(cli(['pool', 'check', '--pool', poolFile, '--memory', '4G', '--phys-bits', '39', '--vendor', 'intel', '--vendor-pinned']).status).toBe(0);
  });

  it('exits 2 for a name list that does not match the inputs, and for a VM given as a host', () => {
    expect(cli(['import', 'host', fixturePath('caps-intel-xeon.xml'), '--name', 'a', '--name', 'b']).stderr).toBe('gpa-planner: --name: give one name per host input (1 host input, 2 names)\n');
    expect(cli(['import', 'host', fixturePath('domain-q35-gpu.xml')]).stderr).toBe(
      `gpa-planner: ${fixturePath('domain-q35-gpu.xml')}: is libvirt domain XML, which describes a VM: use import vm (or --vm-xml, --qemu-cmdline)\n`,
    );
  });
});
