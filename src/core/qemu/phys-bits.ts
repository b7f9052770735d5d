/**
 * What a phys-bits setting becomes on one KVM host: the width the guest sees in CPUID, and what the host can map
 * (shared/spec/qemu.md §7).
 */
import type { GuestCpu, HostSpec, PhysBitsSetting, VmSpec } from '../spec.js';
import { binaryFeatures, machineFlags } from './machine-types.js';

export interface ResolvedCpu {
  /** The guest CPU as QEMU on this host presents it. */
  readonly cpu: GuestCpu;
  /**
   * The highest guest-physical width KVM can back on this host: MAXPHYADDR, and at most 48 bits with 4-level
   * two-dimensional paging (52 with la57).
   */
  readonly mappableBits: number;
}

/**
 * @see host_cpu_adjust_phys_bits (target/i386/host-cpu.c): with host-phys-bits on, phys-bits = host value capped by
 * host-phys-bits-limit; a fixed value is kept (QEMU only warns when it differs from the host's). Under KVM a named
 * CPU model reports the host's vendor (qemu.md §3) unless it pins one with vendor=, and CPU features the host lacks are not offered.
 */
export function resolveCpu(vm: VmSpec, setting: PhysBitsSetting, host: HostSpec): ResolvedCpu {
  const physBits = physBitsOn(setting, host);
  const cpu: { -readonly [K in keyof GuestCpu]: GuestCpu[K] } = {
    vendor: vm.cpu.vendorPinned ? vm.cpu.vendor : host.vendor,
    longMode: vm.cpu.longMode,
    physBits,
    guestPhysBits: guestPhysBits(vm, host, physBits),
    pdpe1gb: vm.cpu.pdpe1gb && host.pdpe1gb,
    la57: vm.cpu.la57 && host.la57,
  };
  if (vm.cpu.vendorPinned) cpu.vendorPinned = true;
  if (vm.cpu.vendorCpuidOnlyV2 !== undefined) cpu.vendorCpuidOnlyV2 = vm.cpu.vendorCpuidOnlyV2;
  return {
    cpu,
    mappableBits: Math.min(host.physBits, host.la57 ? 52 : 48),
  };
}

/** The phys-bits a setting gives the guest on a host; the rest of the guest CPU follows from it (see resolveCpu). */
export function physBitsOn(setting: PhysBitsSetting, host: HostSpec): number {
  if (setting.kind === 'fixed') return setting.physBits;
  return setting.limit !== null && setting.limit < host.physBits ? setting.limit : host.physBits;
}

/**
 * CPUID 0x80000008 EAX[23:16] (QEMU 9.1+): the user's guest-phys-bits on any machine type, else KVM's GuestPhysBits on
 * 9.1+ machine types (pc_compat_9_0 sets the default to 0, which a -cpu property overrides), capped at phys-bits
 * (0d08c423688e, 513ba32dccc6).
 */
function guestPhysBits(vm: VmSpec, host: HostSpec, physBits: number): number {
  if (!binaryFeatures(host.qemuVersion).guestPhysBitsProperty) return 0;
  if (vm.cpu.guestPhysBits !== 0) return Math.min(vm.cpu.guestPhysBits, physBits);
  return machineFlags(vm.machineVersion).guestPhysBits ? Math.min(host.guestPhysBits, physBits) : 0;
}
