/**
 * Checks one phys-bits setting of a VM across a live-migration pool: a plan on every kind of host it may boot on, and
 * every (boot, destination) pair it may move between. Hosts identical for the check are grouped first, and pairs of
 * groups that look alike to the migration check are decided once, so the work grows with the number of distinct host
 * kinds, not with hosts or host pairs.
 */
import { pow2, rangeEnd } from './units.js';
import { type Finding, hasError } from './findings.js';
import type { GuestCpu, HostSpec, PhysBitsSetting, PoolSpec, VmSpec } from './spec.js';
import { type Plan, plan } from './plan.js';
import { resolveCpu } from './phys-bits.js';
import { isMachineTypeAvailable } from './qemu-versions.js';
import { type QemuVersion, compareVersions, formatVersion } from './versions.js';
import { type FirmwareReport, checkFirmware, firmwareImagesKey, withBoundFirmware } from './firmware-compat.js';
import { dmaBarEnd, dmaRamEnd, iommuFindings } from './iommu-reach.js';

export interface HostGroup {
  readonly id: string;
  readonly hosts: readonly string[];
  /** Machines in the group (the sum of the hosts' counts). */
  readonly count: number;
  /** Every host of the group is this one but for name and count. */
  readonly host: HostSpec;
}

export interface GroupResult extends HostGroup {
  readonly mappableBits: number;
  /** null when the machine type does not exist in this host's QEMU. */
  readonly plan: Plan | null;
  /** The highest guest-physical address the guest may use when booted here. */
  readonly highestAddress: bigint | null;
  /** What makes booting here fail or warn: the plan's findings and the host's own. */
  readonly findings: readonly Finding[];
  readonly boots: boolean;
}

export interface PairResult {
  readonly boot: string;
  readonly destination: string;
  readonly ok: boolean;
  readonly findings: readonly Finding[];
}

export interface PoolReport {
  readonly setting: PhysBitsSetting;
  readonly verdict: 'pass' | 'fail';
  readonly groups: readonly GroupResult[];
  /** Every (boot, destination) pair of groups the VM boots on; a group to itself is a migration between twins. */
  readonly pairs: readonly PairResult[];
}

/** Plans of one VM by the guest CPU, QEMU and firmware they were made for, shared between settings of a search. */
export type PlanCache = Map<string, Plan>;

const GROUPS = new WeakMap<PoolSpec, readonly HostGroup[]>();

/** Hosts that differ only in name and count check alike. Grouped once per pool object: a sweep reuses the pool. */
export function groupHosts(pool: PoolSpec): readonly HostGroup[] {
  let groups = GROUPS.get(pool);
  if (!groups) GROUPS.set(pool, (groups = groupsOf(pool)));
  return groups;
}

function groupsOf(pool: PoolSpec): HostGroup[] {
  const groups = new Map<string, { hosts: string[]; count: number; host: HostSpec }>();
  for (const host of pool.hosts) {
    const key = [host.vendor, host.physBits, host.guestPhysBits, host.pdpe1gb, host.la57, host.iommuBits,
      formatVersion(host.qemuVersion), host.firmware.edk2, host.firmware.build, firmwareImagesKey(host.images)].join('|');
    const group = groups.get(key);
    if (group) {
      group.hosts.push(host.name);
      group.count += host.count;
    } else {
      groups.set(key, { hosts: [host.name], count: host.count, host });
    }
  }
  return [...groups.values()].map((g, i) => ({ id: `g${i + 1}`, ...g }));
}

/** Live migration needs a machine type every host offers: by default, the oldest QEMU's newest. */
export function oldestQemu(pool: PoolSpec): QemuVersion {
  return pool.hosts.map((h) => h.qemuVersion).reduce((a, b) => (compareVersions(a, b) <= 0 ? a : b));
}

export function checkPool(
  vm: VmSpec, pool: PoolSpec, setting: PhysBitsSetting, groups: readonly HostGroup[] = groupHosts(pool), plans: PlanCache = new Map(),
): PoolReport {
  const firmware = checkFirmware(vm, groups);
  const results = groups.map((group, i) => bootOn(vm, setting, withBoundFirmware(vm.firmware, group), plans, firmware.boot[i]));
  const pairOf = pairChecker(vm, results, firmware);
  const booting = results.flatMap((g, i) => (g.boots ? [i] : []));
  const pass = booting.length === results.length && everyPairPasses(pairOf, booting, results.map((_, j) => j));
  return new CheckedPool(setting, pass ? 'pass' : 'fail', results, pairOf, booting);
}

/**
 * A pool report whose pairs are listed on first use: a sweep over thousands of templates reads only the verdict and
 * the groups. A class, not an object literal with a getter: V8 gives each such literal a hidden class of its own,
 * which keeps every report alive until a full garbage collection.
 */
