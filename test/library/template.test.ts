// The library example of docs/library-package.md, run as written:
// it imports the built package by its name, and test/package/install.test.ts runs it from an installed package too.
import { describe, expect, it } from 'vitest';
import { GpaInputError, checkPool, deviceFixes, poolPreset, recommend, vmPreset, vmSpec } from 'gpa-planner';

describe('VM template gpu-2x on the mixed pool', () => {
  it('passes with phys-bits 39, and 39 is what the planner recommends', async () => {
    // Two L40S, 32 GiB of RAM, X-PciMmio64Mb=197632 (193 GiB), the Intel vendor pinned (the pool has AMD hosts too).
    const vm = await vmPreset('gpu-2x');
    const pool = await poolPreset('mixed-39-46-48');

    const report = checkPool({ ...vm, machineVersion: { major: 7, minor: 2 } }, pool, { kind: 'fixed', physBits: 39 });
    expect(report.verdict).toBe('pass');
    // OVMF puts the 193 GiB aperture at 128 GiB on every host: RU(34 GiB RAM top, 128 GiB), and both GPUs fit.
    for (const group of report.groups) {
      expect(group.plan?.ovmf?.pci64Aperture).toEqual({ base: 128n << 30n, size: 193n << 30n });
      expect(group.plan?.devices?.outcome).toBe('placed');
    }
    expect(recommend({ ...vm, machineVersion: { major: 7, minor: 2 } }, pool).best?.setting).toEqual({ kind: 'fixed', physBits: 39 });
  });

  it('fails without the pinned vendor: an Intel guest would become an AMD one on a move', async () => {
    const vm = await vmSpec({ machineVersion: '7.2', memory: '32G', firmware: { pci64Mb: '197632' }, devices: [{ preset: 'nvidia-l40s', count: 2 }] });
    const report = checkPool(vm, await poolPreset('mixed-39-46-48'), { kind: 'fixed', physBits: 39 });
    expect(report.verdict).toBe('fail');
    expect(report.pairs.filter((p) => p.findings.some((f) => f.code === 'pool_migration_cross_vendor')).map((p) => `${p.boot}->${p.destination}`))
      .toEqual(['g1->g3', 'g2->g3', 'g3->g1', 'g3->g2']);
  });

  it('needs that knob: two root-port windows of 64 GiB + 32 MiB need 192 GiB + 32 MiB', async () => {
    const vm = await vmSpec({ machineVersion: '7.2', memory: '32G', cpu: { physBits: 39 }, firmware: { pci64Mb: '131072' }, devices: [{ preset: 'nvidia-l40s', count: 2 }] });
    // The smallest knob that fits: 193 GiB (OVMF rounds to whole GiB), placed at RU(34 GiB, 128 GiB) = 128 GiB.
    expect(deviceFixes(vm).knob?.mib).toBe(197632n);
  });

  it('refuses a setting the CLI refuses, with the CLI\'s words', async () => {
    const vm = await vmPreset('gpu-2x');
    expect(() => checkPool(vm, { hosts: [] }, { kind: 'fixed', physBits: 39 })).toThrow(GpaInputError);
    expect(() => checkPool(vm, { hosts: [] }, { kind: 'fixed', physBits: 39 })).toThrow('pool.hosts: must list at least one host');
  });
});
