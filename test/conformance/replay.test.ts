/**
 * Replays the recorded real boots (test/conformance/fixtures/*.json, written by conformance/run.mjs) against the model,
 * each for its own releases: the QEMU build, the machine type, and the OVMF package (its edk2 tag, its backports and
 * its build), as the fixture's `vm` and `versions` record them (conformance/builds.mjs). No boot happens
 * here. Each observed fact is compared with `plan()`; a fixture may mark a fact `modelDiffers` (with the reason and the source line), and the test then asserts it still differs, so a fix shows.
 */
import { NO_DEVICES, type PciAttachment, type PciTopology } from '../../src/core/pci/devices.js';
import type { BarWhere } from '../../src/core/pci/placement.js';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Plan, plan } from '../../src/core/plan.js';
import type { CpuVendor, MachineType, VmSpec } from '../../src/core/spec.js';
import type { E820Entry } from '../../src/core/findings.js';
import { firmwareRules, isEdk2Tag, type OvmfBuild } from '../../src/core/ovmf/releases.js';
import { qemuRefusal } from '../../src/core/findings.js';
import type { QemuVersion } from '../../src/core/qemu/versions.js';
import { GiB, type Range, alignUp, rangeEnd } from '../../src/core/units.js';
import { PCI_HOLE64_DEFAULT } from '../../src/core/qemu/layout.js';
import { qemuRefusalLines } from '../../src/render/messages.js';

// ---------------------------------------------------------------------------------------------------------------------
// The fixture format (see conformance/run.mjs and conformance/observe.mjs)

type Hex = string;
interface HexRange { base: Hex; size: Hex }

interface FixtureVm {
  machine: MachineType;
  machineVersion: string;
  qemuVersion: string;
  memory: Hex;
  maxmem: Hex;
  slots: number;
  maxRamBelow4g: Hex;
  pciHole64Size: Hex | null;
  cxlWindows: Hex[];
  cpu: { vendor: CpuVendor; longMode: boolean; physBits: number; guestPhysBits: number; pdpe1gb: boolean; la57: boolean; vendorCpuidOnlyV2?: boolean };
  firmware: { edk2: string; backports?: string[]; package?: string; build: OvmfBuild; fiveLevelPaging: boolean; fwCfg: Record<string, string> };
  /** The device group only: the PciTopology, sizes as hex strings. */
  pci?: {
    devices: { name: string; model: null; vga: boolean; bars: { index: number; size: Hex; is64: boolean; prefetchable: boolean }[]; attach: PciAttachment; hotplug: boolean; pref64Reserve: Hex | null }[];
    emptyRootPorts: number;
  };
}

interface Probe { id: string; kind: 'pcie-root-port' | 'ivshmem-plain'; bdf: string; size: Hex }

/** The device group's setup: `bdf` is null behind a root port (its bus number is OVMF's); ports in bus order. */
interface DeviceSetup { id: string; kind: 'ivshmem-plain'; attach: PciAttachment; port: string | null; bdf: string | null; bar2: Hex }
interface RootPortSetup { id: string; bdf: string; device: string | null }

interface Observed {
  exitStatus: number | null;
  timedOut: boolean;
  started: boolean;
  refusal: string | null;
  stderr: string[];
  cpu?: { vendor: string; physBits: number; virtBits: number; pdpe1gb: boolean };
  fwCfg?: { e820: (HexRange & { type: string })[]; reservedMemoryEnd: Hex | null; pciMmio64Knob: string | null };
  kernelE820?: (HexRange & { type: string })[];
  rootBusWindows64?: HexRange[];
  probes?: { id: string; requested: Hex; window: HexRange | null }[];
  /** The device group: each device's memory BARs (base 0x0 = never programmed) and each root port's window. */
  devices?: { id: string; bdf: string; bars: (HexRange & { index: number; is64: boolean; prefetchable: boolean })[] }[];
  rootPorts?: { id: string; bdf: string; secondaryBus: string; window64: HexRange | null }[];
  /** The device group: every memory BAR of bus 0 (root ports, AHCI, devices on pcie.0), as the first scan read it. */
  rootBusMemoryBars?: (HexRange & { bdf: string; index: number; is64: boolean; prefetchable: boolean })[];
}

