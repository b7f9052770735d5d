/** The regions of a plan in address order, each with who put it there: the data behind the text map (and the TUI's). */
import type { Plan } from '../core/plan.js';
import { GiB, type Range, pow2, rangeEnd } from '../core/units.js';

/** What a region is, for pictures that draw each kind alike (the TUI's map); `unused` is a gap between regions. */
export type RegionKind = 'ram' | 'pci-hole' | 'platform' | 'hotplug' | 'cxl' | 'reserved' | 'pci-hole64' | 'aperture' | 'devices' | 'unused';

export interface MapRegion extends Range {
  readonly what: string;
  readonly by: 'QEMU' | 'OVMF' | 'platform' | '';
  readonly kind: RegionKind;
}

/** Where the 32-bit PCI hole ends: `IO_APIC_DEFAULT_ADDRESS` (qemu.md §2.4). */
const IO_APIC = 0xfec0_0000n;

export function mapRegions(plan: Plan): MapRegion[] {
  const { qemu, ovmf, vm } = plan;
  const regions: MapRegion[] = [
    { base: 0n, size: qemu.ramBelow4g, what: 'RAM below 4 GiB', by: 'QEMU', kind: 'ram' },
    { base: qemu.ramBelow4g, size: IO_APIC - qemu.ramBelow4g, what: `32-bit PCI hole${vm.machine === 'q35' ? ' (MMCONFIG at 0xb0000000)' : ''}`, by: 'QEMU', kind: 'pci-hole' },
    { base: IO_APIC, size: 4n * GiB - IO_APIC, what: 'IOAPIC, LAPIC, firmware flash', by: 'platform', kind: 'platform' },
  ];
  const relocated = qemu.above4gStart !== 4n * GiB;
  if (qemu.ramAbove4g) regions.push({ ...qemu.ramAbove4g, what: `RAM above 4 GiB${relocated ? ' (moved to 1 TiB for AMD)' : ''}`, by: 'QEMU', kind: 'ram' });
  if (qemu.deviceMemory) regions.push({ ...qemu.deviceMemory, what: `memory hotplug area (${vm.slots} slots)`, by: 'QEMU', kind: 'hotplug' });
  if (qemu.cxl) {
    regions.push({ ...qemu.cxl.hostRegisters, what: 'CXL host registers', by: 'QEMU', kind: 'cxl' });
    qemu.cxl.windows.forEach((window, i) => regions.push({ ...window, what: `CXL fixed memory window ${i}`, by: 'QEMU', kind: 'cxl' }));
  }
  for (const entry of qemu.e820) {
    if (entry.type === 'reserved') regions.push({ ...entry, what: 'reserved (E820): AMD HyperTransport', by: 'QEMU', kind: 'reserved' });
  }
  regions.push({ ...qemu.pciHole64, what: 'pci-hole64 (what QEMU budgets for 64-bit BARs)', by: 'QEMU', kind: 'pci-hole64' });
  if (ovmf?.pci64Aperture) regions.push({ ...ovmf.pci64Aperture, what: `64-bit PCI aperture (${ovmf.window} window)`, by: 'OVMF', kind: 'aperture' });
  if (plan.devices?.block) {
    const placed = new Set(plan.devices.bars.filter((bar) => bar.where === 'above-4g').map((bar) => bar.device)).size;
    regions.push({ ...plan.devices.block, what: `BARs of ${placed} passed-through device${placed === 1 ? '' : 's'}`, by: 'OVMF', kind: 'devices' });
  }
  return regions.filter((r) => r.size > 0n).sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
}

export interface Marker {
  readonly address: bigint;
  readonly what: string;
}

/** Address-space limits drawn as lines: the CPU's 2^phys-bits and OVMF's 2^PhysMemAddressWidth. */
export function mapMarkers(plan: Plan): Marker[] {
  const markers: Marker[] = [{ address: pow2(plan.qemu.physBits), what: `2^${plan.qemu.physBits}: end of the guest CPU's physical address space (phys-bits)` }];
  if (plan.ovmf) {
    markers.push({ address: pow2(plan.ovmf.physMemAddressWidth), what: `2^${plan.ovmf.physMemAddressWidth}: end of OVMF's memory map (PhysMemAddressWidth)` });
  }
  return markers.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}


/** One line of the map: a region (an `unused` one for a gap), or a limit drawn where it falls. */
export type MapEntry = { readonly region: MapRegion; readonly marker?: undefined } | { readonly marker: Marker; readonly region?: undefined };

/** The regions in address order with the gaps between them as `unused`, and each marker before the first region at or above it. */
export function mapEntries(plan: Plan): MapEntry[] {
  const entries: MapEntry[] = [];
  const markers = mapMarkers(plan);
  const flushMarkers = (upTo: bigint | null) => {
    while (markers.length > 0 && (upTo === null || markers[0]!.address <= upTo)) entries.push({ marker: markers.shift()! });
  };
  let covered = 0n;
  for (const region of mapRegions(plan)) {
    flushMarkers(region.base);
    if (region.base > covered) entries.push({ region: { base: covered, size: region.base - covered, what: 'unused', by: '', kind: 'unused' } });
    entries.push({ region });
    if (rangeEnd(region) > covered) covered = rangeEnd(region);
  }
  flushMarkers(null);
  return entries;
}
