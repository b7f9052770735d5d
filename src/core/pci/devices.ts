/**
 * Passed-through PCI devices as the VM spec carries them: each BAR's size and kind, and where the device sits (on the
 * root bus, or behind its own PCIe root port as libvirt places devices on q35).
 */

/** One memory BAR, as `lspci -vv` prints it ("Region 1: Memory at … (64-bit, prefetchable) [size=128G]"). */
export interface PciBar {
  /** The BAR register, 0–5; a 64-bit BAR takes this register and the next. */
  readonly index: number;
  /** Bytes, a power of two (PCI BARs are naturally aligned to their size). */
  readonly size: bigint;
  readonly is64: boolean;
  readonly prefetchable: boolean;
}

/** `root-port`: behind a `pcie-root-port` of its own (libvirt's q35 default); `root-bus`: on bus 0 itself. */
export type PciAttachment = 'root-port' | 'root-bus';

export interface PciDevice {
  /** Unique in the VM: the preset name with an index (`nvidia-a100-40g-pcie#1`) or the user's name. */
  readonly name: string;
  /** The device preset it came from, when any. */
  readonly model: string | null;
  /** Class code 0300 (VGA-compatible): PciBusDxe never rejects it to make room (`IsRejectiveDevice`). */
  readonly vga: boolean;
  readonly bars: readonly PciBar[];
  readonly attach: PciAttachment;
  /**
   * The root port's slot is hot-plug capable (QEMU's `pcie-root-port` default; libvirt `hotplug='off'` clears it):
   * only then does OVMF pad its windows (PciBusDxe `IsPciHotPlugBus`). Ignored on the root bus.
   */
  readonly hotplug: boolean;
  /** The root port's `pref64-reserve` hint in bytes; null = unset (QEMU's -1, "firmware default"). */
  readonly pref64Reserve: bigint | null;
}

/** The devices and the empty hot-plug root ports libvirt adds after them, in bus order. */
export interface PciTopology {
  readonly devices: readonly PciDevice[];
  /** Empty `pcie-root-port`s (hot-plug capable, no hint) after the devices: each may get OVMF's padding. */
  readonly emptyRootPorts: number;
}

export const NO_DEVICES: PciTopology = Object.freeze({ devices: Object.freeze([]), emptyRootPorts: 0 });

export function hasDevices(topology: PciTopology): boolean {
  return topology.devices.length > 0 || topology.emptyRootPorts > 0;
}
