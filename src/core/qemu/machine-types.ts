/**
 * QEMU behaviour that depends on the versioned machine type (pc-q35-X.Y, pc-i440fx-X.Y) or on the QEMU binary, as
 * data: each row names the commit that brought the behaviour and the first release that has it (shared/spec/qemu.md
 * §11, releases-2026.md §1). A machine type keeps the behaviour of its release through the compat lists
 * (`pc_compat_X_Y`, `hw_compat_X_Y`); a binary has what its release contains.
 */
import { QEMU_RELEASES, type QemuVersion, compareVersions, isAtLeast } from './versions.js';
import type { MachineType } from '../spec.js';

/** A behaviour that begins at a release, with the commit that brought it. */
interface Since<K extends string> {
  readonly field: K;
  readonly since: readonly [major: number, minor: number];
  readonly commit: string;
}

/** Layout-relevant compat flags of a machine type. QEMU keeps these as fields of the machine or CPU class. */
export interface MachineFlags {
  /** +1 GiB of device memory per slot; `enforce_aligned_dimm`, machine types ≥ 2.2 (085f8e88ba73). */
  readonly alignedDimm: boolean;
  /** reserved-memory-end and the hole64 start include the device-memory size; ≥ 2.5 (2f8b50083b32 kept ≤ 2.4 broken). */
  readonly reservedEndIncludesSize: boolean;
  /** The host bridge reports the 64-bit hole even with no 64-bit BAR; `x-pci-hole64-fix`, ≥ 2.11 (9fa99d2519cb). */
  readonly pciHole64Fix: boolean;
  /** AMD vCPUs: relocate RAM above 4 GiB to 1 TiB and reserve the HyperTransport range; `enforce_amd_1tb_hole`, ≥ 7.1 (b3e6982b4154). */
  readonly amd1TbHole: boolean;
  /** 32-bit CPUs: the phys-bits check uses the memory end; `broken_32bit_mem_addr_check` off, ≥ 8.2 (cf0386509ece). */
  readonly fixed32bitCheck: boolean;
  /** KVM's GuestPhysBits reaches CPUID 0x80000008 EAX[23:16] by default; pc_compat_9_0 sets guest-phys-bits=0 (513ba32dccc6). */
  readonly guestPhysBits: boolean;
  /**
   * `x-vendor-cpuid-only-v2` (216d9bb6d771, pc_compat_10_0 turns it off): an Intel vCPU's CPUID 0x80000000 returns
   * EBX/ECX/EDX = 0 instead of the vendor string ("Mark EBX/ECX/EDX in CPUID 0x80000000 leaf as reserved for Intel",
   * <20250627035129.2755537-2-zhao1.liu@intel.com>). OVMF reads its vendor from that leaf (PlatformAddressWidthFromCpuid).
   */
  readonly vendorCpuidOnlyV2: boolean;
  /** q35's default extended TSEG: 64 MiB from 10.2 (pc_compat_10_1 keeps 16; <20251106105640.1642109-1-kraxel@redhat.com>). */
  readonly tseg64m: boolean;
}

type FlagName = keyof MachineFlags;

export const MACHINE_COMPAT: readonly Since<FlagName>[] = [
  { field: 'alignedDimm', since: [2, 2], commit: '085f8e88ba73' },
  { field: 'reservedEndIncludesSize', since: [2, 5], commit: '2f8b50083b32' },
  { field: 'pciHole64Fix', since: [2, 11], commit: '9fa99d2519cb' },
  { field: 'amd1TbHole', since: [7, 1], commit: 'b3e6982b4154' },
  { field: 'fixed32bitCheck', since: [8, 2], commit: 'cf0386509ece' },
  { field: 'guestPhysBits', since: [9, 1], commit: '513ba32dccc6' },
  { field: 'vendorCpuidOnlyV2', since: [10, 1], commit: '216d9bb6d771' },
  { field: 'tseg64m', since: [10, 2], commit: '<20251106105640.1642109-1-kraxel@redhat.com>' },
];

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
  /** the `x-vendor-cpuid-only-v2` CPU property exists; 216d9bb6d771, 10.1. */
  readonly vendorCpuidOnlyV2Property: boolean;
  /** Versioned machine types older than six years are not registered (3dfa5a5c71cd removed the gate; 10.1). */
  readonly retiresMachineTypes: boolean;
}

const MACHINE_FLAGS = new Map<number, MachineFlags>();
const BINARY_FEATURES = new Map<number, BinaryFeatures>();
const keyOf = (v: QemuVersion) => v.major * 100 + v.minor;
const has = (v: QemuVersion, [major, minor]: readonly [number, number]) => isAtLeast(v, major, minor);

/** The flags of a machine type (computed once per version). */
export function machineFlags(version: QemuVersion): MachineFlags {
  let flags = MACHINE_FLAGS.get(keyOf(version));
  if (!flags) {
    const entries = MACHINE_COMPAT.map((row) => [row.field, has(version, row.since)] as const);
    MACHINE_FLAGS.set(keyOf(version), (flags = Object.freeze(Object.fromEntries(entries) as unknown as MachineFlags)));
  }
  return flags;
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
    vendorCpuidOnlyV2Property: isAtLeast(version, 10, 1),
    retiresMachineTypes: isAtLeast(version, 10, 1),
  });
}

