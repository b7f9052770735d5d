/** `gpa-planner plan` with imported inputs: --vm-xml, --qemu-cmdline, and one --host-caps host (issue 6). */
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './run-cli.js';
import { CLI_TIMEOUT, fixturePath } from './fixtures.js';

describe('gpa-planner plan with imported inputs', { timeout: CLI_TIMEOUT }, () => {
  // pc-i440fx-2.11 is retired from QEMU 10.1 on: the fixture's VM runs on a QEMU that still has it.
  it('plans domain XML as it plans the equivalent flags (the pc fixture)', () => {
    const imported = cli(['plan', '--vm-xml', fixturePath('domain-pc-seabios.xml'), '--qemu-version', '10.0', '--json']);
    const flags = cli(['plan', '--machine', 'pc', '--machine-version', '2.11', '--qemu-version', '10.0', '--memory', '8G', '--pci-hole64-size', '4G', '--vendor', 'intel', '--vendor-pinned', '--pdpe1gb', '--no-la57', '--json']);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toBe(flags.stdout);
  });

  it('plans a QEMU command line as it plans the equivalent flags (ps output of the pc VM)', () => {
    const imported = cli(['plan', '--qemu-cmdline', fixturePath('qemu-pc-seabios.ps.txt'), '--json']);
    const flags = cli(['plan', '--machine', 'pc', '--machine-version', '2.11', '--memory', '8G', '--pci-hole64-size', '4G', '--pdpe1gb', '--json']);
    expect(imported.stdout).toBe(flags.stdout);
  });

  it('plans a host-phys-bits VM on a --host-caps host as the flags with that host\'s width, vendor and QEMU', () => {
    const imported = cli(['plan', '--vm-xml', fixturePath('domain-q35-gpu.xml'), '--host-caps', fixturePath('caps-intel-xeon.xml'), '--firmware', 'debian-12', '--json']);
    const flags = cli(['plan', '--machine', 'q35', '--machine-version', '7.2', '--qemu-version', '7.2', '--memory', '64G', '--maxmem', '256G', '--slots', '4',
      '--vendor', 'intel', '--phys-bits', '46', '--pci64-mb', '262144', '--firmware', 'debian-12', '--json']);
    expect(imported.status).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual(JSON.parse(flags.stdout));
  });

  it('on a host whose QEMU lacks the machine type, gives QEMU\'s refusal as the plan document, as --qemu-version of that release does', () => {
    // caps-intel-xeon.xml: QEMU 7.2 (pc-q35-2.4 to pc-q35-7.2), Intel; the VM asks for pc-q35-10.0.
    const vm = ['--memory', '8G', '--machine-version', '10.0', '--phys-bits', '40'];
    const onHost = cli(['plan', ...vm, '--host-caps', fixturePath('caps-intel-xeon.xml'), '--json']);
    const flags = cli(['plan', ...vm, '--qemu-version', '7.2', '--vendor', 'intel', '--json']);
    expect(onHost.status).toBe(1);
    expect(onHost.stdout).toBe(flags.stdout);
    expect(JSON.parse(onHost.stdout).findings.map((f: { code: string }) => f.code)).toEqual(['qemu_machine_type_unsupported']);
    expect(cli(['plan', ...vm, '--host-caps', fixturePath('caps-intel-xeon.xml'), '--format', 'markdown']).stdout).toMatch(/^## VM: pc-q35-10.0 on QEMU 7.2, 8 GiB RAM\n/);
  });

  it('lets flags override the imported VM', () => {
    const { json } = cliJson(['plan', '--vm-xml', fixturePath('domain-pc-seabios.xml'), '--memory', '16G']);
    expect(json.input).toMatchObject({ machine: 'pc', machineVersion: '2.11', memory: '0x400000000' });
  });

  it('plans the host\'s width on AMD with the kernel\'s 43 bits from /proc/cpuinfo, and warns that raw CPUID may say more', () => {
    const { status, json, stderr } = cliJson(['plan', '--qemu-cmdline', fixturePath('qemu-q35-gpu.log'), '--host-caps', fixturePath('cpuinfo-amd-epyc-sme.txt'), '--qemu-version', '7.2', '--firmware', 'debian-12']);
    expect(status).toBe(0);
    expect(json.input.cpu).toMatchObject({ vendor: 'amd', physBits: 43 });
    expect(stderr).toContain('/proc/cpuinfo reports 43 physical address bits and the CPU has sme');
  });

  it('exits 2 for a host-phys-bits VM without a host, and for more than one host', () => {
    expect(cli(['plan', '--vm-xml', fixturePath('domain-q35-gpu.xml')])).toEqual({
      status: 2, stdout: '',
      stderr: `gpa-planner: ${fixturePath('domain-q35-gpu.xml')}: cpu.hostPhysBits: with host-phys-bits the guest's phys-bits is the host's: give --host-caps FILE (the host to plan on) or --phys-bits N, or check a pool (pool check)\n`,
    });
    expect(cli(['plan', '--vm-xml', fixturePath('domain-q35-gpu.xml'), '--host-caps', fixturePath('caps-intel-xeon.xml'), '--host-caps', fixturePath('caps-amd-epyc.xml')]).stderr)
      .toBe('gpa-planner: --host-caps: plan takes one host; give several to pool check\n');
  });

  it('plans a host-phys-bits VM without a host when --phys-bits gives the width', () => {
    const { status, json } = cliJson(['plan', '--vm-xml', fixturePath('domain-q35-gpu.xml'), '--phys-bits', '46']);
    expect(status).toBe(0);
    expect(json.input.cpu.physBits).toBe(46);
  });

  it('exits 2 when two VM sources are given', () => {
    expect(cli(['plan', '--vm-xml', fixturePath('domain-pc-seabios.xml'), '--qemu-cmdline', fixturePath('qemu-pc-seabios.ps.txt')]).stderr)
      .toBe('gpa-planner: --qemu-cmdline: give one VM source: --vm, --preset, --vm-xml or --qemu-cmdline\n');
  });
});