const FACTS = ['refusal', 'cpu', 'qemu-e820', 'reserved-memory-end', 'kernel-e820-above-4g', 'root-bus-window-64', 'aperture', 'devices', 'root-bus-programmed'] as const;
type Fact = (typeof FACTS)[number];

interface Fixture {
  id: string;
  about: string;
  vm: FixtureVm;
  probes: Probe[];
  devices?: DeviceSetup[];
  rootPorts?: RootPortSetup[];
  observed: Observed;
  versions: { qemu: string; packages: Record<string, string>; ovmfCode: string; ovmfCodeSha256: string; kernel: string };
  /** Facts the model gets wrong, each with why and where the real behaviour comes from. */
  modelDiffers?: Partial<Record<Fact, { reason: string; source: string }>>;
}

const FIXTURE_DIR = new URL('./fixtures/', import.meta.url);
const fixtures: Fixture[] = readdirSync(FIXTURE_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(new URL(name, FIXTURE_DIR), 'utf8')) as Fixture);

// ---------------------------------------------------------------------------------------------------------------------
// Fixture → VmSpec

const big = (value: Hex): bigint => BigInt(value);
const range = (r: HexRange): Range => ({ base: big(r.base), size: big(r.size) });

function version(text: string): QemuVersion {
  const match = /^(\d+)\.(\d+)$/.exec(text);
  if (!match) throw new Error(`bad version ${text}`);
  return { major: Number(match[1]), minor: Number(match[2]) };
}

function pciTopology(pci: FixtureVm['pci']): PciTopology {
  if (pci === undefined) return NO_DEVICES;
  return {
    devices: pci.devices.map((d) => ({ ...d, bars: d.bars.map((bar) => ({ ...bar, size: big(bar.size) })), pref64Reserve: d.pref64Reserve === null ? null : big(d.pref64Reserve) })),
    emptyRootPorts: pci.emptyRootPorts,
  };
}