class CheckedPool implements PoolReport {
  readonly setting: PhysBitsSetting;
  readonly verdict: 'pass' | 'fail';
  readonly groups: readonly GroupResult[];
  readonly #pairOf: PairChecker;
  readonly #booting: readonly number[];
  #pairs: PairResult[] | undefined;

  constructor(setting: PhysBitsSetting, verdict: 'pass' | 'fail', groups: readonly GroupResult[], pairOf: PairChecker, booting: readonly number[]) {
    this.setting = setting;
    this.verdict = verdict;
    this.groups = groups;
    this.#pairOf = pairOf;
    this.#booting = booting;
  }

  get pairs(): readonly PairResult[] {
    this.#pairs ??= this.#booting.flatMap((i) => this.groups.map((destination, j) => {
      const findings = this.#pairOf.findings(i, j);
      return { boot: this.groups[i]!.id, destination: destination.id, ok: !hasError(findings), findings };
    }));
    return this.#pairs;
  }
}

/** Decides every (boot, destination) pair through one representative of each class on either side. */
function everyPairPasses(pairOf: PairChecker, boots: readonly number[], destinations: readonly number[]): boolean {
  const bootReps = representatives(boots, pairOf.bootClass);
  const destinationReps = representatives(destinations, pairOf.destinationClass);
  for (const i of bootReps) for (const j of destinationReps) if (hasError(pairOf.findings(i, j))) return false;
  return true;
}

/** The verdict alone, without listing pairs: what a search over settings needs. */
export function poolPasses(vm: VmSpec, setting: PhysBitsSetting, groups: readonly HostGroup[], plans: PlanCache): GroupResult[] | null {
  const results: GroupResult[] = [];
  const firmware = checkFirmware(vm, groups);
  for (const [i, group] of groups.entries()) {
    const result = bootOn(vm, setting, withBoundFirmware(vm.firmware, group), plans, firmware.boot[i]);
    if (!result.boots) return null;
    results.push(result);
  }
  const all = results.map((_, i) => i);
  return everyPairPasses(pairChecker(vm, results, firmware), all, all) ? results : null;
}

/** The first group of each class. */
function representatives(groups: readonly number[], classOf: readonly number[]): number[] {
  const seen = new Set<number>();
  return groups.filter((g) => {
    const c = classOf[g]!;
    if (seen.has(c)) return false;
    seen.add(c);
    return true;
  });
}

/** A plain object, not a function with properties: V8 keeps such functions alive until a full garbage collection. */
interface PairChecker {
  readonly findings: (boot: number, destination: number) => readonly Finding[];
  /** Small integers: groups of one class answer alike as the boot side (as the destination side). */
  readonly bootClass: readonly number[];
  readonly destinationClass: readonly number[];
}

/**
 * A pair's answer depends on a few facts of each side (see the class keys), so groups are sorted into classes once and
 * each pair of classes is decided once: the work grows with the classes, not with group pairs.
 */
function pairChecker(vm: VmSpec, results: readonly GroupResult[], firmware: FirmwareReport): PairChecker {
  const bootClasses = classify(results.map((boot, i) => {
    const cpu = boot.plan?.vm.cpu;
    const dma = boot.plan && boot.plan.vm.pci.devices.length > 0 ? `${dmaRamEnd(boot.plan)}/${dmaBarEnd(boot.plan)}` : '';
    return cpu ? [boot.highestAddress, boot.host.vendor, cpu.physBits, cpu.guestPhysBits, cpu.pdpe1gb, cpu.la57, firmware.kind[i], dma].join('|') : `none|${i}`;
  }));
  const destinationClasses = classify(results.map((d, j) => {
    const cpu = d.plan?.vm.cpu;
    const to = d.host;
    return [formatVersion(to.qemuVersion), d.mappableBits, to.vendor, to.physBits, to.pdpe1gb, to.la57, cpu ? `${cpu.physBits}/${cpu.guestPhysBits}` : 'none', firmware.kind[j], to.iommuBits].join('|');
  }));
  const width = Math.max(...destinationClasses, 0) + 1;
  const decided = new Map<number, readonly Finding[]>();
  const findings = (i: number, j: number) => {
    const key = bootClasses[i]! * width + destinationClasses[j]!;
    let found = decided.get(key);
    if (!found) {
      found = [...migrationFindings(vm, results[i]!, results[j]!), ...firmware.migration(i, j)];
      decided.set(key, found);
    }
    return found;
  };
  return { findings, bootClass: bootClasses, destinationClass: destinationClasses };
}

/** Small integers for equal keys. */
function classify(keys: readonly string[]): number[] {
  const ids = new Map<string, number>();
  return keys.map((key) => {
    if (!ids.has(key)) ids.set(key, ids.size);
    return ids.get(key)!;
  });
}

