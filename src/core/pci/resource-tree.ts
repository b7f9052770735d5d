/**
 * The 64-bit part of OVMF's PCI resource map: the tree PciBusDxe builds before it asks the host bridge for one block
 * of the aperture (edk2 `MdeModulePkg/Bus/Pci/PciBusDxe/PciResourceSupport.c`, identical from edk2-stable202011 to
 * edk2-stable202511 in what is modelled here).
 *
 * - Each root port gets a 64-bit prefetchable window node holding its device's 64-bit prefetchable BARs and, when
 *   the port is hot-plug capable, OVMF's padding (`CreateResourceMap`, `ApplyResourcePadding`).
 * - A window is as long as its BARs laid out by alignment, or its padding if larger, in 1 MiB steps, and aligned to
 *   its largest child (`CalculateResourceAperture`): a 64 GiB BAR plus a 32 MiB BAR make a 64 GiB + 32 MiB window.
 * - A root port cannot decode non-prefetchable 64-bit memory, so such BARs behind it go below 4 GiB
 *   (`DegradeResource`); on the root bus, OVMF's host bridge combines prefetchable and non-prefetchable memory
 *   (EFI_PCI_HOST_BRIDGE_COMBINE_MEM_PMEM in OvmfPkg's PciHostBridgeLib), so every 64-bit BAR there is in the block.
 */
import type { OvmfRules } from '../ovmf/releases.js';
import type { PciDevice, PciTopology } from './devices.js';
import { GiB, MiB, alignUp, ceilLog2, pow2 } from '../units.js';

/** Who a node stands for: a device's BAR, a root port's window, or the padding OVMF asks for on a port. */
export type NodeOwner =
  | { readonly kind: 'bar'; readonly device: number; readonly bar: number }
  | { readonly kind: 'window'; readonly port: number }
  | { readonly kind: 'padding'; readonly port: number };

/** PCI_RESOURCE_NODE: `alignment` is a mask (size − 1), as in edk2. */
export interface ResourceNode {
  readonly owner: NodeOwner | null;
  readonly usage: 'typical' | 'padding';
  length: bigint;
  alignment: bigint;
  offset: bigint;
  readonly children: ResourceNode[];
}

/** A root port in bus order: one per device attached to a root port, then the empty ones. */
export interface RootPort {
  /** Index in `PciTopology.devices`, or null for an empty port. */
  readonly device: number | null;
  readonly hotplug: boolean;
  readonly pref64Reserve: bigint | null;
}

/** Bridge windows start 1 MiB-aligned and grow in 1 MiB steps (CreateResourceMap: "memory aperture is aligned with 1MB"). */
const BRIDGE_ALIGNMENT = MiB - 1n;
const MAX_UINT64 = pow2(64) - 1n;

export function rootPorts({ devices, emptyRootPorts }: PciTopology): RootPort[] {
  const ports: RootPort[] = [];
  devices.forEach((device, i) => {
    if (device.attach === 'root-port') ports.push({ device: i, hotplug: device.hotplug, pref64Reserve: device.pref64Reserve });
  });
  for (let i = 0; i < emptyRootPorts; i++) ports.push({ device: null, hotplug: true, pref64Reserve: null });
  return ports;
}

/**
 * The prefetchable 64-bit padding OVMF's PciHotPlugInitDxe asks for on a hot-plug port (`GetResourcePadding`): QEMU's
 * `pref64-reserve` hint rounded up to a power of two; without a usable hint (unset, 0, or too large to round), from
 * 202211 2^⌈log2(size/256)⌉ of the final PcdPciMmio64Size when that exceeds 32 GiB (ovmf.md §3.5). Null: none.
 */
export function hotplugPadding(port: RootPort, pcdPciMmio64Size: bigint, rules: OvmfRules): bigint | null {
  if (!port.hotplug) return null;
  const hint = port.pref64Reserve;
  if (hint !== null && hint > 0n && hint < MAX_UINT64) {
    const bits = ceilLog2(hint);
    if (bits < 64) return pow2(bits);
  }
  if (rules.hotplugPrefetchablePadding && pcdPciMmio64Size > 32n * GiB) return pow2(ceilLog2(pcdPciMmio64Size >> 8n));
  return null;
}

/** InsertResourceNode: by alignment, largest first; among equals, in edk2's own order (by length's remainder). */
export function insertResourceNode(children: ResourceNode[], node: ResourceNode): void {
  let at = 0;
  for (; at < children.length; at++) {
    const other = children[at]!;
    if (node.alignment > other.alignment) break;
    if (node.alignment === other.alignment) {
      const rest = node.length & node.alignment;
      if (rest === 0n || rest >= (other.length & other.alignment)) break;
    }
  }
  children.splice(at, 0, node);
}

