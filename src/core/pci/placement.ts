/**
 * Where OVMF puts passed-through devices' 64-bit BARs in the aperture, and which devices it leaves out when they do
 * not fit (edk2 `MdeModulePkg/Bus/Pci/PciBusDxe/PciLib.c` `PciHostBridgeResourceAllocator`,
 * `PciEnumerator.c` `PciHostBridgeAdjustAllocation`, `PciHostBridgeDxe/PciHostBridge.c` `AllocateResource`).
 *
 * The host bridge places the root bridge's whole 64-bit request as one block, bottom-up from the aperture base
 * aligned to the request's largest alignment. When it does not fit, PciBusDxe rejects the largest single consumer it
 * may reject (a BAR behind a root port, or a port's padding: never a device on bus 0, never a VGA device), and tries
 * again; when nothing can be rejected, or the rejections took every 64-bit request, the allocation fails and no
 * device on the root bus is programmed.
 */
import type { PciTopology } from './devices.js';
import type { OvmfRules } from '../ovmf/releases.js';
import { type Exclusions, NOTHING_EXCLUDED, type ResourceNode, type RootPort, barsAbove4g, hotplugPadding, rootBlock, rootPorts } from './resource-tree.js';
import { type Range, alignUp, rangeEnd } from '../units.js';

/** Where a BAR ends up: in the 64-bit block, below 4 GiB (placement there is not modelled), or nowhere. */
export type BarWhere = 'above-4g' | 'below-4g' | 'unassigned';

export interface BarPlacement {
  readonly device: string;
  readonly index: number;
  readonly size: bigint;
  readonly is64: boolean;
  readonly prefetchable: boolean;
  readonly where: BarWhere;
  /** Set when `where` is `above-4g`. */
  readonly range: Range | null;
}

export interface PortWindow {
  /** The device behind the port, or null for an empty port. */
  readonly device: string | null;
  /** The 64-bit prefetchable window; null when the port has none (or nothing was programmed). */
  readonly range: Range | null;
  /** OVMF's padding asked for in the first round; null = none. */
  readonly padding: bigint | null;
  readonly paddingDropped: boolean;
}

/** One round's rejection: the device removed, or the port whose padding was dropped. */
export type Rejection =
  | { readonly kind: 'device'; readonly device: string; readonly largestBar: bigint }
  | { readonly kind: 'padding'; readonly port: number; readonly device: string | null; readonly padding: bigint };

/**
 * `placed`: every 64-bit BAR has its place; `partial`: devices or padding were rejected to make room; `failed`: the
 * request did not fit and nothing could be rejected, so nothing on the root bus is programmed; `below-4g`: there is
 * no 64-bit aperture, so every 64-bit BAR is degraded below 4 GiB.
 */
export type PlacementOutcome = 'placed' | 'partial' | 'failed' | 'below-4g';

export interface DevicePlacement {
  readonly outcome: PlacementOutcome;
  /** The aperture the block must fit in; null = none published. */
  readonly aperture: Range | null;
  /** False when the aperture lies beyond 2^PhysMemAddressWidth: the host bridge cannot add it to the GCD map. */
  readonly apertureUsable: boolean;
  /** The first round's request, every device and padding included: the length and alignment a fit needs. */
  readonly request: { readonly length: bigint; readonly alignment: bigint };
  /** The block the host bridge allocated in the last round; null when none was. */
  readonly block: Range | null;
  readonly bars: readonly BarPlacement[];
  readonly ports: readonly PortWindow[];
  readonly rejections: readonly Rejection[];
  /** Why an allocation failed; null unless `outcome` is `failed`. */
  readonly failure: FailureReason | null;
}

/**
 * `nothing-to-reject`: what does not fit is on the root bus or VGA; `emptied`: the rejections took every 64-bit
 * request, and the host bridge's stale failed request makes the next round fail too.
 */
export type FailureReason = 'nothing-to-reject' | 'emptied';

/** What placement takes from OVMF's sizing: the published aperture and whether the GCD map can hold it. */
export interface ApertureView {
  readonly aperture: Range | null;
  readonly usable: boolean;
}

export function placeDevices(topology: PciTopology, view: ApertureView, rules: OvmfRules): DevicePlacement {
  const ports = rootPorts(topology);
  const pcdSize = view.aperture?.size ?? 0n;
  const excluded = { devices: new Set<number>(), padding: new Set<number>() };
  const first = rootBlock(topology, ports, pcdSize, rules, excluded);
  const request = { length: first.length, alignment: first.alignment + 1n };
  if (view.aperture === null) return belowFourGig(topology, ports, pcdSize, rules, request);
  const rejections: Rejection[] = [];
  for (let tree = first; ; tree = rootBlock(topology, ports, pcdSize, rules, excluded)) {
    // Rejections emptied the 64-bit request: PciBusDxe submits none, but the host bridge still holds the failed one
    // (zero length, status submitted: `NotifyPhase` frees only what it allocated, `SubmitResources` overwrites only the
    // types it is given), retries it, fails, and finds nothing left to reject. Seen in real boots (conformance).
    if (tree.children.length === 0 && rejections.length > 0) {
      return failed(topology, ports, pcdSize, rules, { view, request, rejections, excluded }, 'emptied');
    }
    const base = alignUp(view.aperture.base, tree.alignment + 1n);
    if (tree.children.length === 0 || (view.usable && base + tree.length <= rangeEnd(view.aperture))) {
      const block = tree.children.length === 0 ? null : { base, size: tree.length };
      return placed(topology, ports, pcdSize, rules, { view, request, rejections, excluded, tree, block });
    }
    const victim = largestRejectable(tree, topology);
    if (victim === null) return failed(topology, ports, pcdSize, rules, { view, request, rejections, excluded }, 'nothing-to-reject');
    rejections.push(reject(victim, topology, ports, excluded));
  }
}

