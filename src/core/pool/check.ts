/**
 * Checks one phys-bits setting of a VM across a live-migration pool: a plan on every kind of host it may boot on, and
 * every (boot, destination) pair it may move between. Hosts identical for the check are grouped first, and the
 * migrations are decided over classes of groups (migration-classes.ts), so the work grows with the number of distinct
 * host kinds, not with hosts or pairs of groups.
 */
import { pow2, rangeEnd } from '../units.js';
import { type Finding, hasError } from '../findings.js';
import type { HostSpec, PhysBitsSetting, PoolSpec, VmSpec } from '../spec.js';
import type { Plan } from '../plan.js';
import { type PlanCache, planOn } from '../plan-cache.js';
import { resolveCpu } from '../qemu/phys-bits.js';
import { isMachineTypeAvailable } from '../qemu/machine-types.js';
import { type QemuVersion, compareVersions, formatVersion } from '../qemu/versions.js';
import { type FirmwareReport, checkFirmware, firmwareImagesKey, withBoundFirmware } from '../firmware/compat.js';
import { firmwareReleaseKey } from '../ovmf/releases.js';
import { iommuFindings } from './iommu-reach.js';
import { MigrationMatrix, PoolLimitError } from './migration-classes.js';
import { migrationContext } from './migration.js';

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
  /**
   * Every (boot, destination) pair of groups the VM boots on; a group to itself is a migration between twins. Listed
   * on first use, up to PAIR_LIST_LIMIT pairs (PoolLimitError beyond): `eachPair` gives them one at a time.
   */
  readonly pairs: readonly PairResult[];
  /** The pairs one at a time, boot-major, none kept. */
  eachPair(): Generator<PairResult>;
  /** The migrations as classes decide them: per-pair findings, counts, findings by cause. */
  readonly migration: MigrationMatrix;
}

/** More pairs than this are not listed in memory (report.pairs); `eachPair` streams any number. */
export const PAIR_LIST_LIMIT = 1_000_000;

const GROUPS = new WeakMap<PoolSpec, readonly HostGroup[]>();

/** Hosts that differ only in name and count check alike. Grouped once per pool object: a sweep reuses the pool. */
export function groupHosts(pool: PoolSpec): readonly HostGroup[] {
  let groups = GROUPS.get(pool);
  if (!groups) GROUPS.set(pool, (groups = groupsOf(pool)));
  return groups;
}

interface Kind {
  readonly hosts: string[];
  count: number;
  readonly host: HostSpec;
}

/**
 * Hosts go into buckets by their numbers, then are compared field by field within the bucket: a string key built for
 * each of 100,000 hosts took longer than checking the pool.
 */
function groupsOf(pool: PoolSpec): HostGroup[] {
  const kinds: Kind[] = [];
  const buckets = new Map<number, Kind[]>();
  for (const host of pool.hosts) {
    const key = bucketKey(host);
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = []));
    const kind = kindOf(bucket, host);
    if (kind) {
      kind.hosts.push(host.name);
      kind.count += host.count;
    } else {
      const first = { hosts: [host.name], count: host.count, host };
      bucket.push(first);
      kinds.push(first);
    }
  }
  return kinds.map((g, i) => ({ id: `g${i + 1}`, ...g }));
}

/** A host's numbers mixed into one: equal for hosts of one kind; a collision of other kinds costs only a comparison. */
function bucketKey(host: HostSpec): number {
  const cpu = ((host.physBits * 64 + host.guestPhysBits) * 2 + Number(host.pdpe1gb)) * 2 + Number(host.la57);
  return (cpu * 128 + (host.iommuBits ?? 0)) * 10_000 + host.qemuVersion.major * 100 + host.qemuVersion.minor;
}

function kindOf(bucket: readonly Kind[], host: HostSpec): Kind | undefined {
  for (const kind of bucket) if (isSameKind(kind.host, host)) return kind;
  return undefined;
}

