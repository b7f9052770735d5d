import { describe, expect, it } from 'vitest';
import { hostMarkers, itemColumns, mapView, planFindingItems } from '../../src/tui/derive.js';
import { plan } from '../../src/core/plan.js';
import { GiB, pow2 } from '../../src/core/units.js';
import { aHost, aPool, aVm } from '../builders.js';

/** docs/plan.md's small-desktop plan (npm start): pc-q35-7.2, 8 GiB, Intel phys-bits 39, edk2-stable202211. */
const smallDesktop = () => plan(aVm({
  memory: 8n * GiB, machineVersion: { major: 7, minor: 2 }, qemuVersion: { major: 7, minor: 2 },
  cpu: { vendor: 'intel', physBits: 39, pdpe1gb: true }, firmware: { edk2: 'edk2-stable202211', build: 'ia32x64' },
}));

describe('hostMarkers', () => {
  it('gives each host width one marker naming its hosts', () => {
    const pool = aPool(aHost({ name: 'a', physBits: 39 }), aHost({ name: 'b', physBits: 46 }), aHost({ name: 'c', physBits: 39 }));
    expect(hostMarkers(pool)).toEqual([
      { address: pow2(39), what: 'MAXPHYADDR of hosts a, c' },
      { address: pow2(46), what: 'MAXPHYADDR of host b' },
    ]);
  });

  it('has none without a pool', () => {
    expect(hostMarkers(null)).toEqual([]);
  });
});

describe('mapView', () => {
  it('lists docs/plan.md\'s address map in order: regions, the unused gap, one row for everything at 2^39', () => {
    const view = mapView(smallDesktop(), aPool(aHost({ name: 'desk', physBits: 39 }), aHost({ name: 'xeon', physBits: 46 })), 60);
    expect(view.items.map((i) => [i.kind, i.size, i.what])).toEqual([
      ['ram', 2n * GiB, 'RAM below 4 GiB'],
      ['pci-hole', 0xfec0_0000n - 2n * GiB, '32-bit PCI hole (MMCONFIG at 0xb0000000)'],
      ['platform', 20n << 20n, 'IOAPIC, LAPIC, firmware flash'],
      ['ram', 6n * GiB, 'RAM above 4 GiB'],
      ['pci-hole64', 32n * GiB, 'pci-hole64 (what QEMU budgets for 64-bit BARs)'],
      ['unused', 406n * GiB, 'unused'],
      ['aperture', 64n * GiB, '64-bit PCI aperture (dynamic window)'],
      ['marker', 0n, '2^39: end of the guest CPU\'s physical address space (phys-bits); end of OVMF\'s memory map (PhysMemAddressWidth); MAXPHYADDR of host desk'],
      ['marker', 0n, '2^46: MAXPHYADDR of host xeon'],
    ]);
    expect(view.layout.end).toBe(pow2(46));
  });

  it('points at the columns of the selected item', () => {
    const view = mapView(smallDesktop(), null, 60);
    const platform = view.layout.segments.find((s) => s.kind === 'platform')!;
    expect(itemColumns(view, view.items[2])).toEqual([platform.column, platform.column + platform.width]);
    expect(itemColumns(view, view.items[7])).toEqual([59, 60]);
  });
});

describe('planFindingItems', () => {
  it('gives each finding its severity, code and the CLI\'s words', () => {
    const refused = plan(aVm({ memory: 1024n * GiB, cpu: { vendor: 'intel', physBits: 39 } }));
    expect(planFindingItems(refused)).toEqual([{
      severity: 'error', code: 'qemu_phys_bits_too_low', place: '',
      message: 'QEMU refuses to start: Address space limit 0x7fffffffff < 0x1087fffffff phys-bits too low (39)',
    }]);
  });
});
