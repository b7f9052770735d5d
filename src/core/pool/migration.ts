/**
 * Can the guest, running as booted on one host group, move to another? The check is a list of rules, each reading a
 * few properties of the boot side and a few of the destination side (its "sides"). A rule sees only its sides, so the
 * sides are all it depends on: the pool check groups host groups by their sides, decides each rule once per pair of
 * side classes and derives every (boot, destination) pair from those answers (migration-classes.ts). A property a rule
 * starts to read has to be added to its side, and so to the class key, which is computed from the side itself.
 */
import type { Finding } from '../findings.js';
import type { CpuVendor, VmSpec } from '../spec.js';
import { pow2 } from '../units.js';
import { isMachineTypeAvailable } from '../qemu/machine-types.js';
import { formatVersion } from '../qemu/versions.js';
import type { FirmwareReport } from '../firmware/compat.js';
import { dmaReach, iommuReachFindings } from './iommu-reach.js';
import type { GroupResult } from './check.js';

/** A side: flat values only, so that equal sides have equal keys (sideKey). */
export type Side = Readonly<Record<string, string | number | bigint | boolean | null>>;

/** What every rule may consult besides its sides: the VM and the pool's firmware report. */
export interface MigrationContext {
  readonly vm: VmSpec;
  readonly firmware: FirmwareReport;
  /** Per firmware kind, the first group of that kind (FirmwareReport decides by group, once per pair of kinds). */
  readonly firmwareGroup: readonly number[];
}

export interface MigrationRule<B extends Side = Side, D extends Side = Side> {
  readonly name: string;
  /** What the rule reads of the group the guest booted on (a group whose plan exists). */
  readonly boot: (group: GroupResult, index: number, context: MigrationContext) => B;
  /** What the rule reads of the destination group. */
  readonly destination: (group: GroupResult, index: number, context: MigrationContext) => D;
  readonly decide: (boot: B, destination: D, context: MigrationContext) => readonly Finding[];
}

const NONE: readonly Finding[] = Object.freeze([]);
const some = (findings: Finding[]): readonly Finding[] => (findings.length === 0 ? NONE : findings);

function rule<B extends Side, D extends Side>(r: MigrationRule<B, D>): MigrationRule {
  return r as unknown as MigrationRule;
}

/**
 * The rules in the order their findings are listed for a pair. The destination's QEMU computes CPUID again from its
 * own host (host-phys-bits, KVM's GuestPhysBits): the guest CPU "after" is the destination plan's, or the boot's when
 * the destination's QEMU lacks the machine type (that is its own finding).
 */