function bootOn(vm: VmSpec, setting: PhysBitsSetting, group: HostGroup, plans: PlanCache, firmware: readonly Finding[] = []): GroupResult {
  const { host } = group;
  const resolved = resolveCpu(vm, setting, host);
  const mappableBits = resolved.mappableBits;
  if (!isMachineTypeAvailable(vm.machine, vm.machineVersion, host.qemuVersion)) {
    const finding: Finding = { code: 'pool_machine_type_unavailable', machine: vm.machine, version: formatVersion(vm.machineVersion), qemu: formatVersion(host.qemuVersion) };
    return { id: group.id, hosts: group.hosts, count: group.count, host, mappableBits, plan: null, highestAddress: null, findings: [finding, ...firmware], boots: false };
  }
  const result = planOn(vm, resolved.cpu, host, plans);
  const findings: Finding[] = [...result.findings, ...firmware];
  if (resolved.cpu.physBits > host.physBits) {
    findings.push({ code: 'pool_guest_width_above_host', physBits: resolved.cpu.physBits, hostBits: host.physBits });
  }
  const highest = highestAddress(result);
  if (highest >= pow2(mappableBits)) findings.push({ code: 'pool_address_beyond_host', address: highest, hostBits: mappableBits });
  findings.push(...iommuFindings(result, host.iommuBits));
  return { id: group.id, hosts: group.hosts, count: group.count, host, mappableBits, plan: result, highestAddress: highest, findings, boots: !hasError(findings) };
}

/** The VM as this host's QEMU and OVMF run it. */
function planOn(vm: VmSpec, cpu: GuestCpu, host: HostSpec, plans: PlanCache): Plan {
  const key = [cpu.vendor, cpu.physBits, cpu.guestPhysBits, cpu.pdpe1gb, cpu.la57, formatVersion(host.qemuVersion), host.firmware.edk2, host.firmware.build].join('|');
  let result = plans.get(key);
  if (!result) {
    const firmware = { edk2: host.firmware.edk2, build: host.firmware.build, fiveLevelPaging: vm.firmware.fiveLevelPaging, fwCfg: vm.firmware.fwCfg };
    result = plan({ ...vm, qemuVersion: host.qemuVersion, cpu, firmware });
    plans.set(key, result);
  }
  return result;
}

/** The last address the guest may touch: QEMU's maximum (RAM, hotplug area, 64-bit hole) or OVMF's aperture end. */
function highestAddress(result: Plan): bigint {
  const aperture = result.ovmf?.pci64Aperture;
  const apertureLast = aperture ? rangeEnd(aperture) - 1n : 0n;
  return apertureLast > result.qemu.maxUsedGpa ? apertureLast : result.qemu.maxUsedGpa;
}

/** Can the guest, running as booted on one group, move to another? */
function migrationFindings(vm: VmSpec, boot: GroupResult, destination: GroupResult): Finding[] {
  const before = boot.plan!.vm.cpu;
  // The destination's QEMU computes CPUID again from its own host (host-phys-bits, KVM's GuestPhysBits).
  const after = destination.plan?.vm.cpu ?? before;
  const findings: Finding[] = [];
  const from = boot.host;
  const to = destination.host;
  if (!isMachineTypeAvailable(vm.machine, vm.machineVersion, to.qemuVersion)) {
    findings.push({ code: 'pool_machine_type_unavailable', machine: vm.machine, version: formatVersion(vm.machineVersion), qemu: formatVersion(to.qemuVersion) });
  }
  if (boot.highestAddress !== null && boot.highestAddress >= pow2(destination.mappableBits)) {
    findings.push({ code: 'pool_migration_address_unmappable', address: boot.highestAddress, hostBits: destination.mappableBits });
  }
  findings.push(...widthChange('phys-bits', before.physBits, after.physBits), ...widthChange('guest-phys-bits', before.guestPhysBits, after.guestPhysBits));
  if (from.vendor !== to.vendor) findings.push({ code: 'pool_migration_cross_vendor', from: from.vendor, to: to.vendor });
  if (before.pdpe1gb && !to.pdpe1gb) findings.push({ code: 'pool_migration_cpu_feature_missing', feature: 'pdpe1gb' });
  if (before.la57 && !to.la57) findings.push({ code: 'pool_migration_cpu_feature_missing', feature: 'la57' });
  if (after.physBits > to.physBits) findings.push({ code: 'pool_guest_width_above_host', physBits: after.physBits, hostBits: to.physBits });
  // The running guest keeps the boot host's layout; the destination's IOMMU must map it.
  findings.push(...iommuFindings(boot.plan!, to.iommuBits));
  return findings;
}

function widthChange(field: 'phys-bits' | 'guest-phys-bits', from: number, to: number): Finding[] {
  if (to === from) return [];
  return [{ code: to < from ? 'pool_migration_width_shrinks' : 'pool_migration_width_grows', field, from, to }];
}