function vmSpec(vm: FixtureVm): VmSpec {
  if (!isEdk2Tag(vm.firmware.edk2)) throw new Error(`unknown edk2 tag ${vm.firmware.edk2}`);
  return {
    machine: vm.machine,
    machineVersion: version(vm.machineVersion),
    qemuVersion: version(vm.qemuVersion),
    memory: big(vm.memory),
    maxmem: big(vm.maxmem),
    slots: vm.slots,
    maxRamBelow4g: big(vm.maxRamBelow4g),
    pciHole64Size: vm.pciHole64Size === null ? null : big(vm.pciHole64Size),
    cxlWindows: vm.cxlWindows.map(big),
    pci: pciTopology(vm.pci),
    cpu: { ...vm.cpu },
    firmware: { ...vm.firmware, edk2: vm.firmware.edk2, fwCfg: { ...vm.firmware.fwCfg } },
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// What the model predicts for each observable fact

const FOUR_GIB = 4n * GiB;
const VENDOR_STRING: Record<CpuVendor, string> = { intel: 'GenuineIntel', amd: 'AuthenticAMD', hygon: 'HygonGenuine' };

/** QEMU's refusal as its stderr shows it: the first line, after the program-name prefix the observation strips. */
const refusalText = (p: Plan): string | null => {
  const refusal = qemuRefusal(p.findings);
  return refusal ? qemuRefusalLines(refusal)[0]! : null;
};

/** Where a probe ended up: an exact range above 4 GiB, 'below-4g' (degraded to the 32-bit window), or null. */
type Placement = Range | 'below-4g' | null;

/**
 * OVMF's PciBus + PciHostBridgeDxe placing the probes' 64-bit prefetchable resources in the aperture (the probes'
 * arithmetic, not the model's): with EFI_PCI_HOST_BRIDGE_COMBINE_MEM_PMEM every 64-bit resource of the root bus is one
 * block, sorted by alignment (descending, stable) and allocated bottom-up from the aperture base aligned to the
 * largest alignment (PciHostBridgeDxe AllocateResource). A block that does not fit makes PciBus reject the largest
 * consumer (PciHostBridgeAdjustAllocation → GetMaxResourceConsumerDevice; on a tie the later device) and retry; a
 * device on the root bus itself cannot be rejected (IsRejectiveDevice), so then nothing is programmed at all.
 * Without an aperture the resources degrade to the 32-bit window (DegradeResource), which the model does not place;
 * one of 4 GiB or more is not placed at all.
 */
function placeProbes(aperture: Range | null, probes: readonly Probe[]): Placement[] {
  // Degraded below 4 GiB, a resource of 4 GiB or more cannot fit the 32-bit window at all: OVMF programs none
  // (q111-ovmf12-q35-2g-intel39-knob0: two 64 GiB paddings, no window).
  if (aperture === null) return probes.map((p) => (big(p.size) < FOUR_GIB ? 'below-4g' : null));
  const sizes = probes.map((p) => big(p.size));
  const live = probes.map(() => true);
  for (;;) {
    const order = sizes.map((size, i) => ({ size, i })).filter(({ i }) => live[i]).sort((a, b) => (a.size === b.size ? a.i - b.i : a.size > b.size ? -1 : 1));
    const first = order[0];
    if (!first) return probes.map(() => null);
    let next = alignUp(aperture.base, first.size);
    const placed = new Map<number, Range>();
    for (const { size, i } of order) {
      next = alignUp(next, size);
      placed.set(i, { base: next, size });
      next += size;
    }
    if (next <= rangeEnd(aperture)) return probes.map((_, i) => placed.get(i) ?? null);
    if (probes.some((p) => p.kind !== 'pcie-root-port')) return probes.map(() => null);
    let victim = first.i;
    for (const { size, i } of order) if (size >= sizes[victim]!) victim = i;
    live[victim] = false;
  }
}

const observedPlacement = (window: HexRange | null): Placement => {
  if (window === null) return null;
  const r = range(window);
  return rangeEnd(r) <= FOUR_GIB ? 'below-4g' : r;
};

/**
 * QEMU's ACPI _CRS 64-bit window for the root bus (q35_host_get_pci_hole64_start/_end, i440fx likewise): from the
 * lowest 64-bit BAR or bridge window the firmware programmed (else pc_pci_hole64_start) to the highest end, at least
 * ROUND_UP(start + pci-hole64-size, 1 GiB). Given the firmware's placement, this is QEMU's rule alone.
 */
function rootBusWindow(p: Plan, placed: readonly Placement[]): Range[] {
  const above = placed.filter((w): w is Range => w !== null && w !== 'below-4g');
  const hole64Size = p.vm.pciHole64Size ?? PCI_HOLE64_DEFAULT[p.vm.machine];
  const start = above.length > 0 ? above.reduce((min, w) => (w.base < min ? w.base : min), above[0]!.base) : p.qemu.pciHole64.base;
  const highest = above.reduce((max, w) => (rangeEnd(w) > max ? rangeEnd(w) : max), 0n);
  const floor = alignUp(start + hole64Size, GiB);
  const end = highest > floor ? highest : floor;
  return [{ base: start, size: end - start }];
}

/** A BAR as the model reports it (BarPlacement): an exact range above 4 GiB, or only where it went. */
interface BarSeen { device: string; index: number; size: bigint; is64: boolean; prefetchable: boolean; where: BarWhere; range: Range | null }

/**
 * A BAR the firmware never programmed reads back as 0 (never written: nothing on the root bus was programmed) or with
 * every address bit set (a rejected device: PciBusDxe's RejectPciDevice calls InitializePciDevice, which writes all ones).
 */
const isUnprogrammed = (r: Range, is64: boolean): boolean => r.base === 0n || rangeEnd(r) === (is64 ? 1n << 64n : FOUR_GIB);

/** What the firmware programmed for the device group, in the model's terms. */
function observedDevices(fixture: Fixture, o: Observed): { bars: BarSeen[]; ports: { device: string | null; range: Range | null }[] } {
  const bars = (o.devices ?? []).flatMap((device) => device.bars.map((bar): BarSeen => {
    const r = range(bar);
    const where: BarWhere = isUnprogrammed(r, bar.is64) ? 'unassigned' : rangeEnd(r) <= FOUR_GIB ? 'below-4g' : 'above-4g';
    return { device: device.id, index: bar.index, size: r.size, is64: bar.is64, prefetchable: bar.prefetchable, where, range: where === 'above-4g' ? r : null };
  }));
  const ports = (o.rootPorts ?? []).map((port, i) => ({ device: fixture.rootPorts![i]!.device, range: port.window64 === null ? null : range(port.window64) }));
  return { bars, ports };
}

/** The 64-bit ranges QEMU's pci_bus_get_w64_range finds on bus 0: root-port windows and bus-0 devices' 64-bit BARs. */
function deviceRanges64(fixture: Fixture, seen: ReturnType<typeof observedDevices>): Placement[] {
  const onRootBus = new Set((fixture.devices ?? []).filter((d) => d.attach === 'root-bus').map((d) => d.id));
  const bars = seen.bars.filter((bar) => onRootBus.has(bar.device) && bar.is64).map((bar) => bar.range);
  return [...seen.ports.map((port) => port.range), ...bars].map((r) => (r === null || rangeEnd(r) <= FOUR_GIB ? null : r));
}

const e820 = (entries: readonly { base: Hex; size: Hex; type: string }[]) => entries.map((e) => ({ ...range(e), type: e.type }));

/** Each fact as { observed, predicted }, equal when the model agrees. */
function facts(fixture: Fixture, p: Plan): Partial<Record<Fact, { observed: unknown; predicted: unknown }>> {
  const o = fixture.observed;
  const refused = refusalText(p);
  const result: Partial<Record<Fact, { observed: unknown; predicted: unknown }>> = {
    refusal: {
      observed: { started: o.started, exitStatus: o.exitStatus, refusal: o.refusal },
      predicted: refused ? { started: false, exitStatus: 1, refusal: refused } : { started: true, exitStatus: 0, refusal: null },
    },
  };
  if (!o.started || !o.cpu || !o.fwCfg || !o.kernelE820 || !o.rootBusWindows64 || !o.probes) return result;
  const hasDevices = fixture.devices !== undefined;
  if (hasDevices && (!o.devices || !o.rootPorts || !o.rootBusMemoryBars)) return result;

  result.cpu = {
    observed: { vendor: o.cpu.vendor, physBits: o.cpu.physBits, pdpe1gb: o.cpu.pdpe1gb },
    predicted: { vendor: VENDOR_STRING[p.vm.cpu.vendor], physBits: p.qemu.physBits, pdpe1gb: p.vm.cpu.pdpe1gb },
  };
  result['qemu-e820'] = { observed: e820(o.fwCfg.e820), predicted: p.qemu.e820.map((e: E820Entry) => ({ ...e })) };
  result['reserved-memory-end'] = {
    observed: o.fwCfg.reservedMemoryEnd === null ? null : big(o.fwCfg.reservedMemoryEnd),
    predicted: p.qemu.reservedMemoryEnd,
  };
  // OVMF hands RAM above 4 GiB to the OS; QEMU's reserved entries only from edk2-stable202302 (bf65d7ee88).
  const forwardsReserved = firmwareRules(p.vm.firmware).passesReservations;
  result['kernel-e820-above-4g'] = {
    observed: e820(o.kernelE820).filter((e) => e.base >= FOUR_GIB),
    predicted: p.qemu.e820
      .filter((e) => e.base >= FOUR_GIB && (e.type === 'ram' || forwardsReserved))
      .sort((a, b) => (a.base < b.base ? -1 : 1))
      .map((e) => ({ base: e.base, size: e.size, type: e.type === 'ram' ? 'usable' : 'reserved' })),
  };
  const observedProbes = o.probes.map((probe) => observedPlacement(probe.window));
  const seen = observedDevices(fixture, o);
  const programmed = [...observedProbes, ...deviceRanges64(fixture, seen)];
  result['root-bus-window-64'] = { observed: o.rootBusWindows64.map(range), predicted: rootBusWindow(p, programmed) };
  if (fixture.probes.length > 0) {
    result.aperture = { observed: observedProbes, predicted: placeProbes(p.ovmf?.pci64Aperture ?? null, fixture.probes) };
  }
  if (hasDevices) {
    // The model's DevicePlacement, down to what the guest can see: each BAR's size, kind and place, each port's window.
    const d = p.devices;
    result.devices = {
      observed: seen,
      predicted: d && {
        bars: d.bars.map(({ device, index, size, is64, prefetchable, where, range: r }): BarSeen => ({ device, index, size, is64, prefetchable, where, range: r })),
        ports: d.ports.map((port) => ({ device: port.device, range: port.range })),
      },
    };
    // Whether OVMF programmed bus 0 at all: the model's `failed` outcome says it did not (PciBusDxe gave up), any other
    // says it did. Observed: some memory BAR of bus 0 (a root port's own BAR 0, the AHCI BAR 5, …) has an address.
    result['root-bus-programmed'] = {
      observed: o.rootBusMemoryBars!.some((bar) => big(bar.base) !== 0n),
      predicted: d !== null && d.outcome !== 'failed',
    };
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------------

describe('conformance fixtures', () => {
  it('cover at least 25 configurations, at least 3 of them refusals, all recorded to the end', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
    expect(fixtures.filter((f) => !f.observed.started).length).toBeGreaterThanOrEqual(3);
    for (const f of fixtures) {
      expect(f.observed.timedOut, f.id).toBe(false);
      expect(f.observed.started || f.observed.refusal !== null, f.id).toBe(true);
    }
  });

  it('cover at least 200 boots over at least 4 OVMF releases and 3 QEMU releases, each naming its packages and image', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(200);
    expect(new Set(fixtures.map((f) => f.vm.firmware.edk2)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(fixtures.map((f) => f.vm.qemuVersion)).size).toBeGreaterThanOrEqual(3);
    for (const f of fixtures) {
      expect(f.versions.packages['qemu-system-x86'], f.id).toMatch(/^1:\d+\.\d+/);
      expect(f.versions.packages['ovmf'], f.id).toMatch(/^\d{4}\.\d{2}/);
      expect(f.versions.ovmfCodeSha256, f.id).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('include device boots where OVMF placed every device, some, none, and one on the root bus', () => {
    const group = fixtures.filter((f) => f.devices !== undefined && f.observed.started);
    const bar2Placed = (f: Fixture) => observedDevices(f, f.observed).bars.filter((bar) => bar.index === 2).map((bar) => bar.where === 'above-4g');
    expect(group.some((f) => bar2Placed(f).every(Boolean))).toBe(true);
    expect(group.some((f) => bar2Placed(f).some(Boolean) && !bar2Placed(f).every(Boolean))).toBe(true);
    expect(group.some((f) => !bar2Placed(f).some(Boolean))).toBe(true);
    expect(group.some((f) => f.devices!.some((d, i) => d.attach === 'root-bus' && bar2Placed(f)[i]))).toBe(true);
  });

  it('mark only known facts as differing, each with a reason and a source', () => {
    for (const f of fixtures) {
      for (const [fact, note] of Object.entries(f.modelDiffers ?? {})) {
        expect(FACTS as readonly string[], f.id).toContain(fact);
        expect(note.reason.length, `${f.id} ${fact}`).toBeGreaterThan(0);
        expect(note.source.length, `${f.id} ${fact}`).toBeGreaterThan(0);
      }
    }
  });
});

describe.each(fixtures.map((f) => [f.id, f] as const))('%s', (_id, fixture) => {
  const p = plan(vmSpec(fixture.vm));
  const all = facts(fixture, p);

  it('booted configurations report every fact their setup allows', () => {
    // `aperture` needs probes; `devices` belongs to the device group, which has devices and no probes.
    const deviceFacts: readonly Fact[] = ['devices', 'root-bus-programmed'];
    const applies = (fact: Fact) => (fact === 'aperture' ? fixture.probes.length > 0 : deviceFacts.includes(fact) ? fixture.devices !== undefined : true);
    const expected = fixture.observed.started ? FACTS.filter(applies) : ['refusal'];
    expect(Object.keys(all).sort()).toEqual(expected.sort());
  });

  it.each(FACTS.filter((fact) => all[fact] !== undefined))('%s', (fact) => {
    const { observed, predicted } = all[fact]!;
    if (fixture.modelDiffers?.[fact]) {
      // The model is known to differ here; when it stops differing, drop the note from the fixture.
      expect(observed).not.toEqual(predicted);
    } else {
      expect(observed).toEqual(predicted);
    }
  });
});
