/** The normalized VM description the core plans: every field present, sizes in bytes as bigint, no defaults logic. */
import type { QemuVersion } from './qemu/versions.js';
import type { QemuPatches } from './qemu/machine-types.js';
import type { Edk2Tag, OvmfBuild } from './ovmf/releases.js';
import type { PciTopology } from './pci/devices.js';

export type MachineType = 'q35' | 'pc';

/** The vendor string the guest sees (under KVM a named CPU model reports the host's vendor, qemu.md §3). */
export type CpuVendor = 'intel' | 'amd' | 'hygon';

/** The guest CPU as QEMU resolved it: what CPUID tells the firmware. */
export interface GuestCpu {
  readonly vendor: CpuVendor;
  /** CPUID 0x80000001 EDX.LM: a 64-bit CPU model. */
  readonly longMode: boolean;
  /** CPUID 0x80000008 EAX[7:0]; QEMU's `phys-bits` (default 40, qemu.md §7.2). */
  readonly physBits: number;
  /** CPUID 0x80000008 EAX[23:16]; QEMU's `guest-phys-bits` (9.1+). 0 = not reported. */
  readonly guestPhysBits: number;
  /** 1 GiB pages (CPUID 0x80000001 EDX bit 26). */
  readonly pdpe1gb: boolean;
  /** 5-level paging (CPUID 7 ECX bit 16). */
  readonly la57: boolean;
  /**
   * QEMU's `x-vendor-cpuid-only-v2` as set on -cpu (10.1+); absent = the machine type's default (on from pc-*-10.1).
   * On, an Intel vCPU's CPUID 0x80000000 carries no vendor string (machine-types.ts).
   */
  readonly vendorCpuidOnlyV2?: boolean;
  /**
   * The CPU model sets the vendor string (QEMU `-cpu …,vendor=GenuineIntel`, libvirt `<cpu><vendor>`): the guest sees
   * `vendor` on every host. Absent or false: under KVM a named model reports the host's vendor (qemu.md §3).
   */
  readonly vendorPinned?: boolean;
}

/** The release a host's OVMF package is: the part of FirmwareSpec a host decides. */
export type HostFirmware = Pick<FirmwareSpec, 'edk2' | 'build' | 'backports' | 'package'>;

export interface FirmwareSpec {
  readonly edk2: Edk2Tag;
  /**
   * Modelled edk2 commits a distribution package cherry-picks onto `edk2` (12-hex prefixes, ovmf/commits.ts), as its
   * changelog names them; absent or empty for an upstream build.
   */
  readonly backports?: readonly string[];
  /** The package the firmware comes from ("ovmf 2025.02-8+deb13u1"), when known; shown, never computed with. */
  readonly package?: string;
  /** A well-formed tag newer than any the model knows, planned as `edk2` (the newest known) with a finding. */
  readonly unknownNewerTag?: string;
  readonly build: OvmfBuild;
  /** A build with PcdUse5LevelPageTable=TRUE; no upstream OvmfPkg DSC sets it (ovmf.md §3.1). */
  readonly fiveLevelPaging: boolean;
  /** fw_cfg files under opt/ passed with -fw_cfg name=…,string=…: name → the raw blob OVMF reads. */
  readonly fwCfg: Readonly<Record<string, string>>;
  /**
   * The firmware image paths the VM is bound to (libvirt `<loader>` and `<nvram template=…>`); absent = not bound.
   * Only a pool check reads them: the same path may hold another image, or none, on another host (firmware-compat.ts).
   */
  readonly loader?: FirmwareLoader;
  /** The CODE image (pflash unit 0), or the unified image given to `-bios` when `loader` is `rom`. */
  readonly code?: string;
  /** The varstore template libvirt copies into the VM's NVRAM file when it has none (pflash unit 1). */
  readonly vars?: string;
  /** The size of the VM's existing NVRAM file, when it was not created from the current template (seed 001). */
  readonly nvramSize?: bigint;
}

/** How QEMU maps the CODE image: `-drive if=pflash` (RAMBlock system.flash0) or `-bios` (RAMBlock pc.bios), qemu.md §8.2. */
export type FirmwareLoader = 'pflash' | 'rom';

