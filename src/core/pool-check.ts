/**
 * Checks one phys-bits setting of a VM across a live-migration pool: a plan on every kind of host it may boot on, and
 * every (boot, destination) pair it may move between. Hosts identical for the check are grouped first, so the work
 * grows with the number of distinct host kinds, not with hosts or host pairs.
 */
import { pow2, rangeEnd } from './units.js';
import { type Finding, hasError } from './findings.js';
import type { HostSpec, PhysBitsSetting, PoolSpec, VmSpec } from './spec.js';
import { type Plan, plan } from './plan.js';
import { resolveCpu } from './phys-bits.js';
import { isMachineTypeAvailable } from './qemu-versions.js';
import { formatVersion } from './versions.js';

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

/** Hosts that differ only in name and count check alike. */
export function groupHosts(pool: PoolSpec): HostGroup[] {
  const groups = new Map<string, { hosts: string[]; count: number; host: HostSpec }>();
  for (const host of pool.hosts) {
    const key = [host.vendor, host.physBits, host.guestPhysBits, host.pdpe1gb, host.la57, host.iommuBits,
      formatVersion(host.qemuVersion), host.firmware.edk2, host.firmware.build].join('|');
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

export function checkPool(vm: VmSpec, pool: PoolSpec, setting: PhysBitsSetting, groups: readonly HostGroup[] = groupHosts(pool)): PoolReport {
  const results = groups.map((group) => bootOn(vm, setting, group));
  const pairs: PairResult[] = [];
  for (const boot of results) {
    if (!boot.boots) continue;
    for (const destination of results) pairs.push(migrate(vm, boot, destination));
  }
  const pass = results.every((g) => g.boots) && pairs.every((p) => p.ok);
  return { setting, verdict: pass ? 'pass' : 'fail', groups: results, pairs };
}

function bootOn(vm: VmSpec, setting: PhysBitsSetting, group: HostGroup): GroupResult {
  const { host } = group;
  const resolved = resolveCpu(vm, setting, host);
  if (!isMachineTypeAvailable(vm.machine, vm.machineVersion, host.qemuVersion)) {
    const finding: Finding = { code: 'pool_machine_type_unavailable', machine: vm.machine, version: formatVersion(vm.machineVersion), qemu: formatVersion(host.qemuVersion) };
    return { ...group, mappableBits: resolved.mappableBits, plan: null, highestAddress: null, findings: [finding], boots: false };
  }
  const onHost: VmSpec = {
    ...vm,
    qemuVersion: host.qemuVersion,
    cpu: resolved.cpu,
    firmware: { ...vm.firmware, edk2: host.firmware.edk2, build: host.firmware.build },
  };
  const result = plan(onHost);
  const findings: Finding[] = [...result.findings];
  if (resolved.cpu.physBits > host.physBits) {
    findings.push({ code: 'pool_guest_width_above_host', physBits: resolved.cpu.physBits, hostBits: host.physBits });
  }
  const highest = highestAddress(result);
  if (highest >= pow2(resolved.mappableBits)) findings.push({ code: 'pool_address_beyond_host', address: highest, hostBits: resolved.mappableBits });
  return { ...group, mappableBits: resolved.mappableBits, plan: result, highestAddress: highest, findings, boots: !hasError(findings) };
}

/** The last address the guest may touch: QEMU's maximum (RAM, hotplug area, 64-bit hole) or OVMF's aperture end. */
function highestAddress(result: Plan): bigint {
  const aperture = result.ovmf?.pci64Aperture;
  const apertureLast = aperture ? rangeEnd(aperture) - 1n : 0n;
  return apertureLast > result.qemu.maxUsedGpa ? apertureLast : result.qemu.maxUsedGpa;
}

/** Can the guest, running as booted on `boot`, move to `destination`? */
function migrate(vm: VmSpec, boot: GroupResult, destination: GroupResult): PairResult {
  const findings: Finding[] = [];
  const from = boot.host;
  const to = destination.host;
  if (!isMachineTypeAvailable(vm.machine, vm.machineVersion, to.qemuVersion)) {
    findings.push({ code: 'pool_machine_type_unavailable', machine: vm.machine, version: formatVersion(vm.machineVersion), qemu: formatVersion(to.qemuVersion) });
  }
  if (boot.highestAddress !== null && boot.highestAddress >= pow2(destination.mappableBits)) {
    findings.push({ code: 'pool_migration_address_unmappable', address: boot.highestAddress, hostBits: destination.mappableBits });
  }
  const before = boot.plan!.vm.cpu;
  // The destination's QEMU computes CPUID again from its own host (host-phys-bits, KVM's GuestPhysBits).
  const after = destination.plan?.vm.cpu ?? before;
  findings.push(...widthChange('phys-bits', before.physBits, after.physBits), ...widthChange('guest-phys-bits', before.guestPhysBits, after.guestPhysBits));
  if (from.vendor !== to.vendor) findings.push({ code: 'pool_migration_cross_vendor', from: from.vendor, to: to.vendor });
  if (before.pdpe1gb && !to.pdpe1gb) findings.push({ code: 'pool_migration_cpu_feature_missing', feature: 'pdpe1gb' });
  if (before.la57 && !to.la57) findings.push({ code: 'pool_migration_cpu_feature_missing', feature: 'la57' });
  if (destination.findings.some((f) => f.code === 'pool_guest_width_above_host')) {
    findings.push(...destination.findings.filter((f) => f.code === 'pool_guest_width_above_host'));
  }
  return { boot: boot.id, destination: destination.id, ok: !hasError(findings), findings };
}

function widthChange(field: 'phys-bits' | 'guest-phys-bits', from: number, to: number): Finding[] {
  if (to === from) return [];
  return [{ code: to < from ? 'pool_migration_width_shrinks' : 'pool_migration_width_grows', field, from, to }];
}
