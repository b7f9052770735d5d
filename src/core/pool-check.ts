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
import { formatVersion } from './versions.js';
import { checkFirmware, firmwareImagesKey, withBoundFirmware } from './firmware-compat.js';

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

/** Hosts that differ only in name and count check alike. */
export function groupHosts(pool: PoolSpec): HostGroup[] {
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

export function checkPool(
  vm: VmSpec, pool: PoolSpec, setting: PhysBitsSetting, groups: readonly HostGroup[] = groupHosts(pool), plans: PlanCache = new Map(),
): PoolReport {
  const firmware = checkFirmware(vm, groups);
  const results = groups.map((group, i) => bootOn(vm, setting, withBoundFirmware(vm.firmware, group), plans, firmware.boot[i]));
  const migration = migrationCheck(vm);
  const pairs: PairResult[] = [];
  for (const [i, boot] of results.entries()) {
    if (!boot.boots) continue;
    for (const [j, destination] of results.entries()) {
      const findings = [...migration(boot, destination), ...firmware.migration[i]![j]!];
      pairs.push({ boot: boot.id, destination: destination.id, ok: !hasError(findings), findings });
    }
  }
  const pass = results.every((g) => g.boots) && pairs.every((p) => p.ok);
  return { setting, verdict: pass ? 'pass' : 'fail', groups: results, pairs };
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
  const migration = migrationCheck(vm);
  for (const [i, boot] of results.entries()) {
    for (const [j, destination] of results.entries()) if (hasError(migration(boot, destination)) || hasError(firmware.migration[i]![j]!)) return null;
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

/**
 * Can the guest, running as booted on one group, move to another? A pair's answer depends only on a few facts of each
 * side, so pairs of groups that agree on them are decided once.
 */
function migrationCheck(vm: VmSpec): (boot: GroupResult, destination: GroupResult) => readonly Finding[] {
  const decided = new Map<string, readonly Finding[]>();
  return (boot, destination) => {
    const before = boot.plan!.vm.cpu;
    const after = destination.plan?.vm.cpu ?? before;
    const to = destination.host;
    const key = [boot.highestAddress, boot.host.vendor, before.physBits, before.guestPhysBits, before.pdpe1gb, before.la57,
      formatVersion(to.qemuVersion), destination.mappableBits, to.vendor, to.pdpe1gb, to.la57, after.physBits, after.guestPhysBits,
      after.physBits > to.physBits].join('|');
    let findings = decided.get(key);
    if (!findings) {
      findings = migrationFindings(vm, boot, destination, before, after);
      decided.set(key, findings);
    }
    return findings;
  };
}

function migrationFindings(vm: VmSpec, boot: GroupResult, destination: GroupResult, before: GuestCpu, after: GuestCpu): Finding[] {
  const findings: Finding[] = [];
  const from = boot.host;
  const to = destination.host;
  if (!isMachineTypeAvailable(vm.machine, vm.machineVersion, to.qemuVersion)) {
    findings.push({ code: 'pool_machine_type_unavailable', machine: vm.machine, version: formatVersion(vm.machineVersion), qemu: formatVersion(to.qemuVersion) });
  }
  if (boot.highestAddress !== null && boot.highestAddress >= pow2(destination.mappableBits)) {
    findings.push({ code: 'pool_migration_address_unmappable', address: boot.highestAddress, hostBits: destination.mappableBits });
  }
  // The destination's QEMU computes CPUID again from its own host (host-phys-bits, KVM's GuestPhysBits).
  findings.push(...widthChange('phys-bits', before.physBits, after.physBits), ...widthChange('guest-phys-bits', before.guestPhysBits, after.guestPhysBits));
  if (from.vendor !== to.vendor) findings.push({ code: 'pool_migration_cross_vendor', from: from.vendor, to: to.vendor });
  if (before.pdpe1gb && !to.pdpe1gb) findings.push({ code: 'pool_migration_cpu_feature_missing', feature: 'pdpe1gb' });
  if (before.la57 && !to.la57) findings.push({ code: 'pool_migration_cpu_feature_missing', feature: 'la57' });
  if (after.physBits > to.physBits) findings.push({ code: 'pool_guest_width_above_host', physBits: after.physBits, hostBits: to.physBits });
  return findings;
}

function widthChange(field: 'phys-bits' | 'guest-phys-bits', from: number, to: number): Finding[] {
  if (to === from) return [];
  return [{ code: to < from ? 'pool_migration_width_shrinks' : 'pool_migration_width_grows', field, from, to }];
}