/** The flash layout an OVMF build was made for (FD_SIZE_2MB or FD_SIZE_4MB); their varstores differ (seed 000). */
export type FlashLayout = '2m' | '4m';

/** One firmware file on a host, as a distro package installs it (presets/firmware/*.json) or a pool file lists it. */
export interface FirmwareImage {
  readonly path: string;
  /** `code` = OVMF_CODE, `vars` = a varstore template, `unified` = OVMF.fd (CODE and varstore in one file). */
  readonly role: 'code' | 'vars' | 'unified';
  readonly build: OvmfBuild;
  readonly flash: FlashLayout;
  readonly secureBoot: boolean;
  readonly smm: boolean;
  /** Bytes: the size of the RAMBlock QEMU backs it with. */
  readonly size: bigint;
  readonly edk2: Edk2Tag;
  /** The package (name and version) that installs it, when known. */
  readonly package: string | null;
  /** Modelled edk2 commits its package backports onto `edk2` (FirmwareSpec.backports). */
  readonly backports?: readonly string[];
}

export interface VmSpec {
  readonly machine: MachineType;
  /** The versioned machine type (pc-q35-7.2 → 7.2). */
  readonly machineVersion: QemuVersion;
  /** The QEMU binary's release. */
  readonly qemuVersion: QemuVersion;
  /** The QEMU package when it carries patches the model knows (Proxmox VE's pve-qemu-kvm); absent = upstream. */
  readonly qemuPatches?: QemuPatches;
  /** `-m size`, before QEMU rounds it up to 8 KiB. */
  readonly memory: bigint;
  /** `-m maxmem`; equals `memory` when not given. */
  readonly maxmem: bigint;
  /** `-m slots`. */
  readonly slots: number;
  /** `-machine max-ram-below-4g`; 0 = the machine's default. */
  readonly maxRamBelow4g: bigint;
  /** The host bridge's `pci-hole64-size`; null = the machine's default (q35 32 GiB, pc 2 GiB). */
  readonly pciHole64Size: bigint | null;
  /** Sizes of CXL fixed memory windows (`cxl-fmw.N.size`), in order; empty = no CXL. */
  readonly cxlWindows: readonly bigint[];
  readonly cpu: GuestCpu;
  readonly firmware: FirmwareSpec;
  /** Passed-through PCI devices and empty root ports; `NO_DEVICES` when the VM has none. */
  readonly pci: PciTopology;
}

/** The fw_cfg file of the 64-bit aperture size knob, in MiB (ovmf.md §2.3). */
export const PCI64_KNOB = 'opt/ovmf/X-PciMmio64Mb';

/** A KVM host (or `count` identical ones) the VM may boot on or migrate to. */
export interface HostSpec {
  readonly name: string;
  /** How many identical machines this entry stands for. */
  readonly count: number;
  readonly vendor: CpuVendor;
  /** MAXPHYADDR from raw CPUID 0x80000008 EAX[7:0]: what QEMU's host-phys-bits copies. */
  readonly physBits: number;
  /** KVM's GuestPhysBits (KVM_GET_SUPPORTED_CPUID 0x80000008 EAX[23:16]); 0 = not reported. */
  readonly guestPhysBits: number;
  readonly pdpe1gb: boolean;
  readonly la57: boolean;
  /** The IOMMU's DMA address width, when known; null = not known. */
  readonly iommuBits: number | null;
  readonly qemuVersion: QemuVersion;
  /** The OVMF package the host boots guests with: its tag, build and, for a distribution package, its backports. */
  readonly firmware: HostFirmware;
  /** The firmware files the host has: its preset's and its own. Absent or empty = not known. */
  readonly images?: readonly FirmwareImage[];
}

export interface PoolSpec {
  readonly hosts: readonly HostSpec[];
}

/**
 * How the VM's guest-visible phys-bits is configured: a fixed `phys-bits=N` (with host-phys-bits off), or
 * `host-phys-bits=on` with an optional `host-phys-bits-limit=N` (qemu.md §7.1–§7.2).
 */
export type PhysBitsSetting =
  | { readonly kind: 'fixed'; readonly physBits: number }
  | { readonly kind: 'host'; readonly limit: number | null };
