/**
 * `plan` with passed-through devices (issue 11): the done-when command, the fixes it names applied, the JSON devices
 * section, and bad device input. The numbers are derived in test/core/device-fit.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './run-cli.js';

const DONE_WHEN = ['plan', '--preset', 'gpu-4x', '--firmware', 'edk2-stable202211', '--vendor', 'intel', '--phys-bits', '40'];

describe('plan --preset gpu-4x on edk2-stable202211 with Intel phys-bits 40', () => {
  it('says the GPUs do not fit and names the smallest knob and phys-bits that make them fit', () => {
    const { status, stdout } = cli(DONE_WHEN);
    expect(status).toBe(1);
    expect(stdout).toContain('Verdict: the devices do not fit; OVMF rejects nvidia-l40s#4, nvidia-l40s#3, nvidia-l40s#2, nvidia-l40s#1, then gives up and programs no device on the root bus');
    expect(stdout).toContain('X-PciMmio64Mb=464896 (454 GiB; --pci64-mb 464896): classic window [0x4000000000, 0xb180000000), every BAR placed');
    expect(stdout).toContain('phys-bits 42 (--phys-bits 42; with host-phys-bits, every host needs at least 42 bits): OVMF trusts it, dynamic window [0x38000000000, 0x40000000000), every BAR placed');
  });

  it.each([
    ['the knob', ['--pci64-mb', '464896']],
    ['phys-bits 42', ['--phys-bits', '42']],
  ])('reports every BAR placed with %s applied', (_, fix) => {
    const { status, json } = cliJson([...DONE_WHEN, ...fix]);
    expect(status).toBe(0);
    expect(json.devices.outcome).toBe('placed');
    expect(json.devices.bars.filter((bar: { bits: number; where: string }) => bar.bits === 64).map((bar: { where: string }) => bar.where)).toEqual(Array(8).fill('above-4g'));
  });

  it('carries the devices section in JSON, sizes and addresses as hex', () => {
    const { json } = cliJson(DONE_WHEN);
    expect(json.devices).toMatchObject({
      outcome: 'failed', fits: false,
      aperture: { base: '0x2800000000', size: '0x800000000' },
      request: { length: '0x7002000000', alignment: '0x1000000000' },
      block: null,
      fixes: { pci64Mb: '464896', physBits: 42, physBitsAperture: { base: '0x38000000000', size: '0x8000000000' } },
      byRelease: [{ from: 'edk2-stable201808', to: 'edk2-stable202608', fits: false, apertureSize: '0x800000000' }],
    });
    expect(json.devices.rejections[0]).toEqual({ kind: 'device', device: 'nvidia-l40s#4', largestBar: '0x1000000000' });
    expect(json.findings.map((f: { code: string }) => f.code)).toContain('ovmf_pci_allocation_failed');
  });

  it('reads its own JSON back with --vm, devices included', () => {
    const first = cli([...DONE_WHEN, '--phys-bits', '42', '--json']);
    const again = cli(['plan', '--vm', '-', '--json'], first.stdout);
    expect(again.stdout).toBe(first.stdout);
  });
});

describe('bad device input', () => {
  it.each([
    [['--device', 'a100'], 'gpa-planner: --device: "a100" is not a device preset (amd-radeon-rx-7900-xtx-rebar-on, intel-i350, intel-xxv710, mellanox-connectx-7, nvidia-a100-sxm4-80g, nvidia-h100-sxm5-80g, nvidia-l40s, nvidia-rtx-3090-rebar-off, nvidia-rtx-4090-rebar-off, nvidia-rtx-4090-rebar-on, nvidia-rtx-6000-ada, samsung-980-nvme)\n'],
    [['--machine', 'pc', '--device', 'nvidia-l40s'], 'gpa-planner: --device: a pc (i440fx) machine has no PCIe root ports; use attach root-bus, or the q35 machine\n'],
    [['--empty-root-ports', 'many'], 'gpa-planner: --empty-root-ports: "many" is not a whole number from 0 to 256\n'],
  ])('%j is refused in one line with exit 2', (args, message) => {
    const { status, stdout, stderr } = cli(['plan', '--memory', '4G', ...args]);
    expect([status, stdout, stderr]).toEqual([2, '', message]);
  });
});
