/** `gpa-planner plan` end to end: the built command, its JSON contract and its exit codes. */
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './run-cli.js';

describe('gpa-planner plan --json', () => {
  it('reports a classic 32 GiB window at 32 GiB and width 36 for a 1 GiB Intel guest with phys-bits 40 (issue 2)', () => {
    const { status, json, stderr } = cliJson(['plan', '--machine', 'q35', '--memory', '1G', '--vendor', 'intel', '--phys-bits', '40', '--firmware', 'edk2-stable202211']);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(json.schema).toBe('gpa-planner/plan/v1');
    expect(json.ovmf).toMatchObject({ edk2: 'edk2-stable202211', family: 'D22', widthTrusted: false, physMemAddressWidth: 36, window: 'classic', pci64: { base: '0x800000000', size: '0x800000000' } });
    // qemu.md V01 with 1 GiB: no RAM above 4 GiB, hole64 [4 G, 36 G).
    expect(json.qemu).toMatchObject({ ramBelow4g: '0x40000000', ramAbove4g: null, deviceMemory: null, reservedMemoryEnd: null, pciHole64: { base: '0x100000000', size: '0x800000000' }, maxUsedGpa: '0x8ffffffff', physBits: 40, refusal: null });
    expect(json.qemu.e820).toEqual([{ base: '0x0', size: '0x40000000', type: 'ram' }]);
    expect(json.findings.map((f: { code: string; severity: string }) => [f.code, f.severity])).toEqual([['ovmf_width_untrusted', 'info']]);
  });

  it('reports the dynamic window of a trusted Intel 39-bit width (ovmf.md #18; QEMU 10.0: from 10.1 the Intel vendor string is hidden)', () => {
    const { json } = cliJson(['plan', '--memory', '1G', '--vendor', 'intel', '--phys-bits', '39', '--firmware', 'edk2-stable202211', '--qemu-version', '10.0']);
    expect(json.ovmf).toMatchObject({ widthTrusted: true, physMemAddressWidth: 39, window: 'dynamic', pci64: { base: '0x7000000000', size: '0x1000000000' } });
  });

  it('exits 1 with QEMU\'s exact refusal when phys-bits is too low (qemu.md V16)', () => {
    const { status, json } = cliJson(['plan', '--memory', '1000G', '--vendor', 'amd', '--phys-bits', '40']);
    expect(status).toBe(1);
    expect(json.qemu.refusal).toBe('Address space limit 0xffffffffff < 0x2017fffffff phys-bits too low (40)');
    expect(json.ovmf).toBeNull();
    expect(json.findings[json.findings.length - 1]).toMatchObject({ code: 'qemu_phys_bits_too_low', severity: 'error', limit: '0xffffffffff', maxUsedGpa: '0x2017fffffff', physBits: 40 });
  });

  it('reads size expressions exactly: 1T + 512G of RAM on q35 puts 1.5 TiB − 2 GiB above 4 GiB', () => {
    const { json } = cliJson(['plan', '--memory', '1T + 512G', '--phys-bits', '46']);
    expect(json.input.memory).toBe('0x18000000000');
    expect(json.qemu.ramAbove4g).toEqual({ base: '0x100000000', size: '0x17f80000000' });
  });

  it('reads its own JSON output back through --vm - and plans the same VM', () => {
    const first = cli(['plan', '--memory', '8G', '--maxmem', '32G', '--slots', '4', '--pci64-mb', '65536', '--json']);
    const again = cli(['plan', '--vm', '-', '--json'], first.stdout);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(first.stdout);
  });

  it('lets flags override a preset', () => {
    const { json } = cliJson(['plan', '--preset', 'small-desktop', '--memory', '16G']);
    expect(json.input.memory).toBe('0x400000000');
    expect(json.input.firmware).toEqual({ edk2: 'edk2-stable202211', build: 'ia32x64', fiveLevelPaging: false, fwCfg: {}, package: 'ovmf 2022.11-6+deb12u2' });
  });
});

describe('gpa-planner plan, bad input', () => {
  it.each([
    ['1.1K', '--memory: "1.1K" is not a whole number of bytes'],
    ['banana', '--memory: "banana" is not a size (use bytes, a suffix K M G T P E, or an expression such as 1T + 512G)'],
    ['-4G', '--memory: "-4G" is negative'],
  ])('exits 2 on --memory %s with one line naming --memory and nothing on stdout', (size, message) => {
    const { status, stdout, stderr } = cli(['plan', '--memory', size]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`gpa-planner: ${message}\n`);
  });

  it('exits 2 with one line for an unknown option', () => {
    const { status, stdout, stderr } = cli(['plan', '--memroy', '4G']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/unknown option '--memroy'/);
  });

  it('exits 2 naming the allowed values of --machine', () => {
    expect(cli(['plan', '--memory', '4G', '--machine', 'isapc']).stderr).toBe('gpa-planner: --machine: "isapc" is not one of q35, pc\n');
  });

  it('exits 2 when --vm names a missing file', () => {
    const { status, stderr } = cli(['plan', '--vm', '/nonexistent/vm.json']);
    expect(status).toBe(2);
    expect(stderr).toBe('gpa-planner: --vm: cannot read /nonexistent/vm.json (ENOENT)\n');
  });

  it('exits 2 naming the file and field of a bad VM file', () => {
    const { status, stderr } = cli(['plan', '--vm', '-'], '{"memory": "4G", "cpu": {"physBits": "40"}}');
    expect(status).toBe(2);
    expect(stderr).toBe('gpa-planner: standard input: cpu.physBits: Invalid input: expected number, received string\n');
  });

  it('exits 2 with the usage on standard error when no command is given', () => {
    const { status, stdout, stderr } = cli([]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Usage: gpa-planner/);
  });
});

describe('gpa-planner plan, text output', () => {
  it('prints the address map in order with who placed each region', () => {
    const { status, stdout } = cli(['plan', '--memory', '8G', '--vendor', 'intel', '--phys-bits', '39', '--firmware', 'edk2-stable202211', '--qemu-version', '10.0']);
    expect(status).toBe(0);
    expect(stdout).toContain('  0x0000000100000000  0x0000000280000000     6 GiB  QEMU      RAM above 4 GiB\n');
    expect(stdout).toContain('  0x0000007000000000  0x0000008000000000    64 GiB  OVMF      64-bit PCI aperture (dynamic window)\n');
    expect(stdout).toContain('OVMF edk2-stable202211 (family D22): PhysMemAddressWidth 39, dynamic window of 64 GiB at 0x7000000000\n');
  });

  it('lists the presets', () => {
    const { status, stdout } = cli(['presets']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^ {2}small-desktop +8 GiB q35 desktop/m);
    expect(stdout).toMatch(/^ {2}debian-12 +edk2-stable202211, ia32x64 build/m);
  });
});

describe('gpa-planner plan across edk2 releases (issue 3)', () => {
  it('gives AMD phys-bits 48 with 1 GiB pages width 47 on edk2-stable202211 and 46 on edk2-stable202308', () => {
    const args = (tag: string) => ['plan', '--machine', 'q35', '--memory', '1G', '--phys-bits', '48', '--vendor', 'amd', '--pdpe1gb', '--firmware', tag];
    expect(cliJson(args('edk2-stable202211')).json.ovmf).toMatchObject({ physMemAddressWidth: 47, window: 'dynamic', pci64: { base: '0x700000000000', size: '0x100000000000' } });
    expect(cliJson(args('edk2-stable202308')).json.ovmf).toMatchObject({ physMemAddressWidth: 46, window: 'dynamic', pci64: { base: '0x380000000000', size: '0x80000000000' } });
  });
});
