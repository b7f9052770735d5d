/**
 * QEMU behaviour that depends on the versioned machine type (pc-q35-X.Y, pc-i440fx-X.Y) or on the QEMU binary,
 * as one table each. Rows cite the commit and first release (shared/spec/qemu.md §11).
 */
import { type QemuVersion, compareVersions, isAtLeast } from './versions.js';
import type { MachineType } from '../spec.js';

/** Layout-relevant compat flags of a machine type. QEMU keeps these as fields of the machine class. */
export interface MachineFlags {
  /** +1 GiB of device memory per slot; `enforce_aligned_dimm`, machine types ≥ 2.2 (085f8e88ba73). */
  readonly alignedDimm: boolean;
  /** reserved-memory-end and the hole64 start omit the device-memory size; `broken_reserved_end`, ≤ 2.4 (2f8b50083b32). */
  readonly brokenReservedEnd: boolean;
  /** The host bridge reports the 64-bit hole even with no 64-bit BAR; `x-pci-hole64-fix`, ≥ 2.11 (9fa99d2519cb). */
  readonly pciHole64Fix: boolean;
  /** AMD vCPUs: relocate RAM above 4 GiB to 1 TiB and reserve the HyperTransport range; `enforce_amd_1tb_hole`, ≥ 7.1 (b3e6982b4154). */
  readonly amd1TbHole: boolean;
  /** 32-bit CPUs: the phys-bits check compares against 2^P − 1 and never fires; `broken_32bit_mem_addr_check`, ≤ 8.1 (cf0386509ece). */
  readonly broken32bitCheck: boolean;
  /** guest-phys-bits reaches CPUID 0x80000008 EAX[23:16]; pc_compat_9_0 sets it to 0 for ≤ 9.0 (513ba32dccc6). */
  readonly guestPhysBits: boolean;
}

const MACHINE_FLAGS = new Map<number, MachineFlags>();
const BINARY_FEATURES = new Map<number, BinaryFeatures>();
const keyOf = (v: QemuVersion) => v.major * 100 + v.minor;

/** The flags of a machine type (computed once per version). */
export function machineFlags(version: QemuVersion): MachineFlags {
  let flags = MACHINE_FLAGS.get(keyOf(version));
  if (!flags) MACHINE_FLAGS.set(keyOf(version), (flags = machineFlagsOf(version)));
  return flags;
}

function machineFlagsOf(version: QemuVersion): MachineFlags {
  return Object.freeze({
    alignedDimm: isAtLeast(version, 2, 2),
    brokenReservedEnd: !isAtLeast(version, 2, 5),
    pciHole64Fix: isAtLeast(version, 2, 11),
    amd1TbHole: isAtLeast(version, 7, 1),
    broken32bitCheck: !isAtLeast(version, 8, 2),
    guestPhysBits: isAtLeast(version, 9, 1),
  });
}

/** How the QEMU binary computes the maximum used GPA of a CPU without long mode (qemu.md §6.1). */
export type ThirtyTwoBitRule =
  /** no phys-bits check at all (< 7.1) */
  | 'unchecked'
  /** 7.1 – 8.1: P ≤ 32 → 2^P − 1, otherwise the 64-bit formula (1caab5cf86bd) */
  | 'phys-bits-32'
  /** ≥ 8.2: device-memory end or RAM end (cf0386509ece), unless the machine type keeps the old rule */
  | 'memory-end';

/** Behaviour of the QEMU binary itself. */
export interface BinaryFeatures {
  /** "Address space limit … phys-bits too low" at start-up; 1caab5cf86bd, 7.1. */
  readonly physBitsCheck: boolean;
  readonly thirtyTwoBitRule: ThirtyTwoBitRule;
  /** the guest-phys-bits CPU property; 513ba32dccc6, 9.1. */
  readonly guestPhysBitsProperty: boolean;
  /** CXL fixed memory windows placed after device memory; 6d302cf46dff/4a447a710c52 (7.1), E820-free since 2486dd045794 (7.2). */
  readonly cxl: boolean;
  /**
   * Without device memory, CXL starts at ROUND_UP(RAM end, 1 GiB) before 8.2 (device-memory range of size 0) and at the
   * RAM end itself from 8.2 (the `ram_size < maxram_size` test in pc_get_cxl_range_start, Oct 2023).
   */
  readonly cxlBaseRoundsRamEnd: boolean;
  /** etc/reserved-memory-end written for CXL without device memory; d1193481dee6, 10.2. */
  readonly reservedEndForCxlAlone: boolean;
}

/** What a QEMU release does (computed once per version). */
export function binaryFeatures(version: QemuVersion): BinaryFeatures {
  let features = BINARY_FEATURES.get(keyOf(version));
  if (!features) BINARY_FEATURES.set(keyOf(version), (features = binaryFeaturesOf(version)));
  return features;
}

function binaryFeaturesOf(version: QemuVersion): BinaryFeatures {
  return Object.freeze({
    physBitsCheck: isAtLeast(version, 7, 1),
    thirtyTwoBitRule: !isAtLeast(version, 7, 1) ? 'unchecked' : isAtLeast(version, 8, 2) ? 'memory-end' : 'phys-bits-32',
    guestPhysBitsProperty: isAtLeast(version, 9, 1),
    cxl: isAtLeast(version, 7, 2),
    cxlBaseRoundsRamEnd: !isAtLeast(version, 8, 2),
    reservedEndForCxlAlone: isAtLeast(version, 10, 2),
  });
}

// Made once: a pool check asks for every host kind and every migration.
const V2_0: QemuVersion = Object.freeze({ major: 2, minor: 0 });
const V2_4: QemuVersion = Object.freeze({ major: 2, minor: 4 });
const V2_6: QemuVersion = Object.freeze({ major: 2, minor: 6 });

/**
 * The oldest machine type of each chipset that a QEMU binary still offers (as far as the model goes back: q35 2.4 and
 * pc 2.0). pc-i440fx-2.0..2.3 went in 9.1 (80685972e3d8 and siblings), pc-*-2.4/2.5 in 10.1 (07a2adeebbe5).
 */
export function oldestMachineType(machine: MachineType, binary: QemuVersion): QemuVersion {
  if (isAtLeast(binary, 10, 1)) return V2_6;
  if (machine === 'pc' && isAtLeast(binary, 9, 1)) return V2_4;
  return machine === 'q35' ? V2_4 : V2_0;
}

export function isMachineTypeAvailable(machine: MachineType, version: QemuVersion, binary: QemuVersion): boolean {
  return compareVersions(version, binary) <= 0 && compareVersions(version, oldestMachineType(machine, binary)) >= 0;
}

/** The oldest QEMU binary the model covers: the 64-bit hole defaults arrived in 2.11 (9fa99d2519cb). */
export const OLDEST_BINARY: QemuVersion = { major: 2, minor: 11 };
