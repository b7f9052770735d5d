/**
 * Whether a host's IOMMU can map what passed-through devices DMA to: all guest RAM (the hotplug area included, since
 * a hot-added DIMM is mapped too), and the devices' BARs for peer-to-peer. VFIO maps guest RAM through the host
 * IOMMU at its guest-physical address; beyond the IOMMU's width the map fails with EINVAL, which QEMU reports as
 * `vfio_container_dma_map(…) = -22 (Invalid argument)`: fatal for RAM, a warning for a device's BARs (QEMU
 * `hw/vfio/listener.c` / `common.c`: a failed map of a ram_device region only disables peer-to-peer).
 */
import type { Finding } from '../findings.js';
import type { Plan } from '../plan.js';
import { pow2, rangeEnd } from '../units.js';
import { e820RamTop } from '../ovmf/classic.js';

/**
 * One past the highest guest RAM address a device may DMA to: the E820 RAM top (at least 4 GiB, which every IOMMU
 * width of 32 bits or more maps), or the hotplug area's end.
 */
export function dmaRamEnd(result: Plan): bigint {
  const { qemu } = result;
  const ramTop = e820RamTop(qemu.e820);
  const hotplugEnd = qemu.deviceMemory ? rangeEnd(qemu.deviceMemory) : 0n;
  return ramTop > hotplugEnd ? ramTop : hotplugEnd;
}

/** One past the highest placed BAR; null when no BAR is above 4 GiB. */
export function dmaBarEnd(result: Plan): bigint | null {
  const ends = (result.devices?.bars ?? []).flatMap((bar) => (bar.range ? [rangeEnd(bar.range)] : []));
  return ends.length === 0 ? null : ends.reduce((a, b) => (a > b ? a : b));
}

const NONE: readonly Finding[] = Object.freeze([]);

/** What passed-through devices may DMA to, as the IOMMU check reads it: null when the VM has no devices. */
export interface DmaReach {
  readonly ramEnd: bigint;
  readonly barEnd: bigint | null;
}

export function dmaReach(result: Plan): DmaReach | null {
  return result.vm.pci.devices.length === 0 ? null : { ramEnd: dmaRamEnd(result), barEnd: dmaBarEnd(result) };
}

/** The host's IOMMU against the guest as `result` lays it out; nothing when the VM has no devices or the width is unknown. */
export function iommuFindings(result: Plan, iommuBits: number | null): readonly Finding[] {
  // Shared, not a new empty list: a pool check asks this for every boot group and every migration.
  if (iommuBits === null || result.vm.pci.devices.length === 0) return NONE;
  return iommuReachFindings(dmaReach(result), iommuBits);
}

/** The same check from the reach alone: the pool's migration check decides it once per class of reaches. */
export function iommuReachFindings(reach: DmaReach | null, iommuBits: number | null): readonly Finding[] {
  if (iommuBits === null || reach === null) return NONE;
  const limit = pow2(iommuBits);
  const findings: Finding[] = [];
  if (reach.ramEnd > limit) findings.push({ code: 'pool_iommu_cannot_map_ram', ramEnd: reach.ramEnd, iommuBits });
  if (reach.barEnd !== null && reach.barEnd > limit) findings.push({ code: 'pool_iommu_cannot_map_bars', barEnd: reach.barEnd, iommuBits });
  return findings.length === 0 ? NONE : findings;
}