/** Everything the check reads of a host but its name and count. */
function isSameKind(a: HostSpec, b: HostSpec): boolean {
  return a.vendor === b.vendor && a.physBits === b.physBits && a.guestPhysBits === b.guestPhysBits && a.pdpe1gb === b.pdpe1gb
    && a.la57 === b.la57 && a.iommuBits === b.iommuBits && compareVersions(a.qemuVersion, b.qemuVersion) === 0
    && firmwareReleaseKey(a.firmware) === firmwareReleaseKey(b.firmware)
    && firmwareImagesKey(a.images) === firmwareImagesKey(b.images);
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
  const booting = results.flatMap((g, i) => (g.boots ? [i] : []));
  const migration = new MigrationMatrix(results, booting, migrationContext(vm, firmware));
  const pass = booting.length === results.length && migration.passes();
  return new CheckedPool(setting, pass ? 'pass' : 'fail', results, migration, booting);
}

/**
 * A pool report whose pairs are listed on first use: a sweep over thousands of templates reads only the verdict and
 * the groups. A class, not an object literal with a getter: V8 keeps a literal's getter in its hidden class, so each
 * report got a hidden class of its own, which held the report's groups and plans past every minor garbage collection.
 */
class CheckedPool implements PoolReport {
  readonly setting: PhysBitsSetting;
  readonly verdict: 'pass' | 'fail';
  readonly groups: readonly GroupResult[];
  readonly migration: MigrationMatrix;
  readonly #booting: readonly number[];
  #pairs: PairResult[] | undefined;

  constructor(setting: PhysBitsSetting, verdict: 'pass' | 'fail', groups: readonly GroupResult[], migration: MigrationMatrix, booting: readonly number[]) {
    this.setting = setting;
    this.verdict = verdict;
    this.groups = groups;
    this.migration = migration;
    this.#booting = booting;
  }

  get pairs(): readonly PairResult[] {
    const count = this.#booting.length * this.groups.length;
    if (count > PAIR_LIST_LIMIT) {
      throw new PoolLimitError(`${count} (boot, destination) pairs are more than a list holds (at most ${PAIR_LIST_LIMIT}); stream them with eachPair()`);
    }
    this.#pairs ??= [...this.eachPair()];
    return this.#pairs;
  }

  *eachPair(): Generator<PairResult> {
    for (const i of this.#booting) {
      for (const [j, destination] of this.groups.entries()) {
        const findings = this.migration.findings(i, j);
        yield { boot: this.groups[i]!.id, destination: destination.id, ok: !hasError(findings), findings };
      }
    }
  }
}

/** A passing setting as a search keeps it: its groups, and its full report should it win. */
export interface PassingPool {
  readonly groups: readonly GroupResult[];
  /** The report of `setting`, which must give every group the CPU the checked setting gave it. */
  readonly report: (setting: PhysBitsSetting) => PoolReport;
}

/**
 * The verdict alone, without listing pairs: what a search over settings needs. The firmware check does not depend on
 * the setting, so a search makes it once.
 */
export function poolPasses(
  vm: VmSpec, setting: PhysBitsSetting, groups: readonly HostGroup[], plans: PlanCache, firmware: FirmwareReport,
): PassingPool | null {
  const results = poolBoots(vm, setting, groups, plans, firmware);
  if (!results) return null;
  const all = results.map((_, i) => i);
  const migration = MigrationMatrix.ifPasses(results, all, migrationContext(vm, firmware));
  if (!migration) return null;
  return { groups: results, report: (passing) => new CheckedPool(passing, 'pass', results, migration, all) };
}

/** The groups as booted under the setting, or null at the first group the VM does not boot on (no migration decided). */
export function poolBoots(
  vm: VmSpec, setting: PhysBitsSetting, groups: readonly HostGroup[], plans: PlanCache, firmware: FirmwareReport,
): GroupResult[] | null {
  const results: GroupResult[] = [];
  for (const [i, group] of groups.entries()) {
    const result = bootOn(vm, setting, withBoundFirmware(vm.firmware, group), plans, firmware.boot[i]);
    if (!result.boots) return null;
    results.push(result);
  }
  return results;
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

/** The last address the guest may touch: QEMU's maximum (RAM, hotplug area, 64-bit hole) or OVMF's aperture end. */
function highestAddress(result: Plan): bigint {
  const aperture = result.ovmf?.pci64Aperture;
  const apertureLast = aperture ? rangeEnd(aperture) - 1n : 0n;
  return apertureLast > result.qemu.maxUsedGpa ? apertureLast : result.qemu.maxUsedGpa;
}