/**
 * Versioned machine types whose code a release deleted, per chipset (the model goes back to q35 2.4 and pc 2.0):
 * pc-i440fx-2.0..2.3 in 9.1 (80685972e3d8 and siblings), pc-*-2.4/2.5 in 10.1 (07a2adeebbe5, ff63280a81),
 * pc-*-2.6/2.7 in 11.0 (52d8e35bd1d2, 6fcfe360dc).
 */
const CODE_REMOVALS: readonly { readonly binary: readonly [number, number]; readonly oldest: QemuVersion; readonly machine?: MachineType }[] = [
  { binary: [11, 0], oldest: { major: 2, minor: 8 } },
  { binary: [10, 1], oldest: { major: 2, minor: 6 } },
  { binary: [9, 1], oldest: { major: 2, minor: 4 }, machine: 'pc' },
];
const OLDEST_MODELLED: Readonly<Record<MachineType, QemuVersion>> = { q35: { major: 2, minor: 4 }, pc: { major: 2, minor: 0 } };

/**
 * A QEMU package's patches that change what the model computes: a package is its release plus these. Only Proxmox
 * VE's `pve-qemu-kvm` has one: it keeps machine types one QEMU minor longer and deprecates below a fixed baseline
 * (proxmox/pve-qemu debian/patches/pve/0040-adapt-machine-version-deprecation-for-Proxmox-VE.patch, 347a6826b6d9).
 */
export type QemuPatches = 'upstream' | 'proxmox';

/** The baseline Proxmox VE 9 keeps supported (MACHINE_VER_BASELINE_PVE_MAJOR/MINOR): older types are deprecated. */
const PVE_BASELINE: QemuVersion = { major: 6, minor: 0 };

/**
 * Whether a release hides a versioned machine type older than six years (`MACHINE_VER_DELETION`, include/hw/boards.h:
 * MACHINE_VER_DELETION_MAJOR 6): X.Y is gone when QEMU_MAJOR − X > 6, or = 6 and QEMU_MINOR ≥ Y (releases-2026.md §1.3).
 * The code may still be there; `-machine help` no longer lists it and `-machine` refuses it.
 */
function isRetired(version: QemuVersion, binary: QemuVersion, cutoff: number, patches: QemuPatches = 'upstream'): boolean {
  if (patches === 'proxmox' && cutoff === 6) {
    // MACHINE_VER_DELETION_MAJOR (QEMU_VERSION_MAJOR − 6), _MINOR QEMU_VERSION_MINOR: X.Y goes when older than that.
    return version.major < binary.major - 6 || (version.major === binary.major - 6 && version.minor < binary.minor);
  }
  const age = binary.major - version.major;
  return age > cutoff || (age === cutoff && binary.minor >= version.minor);
}

/** The oldest machine type of a chipset that a QEMU binary still offers. */
export function oldestMachineType(machine: MachineType, binary: QemuVersion, patches: QemuPatches = 'upstream'): QemuVersion {
  const removal = CODE_REMOVALS.find((r) => has(binary, r.binary) && (r.machine === undefined || r.machine === machine));
  const oldest = removal?.oldest ?? OLDEST_MODELLED[machine];
  if (!binaryFeatures(binary).retiresMachineTypes) return oldest;
  // The first release at or after the code-removal bound that is not retired.
  return QEMU_RELEASES.find((v) => compareVersions(v, oldest) >= 0 && !isRetired(v, binary, 6, patches)) ?? binary;
}

/**
 * A registered machine type that QEMU marks deprecated (`MACHINE_VER_DEPRECATION_MAJOR 3`): `-machine help` says
 * "(deprecated)" and starting it warns. Releases without the retirement rule mark none through it.
 */
export function isMachineTypeDeprecated(version: QemuVersion, binary: QemuVersion, patches: QemuPatches = 'upstream'): boolean {
  if (!isAtLeast(binary, 9, 1)) return false;
  return patches === 'proxmox' ? compareVersions(version, PVE_BASELINE) < 0 : isRetired(version, binary, 3);
}

export function isMachineTypeAvailable(machine: MachineType, version: QemuVersion, binary: QemuVersion, patches: QemuPatches = 'upstream'): boolean {
  return compareVersions(version, binary) <= 0 && compareVersions(version, oldestMachineType(machine, binary, patches)) >= 0;
}

/** The QEMU packages a VM or host may name: `upstream` (no patch the model knows: Debian, Ubuntu, Fedora, Arch) or Proxmox's. */
export const QEMU_PACKAGES = ['upstream', 'pve-qemu-kvm'] as const;

export function qemuPatchesOf(packageName: (typeof QEMU_PACKAGES)[number]): QemuPatches {
  return packageName === 'pve-qemu-kvm' ? 'proxmox' : 'upstream';
}

/** The oldest QEMU binary the model covers: the 64-bit hole defaults arrived in 2.11 (9fa99d2519cb). */
export const OLDEST_BINARY: QemuVersion = { major: 2, minor: 11 };