export const MIGRATION_RULES: readonly MigrationRule[] = [
  rule({
    name: 'machine-type',
    boot: () => ({}),
    destination: (d) => ({ qemuMajor: d.host.qemuVersion.major, qemuMinor: d.host.qemuVersion.minor }),
    decide: (_b, d, { vm }) => {
      const qemu = { major: d.qemuMajor, minor: d.qemuMinor };
      if (isMachineTypeAvailable(vm.machine, vm.machineVersion, qemu)) return NONE;
      return [{ code: 'pool_machine_type_unavailable', machine: vm.machine, version: formatVersion(vm.machineVersion), qemu: formatVersion(qemu) }];
    },
  }),
  rule({
    name: 'address',
    boot: (b) => ({ highestAddress: b.highestAddress }),
    destination: (d) => ({ mappableBits: d.mappableBits }),
    decide: ({ highestAddress }, { mappableBits }) => (highestAddress !== null && highestAddress >= pow2(mappableBits)
      ? [{ code: 'pool_migration_address_unmappable', address: highestAddress, hostBits: mappableBits }] : NONE),
  }),
  rule({
    name: 'width-change',
    boot: (b) => ({ physBits: b.plan!.vm.cpu.physBits, guestPhysBits: b.plan!.vm.cpu.guestPhysBits }),
    destination: (d) => ({ physBits: d.plan?.vm.cpu.physBits ?? null, guestPhysBits: d.plan?.vm.cpu.guestPhysBits ?? null }),
    decide: (b, d) => {
      const findings: Finding[] = [];
      addWidthChange(findings, 'phys-bits', b.physBits, d.physBits ?? b.physBits);
      addWidthChange(findings, 'guest-phys-bits', b.guestPhysBits, d.guestPhysBits ?? b.guestPhysBits);
      return some(findings);
    },
  }),
  rule({
    // The vendor string the guest saw at boot must stay (libvirt refuses the move otherwise); pinned with vendor=, it
    // does, and only the hardware underneath changes vendor.
    name: 'vendor',
    boot: (b) => ({ guestVendor: b.plan!.vm.cpu.vendor, pinned: b.plan!.vm.cpu.vendorPinned === true, hostVendor: b.host.vendor }),
    destination: (d) => ({ guestVendor: d.plan?.vm.cpu.vendor ?? null, hostVendor: d.host.vendor }),
    decide: (b, d) => {
      const before = b.guestVendor as CpuVendor;
      // A destination that cannot plan the VM (its QEMU lacks the machine type) still has a vendor: an unpinned
      // guest would see the host's there (phys-bits.ts), a pinned one its own.
      const after = (d.guestVendor ?? (b.pinned ? before : d.hostVendor)) as CpuVendor;
      if (before !== after) return [{ code: 'pool_migration_cross_vendor', from: before, to: after }];
      if (b.hostVendor !== d.hostVendor) return [{ code: 'pool_migration_cross_vendor_pinned', vendor: before, from: b.hostVendor as CpuVendor, to: d.hostVendor as CpuVendor }];
      return NONE;
    },
  }),
  rule({
    name: 'cpu-features',
    boot: (b) => ({ pdpe1gb: b.plan!.vm.cpu.pdpe1gb, la57: b.plan!.vm.cpu.la57 }),
    destination: (d) => ({ pdpe1gb: d.host.pdpe1gb, la57: d.host.la57 }),
    decide: (b, d) => {
      const findings: Finding[] = [];
      if (b.pdpe1gb && !d.pdpe1gb) findings.push({ code: 'pool_migration_cpu_feature_missing', feature: 'pdpe1gb' });
      if (b.la57 && !d.la57) findings.push({ code: 'pool_migration_cpu_feature_missing', feature: 'la57' });
      return some(findings);
    },
  }),
  rule({
    name: 'width-above-host',
    boot: (b) => ({ physBits: b.plan!.vm.cpu.physBits }),
    destination: (d) => ({ guestPhysBits: d.plan?.vm.cpu.physBits ?? null, hostPhysBits: d.host.physBits }),
    decide: (b, d) => {
      const after = d.guestPhysBits ?? b.physBits;
      return after > d.hostPhysBits ? [{ code: 'pool_guest_width_above_host', physBits: after, hostBits: d.hostPhysBits }] : NONE;
    },
  }),
  rule({
    // The running guest keeps the boot host's layout; the destination's IOMMU must map it.
    name: 'iommu',
    boot: (b) => {
      const reach = dmaReach(b.plan!);
      return { ramEnd: reach?.ramEnd ?? null, barEnd: reach?.barEnd ?? null, devices: reach !== null };
    },
    destination: (d) => ({ iommuBits: d.host.iommuBits }),
    decide: (b, d) => iommuReachFindings(b.devices ? { ramEnd: b.ramEnd as bigint, barEnd: b.barEnd as bigint | null } : null, d.iommuBits),
  }),
  rule({
    // The firmware kind holds everything the firmware check reads of a host: its QEMU release and its images.
    name: 'firmware',
    boot: (_b, i, { firmware }) => ({ firmwareKind: firmware.kind[i]! }),
    destination: (_d, j, { firmware }) => ({ firmwareKind: firmware.kind[j]! }),
    decide: (b, d, { firmware, firmwareGroup }) => firmware.migration(firmwareGroup[b.firmwareKind]!, firmwareGroup[d.firmwareKind]!),
  }),
];

function addWidthChange(findings: Finding[], field: 'phys-bits' | 'guest-phys-bits', from: number, to: number): void {
  if (to !== from) findings.push({ code: to < from ? 'pool_migration_width_shrinks' : 'pool_migration_width_grows', field, from, to });
}

export function migrationContext(vm: VmSpec, firmware: FirmwareReport): MigrationContext {
  const firmwareGroup: number[] = [];
  firmware.kind.forEach((kind, i) => {
    firmwareGroup[kind] ??= i;
  });
  return { vm, firmware, firmwareGroup };
}

/** The pair-by-pair answer: every rule on the two groups themselves (the reference the class-based check must match). */
export function migrationFindings(boot: GroupResult, i: number, destination: GroupResult, j: number, context: MigrationContext): Finding[] {
  return MIGRATION_RULES.flatMap((r) => r.decide(r.boot(boot, i, context), r.destination(destination, j, context), context));
}

/** A side's class key: its values in order (the sides of one rule are objects of one shape). */
export function sideKey(side: Side): string {
  let key = '';
  for (const value of Object.values(side)) key += `${value === null ? '~' : String(value)}|`;
  return key;
}