function reject(victim: ResourceNode, topology: PciTopology, ports: readonly RootPort[], excluded: { devices: Set<number>; padding: Set<number> }): Rejection {
  const owner = victim.owner!;
  if (owner.kind === 'padding') {
    excluded.padding.add(owner.port);
    const device = ports[owner.port]!.device;
    return { kind: 'padding', port: owner.port, device: device === null ? null : topology.devices[device]!.name, padding: victim.length };
  }
  if (owner.kind !== 'bar') throw new Error('a window is never a rejection candidate');
  excluded.devices.add(owner.device);
  return { kind: 'device', device: topology.devices[owner.device]!.name, largestBar: victim.length };
}

/**
 * GetMaxResourceConsumerDevice with IsRejectiveDevice and GetLargerConsumerDevice: the longest single node that may
 * be rejected, looking inside root-port windows; on equal lengths the later node wins.
 */
function largestRejectable(node: ResourceNode, topology: PciTopology): ResourceNode | null {
  let best: ResourceNode | null = null;
  for (const child of node.children) {
    const owner = child.owner!;
    let candidate: ResourceNode | null;
    if (owner.kind === 'window') candidate = largestRejectable(child, topology);
    else if (owner.kind === 'padding') candidate = child;
    else {
      const device = topology.devices[owner.device]!;
      candidate = device.attach === 'root-bus' || device.vga ? null : child;
    }
    if (candidate !== null && (best === null || candidate.length >= best.length)) best = candidate;
  }
  return best;
}

interface Round {
  readonly view: ApertureView;
  readonly request: DevicePlacement['request'];
  readonly rejections: readonly Rejection[];
  readonly excluded: Exclusions;
}

function placed(topology: PciTopology, ports: readonly RootPort[], pcdSize: bigint, rules: OvmfRules, round: Round & { tree: ResourceNode; block: Range | null }): DevicePlacement {
  const at = new Map<string, Range>();
  const windows = new Map<number, Range>();
  const base = round.block?.base ?? 0n;
  for (const child of round.tree.children) {
    const start = base + child.offset;
    const owner = child.owner!;
    if (owner.kind === 'bar') at.set(`${owner.device}/${owner.bar}`, { base: start, size: child.length });
    if (owner.kind !== 'window') continue;
    windows.set(owner.port, { base: start, size: child.length });
    for (const grandchild of child.children) {
      const inner = grandchild.owner!;
      if (inner.kind === 'bar') at.set(`${inner.device}/${inner.bar}`, { base: start + grandchild.offset, size: grandchild.length });
    }
  }
  const outcome = round.rejections.length === 0 ? 'placed' : 'partial';
  return result(topology, ports, pcdSize, rules, round, outcome, round.block, (device, bar) => at.get(`${device}/${bar}`) ?? null, (port) => windows.get(port) ?? null);
}

function failed(topology: PciTopology, ports: readonly RootPort[], pcdSize: bigint, rules: OvmfRules, round: Round, why: FailureReason): DevicePlacement {
  return { ...result(topology, ports, pcdSize, rules, round, 'failed', null, () => null, () => null), failure: why };
}

function belowFourGig(topology: PciTopology, ports: readonly RootPort[], pcdSize: bigint, rules: OvmfRules, request: DevicePlacement['request']): DevicePlacement {
  const round = { view: { aperture: null, usable: false }, request, rejections: [], excluded: NOTHING_EXCLUDED };
  return result(topology, ports, pcdSize, rules, round, 'below-4g', null, () => null, () => null);
}

function result(
  topology: PciTopology, ports: readonly RootPort[], pcdSize: bigint, rules: OvmfRules, round: Round, outcome: PlacementOutcome,
  block: Range | null, barRange: (device: number, bar: number) => Range | null, windowRange: (port: number) => Range | null,
): DevicePlacement {
  const bars = topology.devices.flatMap((device, i) => {
    const above = new Set(barsAbove4g(device, rules).map((bar) => bar.index));
    return device.bars.map((bar): BarPlacement => {
      const { index, size, is64, prefetchable } = bar;
      const common = { device: device.name, index, size, is64, prefetchable };
      // A rejected device loses all its BARs; a failed allocation programs no BAR at all.
      if (outcome === 'failed' || round.excluded.devices.has(i)) return { ...common, where: 'unassigned', range: null };
      if (!above.has(index) || outcome === 'below-4g') return { ...common, where: 'below-4g', range: null };
      const range = barRange(i, index);
      return { ...common, where: range === null ? 'unassigned' : 'above-4g', range };
    });
  });
  const portWindows = ports.map((port, i): PortWindow => ({
    device: port.device === null ? null : topology.devices[port.device]!.name,
    range: windowRange(i),
    padding: hotplugPadding(port, pcdSize, rules),
    paddingDropped: round.excluded.padding.has(i),
  }));
  return {
    outcome, aperture: round.view.aperture, apertureUsable: round.view.usable, request: round.request, block,
    bars, ports: portWindows, rejections: round.rejections, failure: null,
  };
}
