/** The host IOMMU's reach against what passed-through devices DMA to (src/core/pool/iommu-reach.ts, through checkPool). */
import { describe, expect, it } from 'vitest';
import { aHost as baseHost, aPool, aVm } from '../builders.js';
import type { HostSpec } from '../../src/core/spec.js';
import { checkPool } from '../../src/core/pool/check.js';
import type { PciDevice } from '../../src/core/pci/devices.js';
import { GiB, MiB, TiB } from '../../src/core/units.js';

const nic: PciDevice = {
  name: 'nic', model: null, vga: false, attach: 'root-port', hotplug: true, pref64Reserve: null,
  bars: [{ index: 0, size: 32n * MiB, is64: true, prefetchable: true }],
};

/** Intel hosts of 46 bits with 202502 (the builder's), the guest at a fixed phys-bits 46: trusted, dynamic 8 TiB window at 56 TiB. */
const vm = (memory: bigint, pci = { devices: [nic], emptyRootPorts: 0 }) =>
  aVm({ memory, cpu: { vendor: 'intel', physBits: 46, pdpe1gb: true }, firmware: { edk2: 'edk2-stable202502' }, pci });
const fixed46 = { kind: 'fixed', physBits: 46 } as const;
/** The builder's host with the VM's QEMU, so that its machine type exists there. */
const aHost = (overrides: Partial<HostSpec>) => baseHost({ qemuVersion: { major: 10, minor: 2 }, ...overrides });

describe('a host\'s IOMMU width', () => {
  it('cannot map 600 GiB of RAM with 39 bits: RAM ends at 602 GiB, past 512 GiB', () => {
    // 600 GiB: 2 GiB below 4 GiB, 598 GiB from 4 GiB, so RAM ends at 602 GiB = 0x9680000000.
    const report = checkPool(vm(600n * GiB), aPool(aHost({ iommuBits: 39 })), fixed46);
    expect(report.groups[0]!.findings.filter((f) => f.code.startsWith('pool_iommu'))).toEqual([
      { code: 'pool_iommu_cannot_map_ram', ramEnd: 602n * GiB, iommuBits: 39 },
      // The NIC's 32 MiB BAR sits at the dynamic window's base, 56 TiB, ending 32 MiB later.
      { code: 'pool_iommu_cannot_map_bars', barEnd: 56n * TiB + 32n * MiB, iommuBits: 39 },
    ]);
    expect(report.verdict).toBe('fail');
  });

  it('maps 600 GiB and the BARs with 48 bits, and says nothing when the width is unknown', () => {
    for (const iommuBits of [48, null]) {
      const report = checkPool(vm(600n * GiB), aPool(aHost({ iommuBits })), fixed46);
      expect(report.groups[0]!.findings.filter((f) => f.code.startsWith('pool_iommu'))).toEqual([]);
    }
  });

  it('only matters with devices: the same VM without them passes a 39-bit IOMMU', () => {
    const report = checkPool(vm(600n * GiB, { devices: [], emptyRootPorts: 0 }), aPool(aHost({ iommuBits: 39 })), fixed46);
    expect(report.verdict).toBe('pass');
  });

  it('counts the memory-hotplug area: hot-added DIMMs are mapped for DMA too', () => {
    // 8 GiB with maxmem 600 GiB in 2 slots: device memory from RU(4 GiB + 6 GiB, 1 GiB) = 10 GiB, 592 GiB + 2 × 1 GiB long.
    const hotplug = { ...vm(8n * GiB), maxmem: 600n * GiB, slots: 2 };
    const report = checkPool(hotplug, aPool(aHost({ iommuBits: 39 })), fixed46);
    expect(report.groups[0]!.findings.find((f) => f.code === 'pool_iommu_cannot_map_ram')).toEqual({ code: 'pool_iommu_cannot_map_ram', ramEnd: 604n * GiB, iommuBits: 39 });
  });

  it('is checked for the destination of a migration, against the layout the guest booted with', () => {
    const report = checkPool(vm(64n * GiB), aPool(aHost({ name: 'big', iommuBits: 48 }), aHost({ name: 'small', iommuBits: 39 })), fixed46);
    const toSmall = report.pairs.find((p) => p.boot === 'g1' && p.destination === 'g2')!;
    expect(toSmall.findings.filter((f) => f.code.startsWith('pool_iommu'))).toEqual([{ code: 'pool_iommu_cannot_map_bars', barEnd: 56n * TiB + 32n * MiB, iommuBits: 39 }]);
  });
});
