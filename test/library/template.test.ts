// The README's "Testing VM templates" example, run as written (it imports the built package by its name).
import { describe, expect, it } from 'vitest';
import { checkPool, deviceFixes, poolPreset, recommend, vmSpec } from 'gpa-planner';

describe('VM template gpu-2x on the mixed pool', () => {
  it('passes with phys-bits 39, and 39 is what the planner recommends', async () => {
    const vm = await vmSpec({ machineVersion: '7.2', memory: '32G', firmware: { pci64Mb: '131072' } });
    const pool = await poolPreset('mixed-39-46-48');

    const report = checkPool(vm, pool, { kind: 'fixed', physBits: 39 });
    expect(report.verdict).toBe('pass');
    // OVMF puts the 128 GiB aperture at 128 GiB on every host: RU(34 GiB RAM top, 128 GiB).
    for (const group of report.groups) expect(group.plan?.ovmf?.pci64Aperture).toEqual({ base: 128n << 30n, size: 128n << 30n });

    expect(recommend(vm, pool).best?.setting).toEqual({ kind: 'fixed', physBits: 39 });
  });

  it('fails with QEMU\'s default phys-bits 40 on the 39-bit desktops', async () => {
    const vm = await vmSpec({ machineVersion: '7.2', memory: '32G', firmware: { pci64Mb: '131072' } });
    const report = checkPool(vm, await poolPreset('mixed-39-46-48'), { kind: 'fixed', physBits: 40 });
    expect(report.verdict).toBe('fail');
    expect(report.groups.filter((g) => !g.boots).flatMap((g) => g.hosts)).toEqual(['desk-1', 'desk-2']);
  });
  it('does not fit its two 64 GiB GPUs: two root-port windows of 64 GiB + 32 MiB need 192 GiB + 32 MiB', async () => {
    const vm = await vmSpec({ machineVersion: '7.2', memory: '32G', firmware: { pci64Mb: '131072' }, devices: [{ preset: 'nvidia-l40s', count: 2 }] });
    const report = checkPool(vm, await poolPreset('mixed-39-46-48'), { kind: 'fixed', physBits: 39 });
    expect(report.verdict).toBe('fail');
    // The smallest knob that fits: 193 GiB (OVMF rounds to whole GiB), placed at RU(34 GiB, 128 GiB) = 128 GiB.
    expect(deviceFixes(vm).knob?.mib).toBe(197632n);
  });
});