/**
 * CalculateResourceAperture: lay the children out by alignment, BARs and padding each from 0; the window is the
 * larger of the two, in steps of the bridge's own alignment (1 MiB), then takes its largest child's alignment.
 */
export function calculateResourceAperture(bridge: ResourceNode): void {
  let typical = 0n;
  let padding = 0n;
  for (const node of bridge.children) {
    const start = node.usage === 'typical' ? typical : padding;
    node.offset = alignUp(start, node.alignment + 1n);
    if (node.usage === 'typical') typical = node.offset + node.length;
    else padding = node.offset + node.length;
  }
  typical = alignUp(typical, bridge.alignment + 1n);
  padding = alignUp(padding, bridge.alignment + 1n);
  bridge.length = typical > padding ? typical : padding;
  const first = bridge.children[0];
  if (first && first.alignment > bridge.alignment) bridge.alignment = first.alignment;
}

function leaf(owner: NodeOwner, usage: ResourceNode['usage'], length: bigint): ResourceNode {
  return { owner, usage, length, alignment: length - 1n, offset: 0n, children: [] };
}

function bridgeNode(owner: NodeOwner | null): ResourceNode {
  return { owner, usage: 'typical', length: 0n, alignment: BRIDGE_ALIGNMENT, offset: 0n, children: [] };
}

/** What is left out of a round: devices rejected and ports whose padding was dropped (RejectPciDevice). */
export interface Exclusions {
  readonly devices: ReadonlySet<number>;
  readonly padding: ReadonlySet<number>;
}

/** The first round's: nothing left out. */
export const NOTHING_EXCLUDED: Exclusions = Object.freeze({ devices: new Set<number>(), padding: new Set<number>() });

/**
 * The BARs of a device that go in the root bridge's 64-bit block. Behind a root port (no MEM64 window) a
 * non-prefetchable 64-bit BAR is degraded below 4 GiB, except in edk2-stable202602, whose f6489621b8ae put it in the
 * port's PMEM64 window instead (reverted by defbd14d6373 in 202605).
 */
export function barsAbove4g(device: PciDevice, rules: OvmfRules): PciDevice['bars'] {
  return device.bars.filter((bar) => bar.is64 && (device.attach === 'root-bus' || bar.prefetchable || rules.mem64ToPmem64));
}

/**
 * The root bridge's combined 64-bit node (RB_MEM64_RANGE after `DegradeResource` merged PMEM64 into it), in the
 * order PciBusDxe builds it: devices in bus order, each device's BARs by index, a port's window after its contents.
 */
export function rootBlock(topology: PciTopology, ports: readonly RootPort[], pcdPciMmio64Size: bigint, rules: OvmfRules, out: Exclusions): ResourceNode {
  const mem64 = bridgeNode(null);
  const pmem64 = bridgeNode(null);
  let portIndex = 0;
  const addPort = (port: RootPort, index: number) => {
    const window = bridgeNode({ kind: 'window', port: index });
    if (port.device !== null && !out.devices.has(port.device)) {
      for (const bar of barsAbove4g(topology.devices[port.device]!, rules)) {
        insertResourceNode(window.children, leaf({ kind: 'bar', device: port.device, bar: bar.index }, 'typical', bar.size));
      }
    }
    const padding = out.padding.has(index) ? null : hotplugPadding(port, pcdPciMmio64Size, rules);
    if (padding !== null) insertResourceNode(window.children, leaf({ kind: 'padding', port: index }, 'padding', padding));
    calculateResourceAperture(window);
    if (window.children.length > 0) insertResourceNode(pmem64.children, window);
  };
  topology.devices.forEach((device, i) => {
    if (device.attach === 'root-port') {
      addPort(ports[portIndex]!, portIndex);
      portIndex++;
    } else if (!out.devices.has(i)) {
      for (const bar of barsAbove4g(device, rules)) {
        insertResourceNode(bar.prefetchable ? pmem64.children : mem64.children, leaf({ kind: 'bar', device: i, bar: bar.index }, 'typical', bar.size));
      }
    }
  });
  for (; portIndex < ports.length; portIndex++) addPort(ports[portIndex]!, portIndex);
  for (const node of pmem64.children) insertResourceNode(mem64.children, node);
  calculateResourceAperture(mem64);
  return mem64;
}
