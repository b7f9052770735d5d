/**
 * What the planner found, as data: a stable snake_case `code` and a typed payload, never text.
 * Words live in src/render/messages.ts; severities in `SEVERITY` below.
 */
import type { Range } from './units.js';
import type { CpuVendor, FirmwareLoader, FlashLayout, MachineType } from './spec.js';
import type { Edk2Tag, OvmfBuild, OvmfFamily } from './ovmf/releases.js';

export type Severity = 'error' | 'warning' | 'info';

export type Finding =
  /** QEMU exits at start-up: the machine type is not registered in this binary (retired, removed, or newer; releases-2026.md §1.3). */
  | { readonly code: 'qemu_machine_type_unsupported'; readonly machine: MachineType; readonly version: string; readonly qemu: string; readonly oldest: string; readonly reason: 'retired' | 'newer' }
  /** QEMU lists the machine type as deprecated and warns when it starts (MACHINE_VER_DEPRECATION_MAJOR 3). */
  | { readonly code: 'qemu_machine_type_deprecated'; readonly machine: MachineType; readonly version: string; readonly qemu: string }
  /** QEMU exits in pc_memory_init, after the phys-bits check: more than 256 slots (ACPI_MAX_RAM_SLOTS, qemu.md §4.1). */
  | { readonly code: 'qemu_slots_unsupported'; readonly slots: number }
  /** QEMU exits in pc_memory_init, after the slots check: maxmem is not 4 KiB-aligned (qemu.md §4.1). */
  | { readonly code: 'qemu_maxmem_unaligned'; readonly maxmem: bigint }
  /** The edk2 tag is newer than any the model knows: planned with the newest known one's rules. */
  | { readonly code: 'ovmf_release_unknown'; readonly asked: string; readonly modelled: Edk2Tag }
  /** QEMU ≥ 7.1 exits: the highest used GPA does not fit in phys-bits (qemu.md §6.2). */
  | { readonly code: 'qemu_phys_bits_too_low'; readonly limit: bigint; readonly maxUsedGpa: bigint; readonly physBits: number }
  /** QEMU < 7.1 starts, but the layout reaches beyond what the guest CPU can address (qemu.md §6.2, before 1caab5cf86bd). */
  | { readonly code: 'qemu_layout_beyond_phys_bits'; readonly limit: bigint; readonly maxUsedGpa: bigint; readonly physBits: number }
  /** QEMU's own warning: max-ram-below-4g is not a multiple of 1 GiB for a large guest (qemu.md §2.1, §2.2). */
  | { readonly code: 'qemu_low_memory_unaligned'; readonly machine: MachineType; readonly ramSize: bigint; readonly maxRamBelow4g: bigint }
  /** QEMU's own warning: less than 1 MiB of RAM below 4 GiB (qemu.md §2.3). */
  | { readonly code: 'qemu_low_memory_tiny'; readonly maxRamBelow4g: bigint }
  /** AMD vCPU on a ≥ 7.1 machine type: RAM above 4 GiB moved to 1 TiB (qemu.md §3). */
  | { readonly code: 'qemu_ram_relocated_above_1t'; readonly maxUsedGpaAt4g: bigint }
  /** Machine types ≤ 2.10 report pci-hole64-start/-end as 0 without 64-bit BARs (qemu.md §5, x-pci-hole64-fix). */
  | { readonly code: 'qemu_pci_hole64_unreported' }
  /** An fw_cfg file under opt/ that the model does not read. */
  | { readonly code: 'fw_cfg_not_modelled'; readonly name: string }
  /** X64 or Ia32X64 firmware on a CPU without long mode cannot enter its 64-bit DXE phase. */
  | { readonly code: 'ovmf_needs_long_mode' }
  /** OVMF logs "ignoring malformed 64-bit PCI host aperture size from fw_cfg" and keeps its default (ovmf.md §2.3). */
  | { readonly code: 'ovmf_knob_malformed'; readonly name: string; readonly value: string }
  /** A decimal value that overflows 64 bits: the parser returns UNSUPPORTED and OVMF acts as if the knob were absent. */
  | { readonly code: 'ovmf_knob_overflow_ignored'; readonly name: string; readonly value: string }
  /**
   * A knob that has no effect: this release reads another spelling or none (`release`), this build stops before
   * reading it (`build`, OvmfPkgIa32), or 5-level paging is not on, so the paging-level decision never runs.
   */
  | { readonly code: 'ovmf_knob_not_read'; readonly name: string; readonly readsName: string | null; readonly reason: 'release' | 'build' | 'no-5-level-paging' }
  /** 202211–202502: X-PciMmio64Mb=0 does not disable the window when the width is trusted (ovmf.md §3.4). */
  | { readonly code: 'ovmf_knob_zero_ignored' }
  /** 202211–202502: the knob is only a minimum; the larger dynamic window wins (ovmf.md §3.4). */
  | { readonly code: 'ovmf_knob_below_dynamic'; readonly knobSize: bigint; readonly windowSize: bigint }
  /** etc/reserved-memory-end below the RAM top: ASSERT in DEBUG builds (ovmf.md §2.5). */
  | { readonly code: 'ovmf_reserved_end_below_ram'; readonly reservedMemoryEnd: bigint; readonly ramTop: bigint }
  /** The derived width exceeds what the PEI asserts (ovmf.md §2.7): DEBUG builds halt, RELEASE builds continue. */
  | { readonly code: 'ovmf_width_above_pei_max'; readonly width: number; readonly max: number }
  /** 202211+: CPUID's width is not one OVMF trusts, so it guesses the width from memory (ovmf.md §3.1). */
  | { readonly code: 'ovmf_width_untrusted'; readonly physBits: number; readonly vendorHidden?: true }
  /** The trusted width was lowered by a cap (ovmf.md §3.1). */
  | { readonly code: 'ovmf_width_capped'; readonly reported: number; readonly width: number; readonly reason: WidthCapReason }
  /** The aperture ends above 2^width: PciHostBridgeDxe cannot add it to the GCD map (ovmf.md §3.2). */
  | { readonly code: 'ovmf_aperture_beyond_width'; readonly aperture: Range; readonly width: number }
  /** The aperture ends above 2^phys-bits of the vCPU, which cannot address it (classic windows ignore CPUID). */
  | { readonly code: 'ovmf_aperture_beyond_phys_bits'; readonly aperture: Range; readonly physBits: number }
  /** A conflict move wrapped around zero (ovmf.md §3.3 (a), vector 31a). */
  | { readonly code: 'ovmf_aperture_wrapped'; readonly aperture: Range }
  /** The aperture overlaps an E820 entry QEMU reported (RAM or reserved; e.g. the AMD HyperTransport range in 202211). */
  | { readonly code: 'ovmf_aperture_overlaps_e820'; readonly aperture: Range; readonly entry: E820Entry }
  /** The aperture overlaps the memory-hotplug area, which is not an E820 entry (ovmf.md §3.3 (b), vector 32). */
  | { readonly code: 'ovmf_aperture_overlaps_hotplug'; readonly aperture: Range; readonly hotplug: Range }
  /** The guest sees more physical address bits than the host has: KVM cannot back addresses above the host's. */
  | { readonly code: 'pool_guest_width_above_host'; readonly physBits: number; readonly hostBits: number }
  /** An address the guest uses (RAM, hotplug area, 64-bit hole or aperture) lies beyond what the host can map. */
  | { readonly code: 'pool_address_beyond_host'; readonly address: bigint; readonly hostBits: number }
  /** The VM's machine type does not exist in the host's QEMU. */
  | { readonly code: 'pool_machine_type_unavailable'; readonly machine: MachineType; readonly version: string; readonly qemu: string }
  /** After migration, an address the guest already uses lies beyond what the destination can map. */
  | { readonly code: 'pool_migration_address_unmappable'; readonly address: bigint; readonly hostBits: number }
  /** The CPUID width shrinks under the running guest (host-phys-bits, or GuestPhysBits): addresses it placed may no longer fit. */
  | { readonly code: 'pool_migration_width_shrinks'; readonly field: 'phys-bits' | 'guest-phys-bits'; readonly from: number; readonly to: number }
  /** The CPUID width grows under the running guest: harmless for what it placed, but the guest ABI changes. */
  | { readonly code: 'pool_migration_width_grows'; readonly field: 'phys-bits' | 'guest-phys-bits'; readonly from: number; readonly to: number }
  /** Boot and destination hosts are of different CPU vendors. */
  | { readonly code: 'pool_migration_cross_vendor'; readonly from: CpuVendor; readonly to: CpuVendor }
  /** The guest keeps its pinned `vendor` while the hosts' own vendors change from `from` to `to`. */
  | { readonly code: 'pool_migration_cross_vendor_pinned'; readonly vendor: CpuVendor; readonly from: CpuVendor; readonly to: CpuVendor }
  /** A CPU feature the guest booted with is missing on the destination. */
  | { readonly code: 'pool_migration_cpu_feature_missing'; readonly feature: 'pdpe1gb' | 'la57' }
  /** No room between the hotplug end and 2^width: the reversed calculation would halt the boot (seed 004, ovmf.md §4). */
  | { readonly code: 'reverse_no_room'; readonly width: number; readonly base: bigint; readonly limit: bigint }
  /** PciBusDxe left devices out to make the rest fit the aperture ("was rejected due to resource confliction"). */
  | { readonly code: 'ovmf_devices_rejected'; readonly devices: readonly string[]; readonly request: PciRequest; readonly aperture: Range }
  /** The 64-bit request does not fit and rejecting cannot make it: OVMF programs no device on the root bus. */
  | {
    readonly code: 'ovmf_pci_allocation_failed'; readonly request: PciRequest; readonly aperture: Range | null;
    /** `nothing-to-reject`: `blocking` may not be rejected; `emptied`: `rejected` took every 64-bit request (pci-placement.ts). */
    readonly reason: 'nothing-to-reject' | 'emptied'; readonly blocking: readonly string[]; readonly rejected: readonly string[];
  }
  /** OVMF dropped a hot-plug root port's padding to make room: a large device hot-plugged there later gets no space. */
  | { readonly code: 'ovmf_hotplug_padding_dropped'; readonly ports: readonly string[] }
  /** No 64-bit aperture: PciBusDxe degrades every 64-bit BAR below 4 GiB (ovmf.md §2.2, §2.4). */
  | { readonly code: 'ovmf_bars_below_4g'; readonly devices: readonly string[]; readonly total: bigint }
  /** The BARs that must go below 4 GiB exceed q35's 32-bit window [0xc0000000, 0xfc000000) even before alignment. */
  | { readonly code: 'ovmf_bars_exceed_32bit_window'; readonly total: bigint; readonly window: Range }
  /** The host's IOMMU cannot map guest RAM for a passed-through device's DMA: QEMU fails with vfio_container_dma_map … = -22. */
  | { readonly code: 'pool_iommu_cannot_map_ram'; readonly ramEnd: bigint; readonly iommuBits: number }
  /** The host's IOMMU cannot map the devices' BARs: QEMU warns and peer-to-peer DMA between the devices does not work. */
  | { readonly code: 'pool_iommu_cannot_map_bars'; readonly barEnd: bigint; readonly iommuBits: number }
  /** The identity map of 2^width needs a lot of PEI memory (ovmf.md §5.1). */
  | { readonly code: 'ovmf_page_tables_large'; readonly width: number; readonly bytes: bigint; readonly uses1GPages: boolean }
  /** The VM's firmware path does not exist on the host: QEMU cannot open it, or libvirt cannot copy the NVRAM template. */
  | { readonly code: 'firmware_image_missing'; readonly role: FirmwareRole; readonly path: string }
  /** The host's pool entry lists no firmware images, so what the VM's path holds there is unknown. */
  | { readonly code: 'firmware_images_unknown'; readonly path: string }
  /** An incoming firmware RAMBlock has another size than the destination's: QEMU refuses it (qemu.md §8.1, vectors G1, G2). */
  | {
    readonly code: 'firmware_size_mismatch'; readonly block: FirmwareBlock; readonly role: FirmwareRole; readonly path: string;
    readonly incoming: bigint; readonly local: bigint; readonly wording: SizeMismatchWording; readonly qemu: string;
  }
  /** The varstore was made for the other flash layout than the CODE image (2 MiB vs 4 MiB): UEFI variables are not kept (seeds 000, 001). */
  | {
    readonly code: 'firmware_varstore_layout_mismatch'; readonly codePath: string; readonly codeFlash: FlashLayout; readonly varsFlash: FlashLayout;
    readonly varsSize: bigint; readonly varsPath: string | null; readonly when: 'boot' | 'after-migration';
  }
  /** After the move a warm reboot runs the boot host's firmware (migrated in its RAMBlock), a cold boot the destination's (seed 001). */
  | { readonly code: 'firmware_after_migration'; readonly path: string; readonly warm: FirmwareRun; readonly cold: FirmwareRun }
  /** How to make the VM's firmware path migrate: versioned paths, padding to the largest size, or a path of one size everywhere (seeds 000, 001). */
  | {
    readonly code: 'firmware_advice'; readonly role: FirmwareRole; readonly loader: FirmwareLoader; readonly path: string; readonly variants: readonly ImageVariant[];
    readonly missing: readonly string[]; readonly largest: bigint; readonly alternative: { readonly code: string; readonly vars: string } | null;
  }
  /** The ACPI tables blob may change size between the two QEMU releases; the machine type makes it resizable (qemu.md §8.3). */
  | { readonly code: 'acpi_blob_resizable'; readonly machine: MachineType; readonly version: string; readonly from: string; readonly to: string }
  /** Machine types ≤ 2.2 pad the ACPI tables blob and never resize it: whether it changes between releases is unknowable here (seed 002). */
  | {
    readonly code: 'acpi_blob_legacy_padding'; readonly machine: MachineType; readonly version: string; readonly from: string; readonly to: string;
    readonly padding: 'qemu-2.0-size' | '128k';
  };

/** What the root bridge asks the aperture for: one block of `length` bytes aligned to `alignment`. */
export interface PciRequest {
  readonly length: bigint;
  readonly alignment: bigint;
}

/** The firmware RAMBlocks a VM migrates (qemu.md §8.2): `-bios` → pc.bios, pflash units 0 and 1 → system.flash0/1. */
export type FirmwareBlock = 'pc.bios' | 'system.flash0' | 'system.flash1';

/** Which of the VM's firmware paths: the CODE image (or the `-bios` image) or the varstore template. */
export type FirmwareRole = 'code' | 'vars';

/** `Size mismatch: … != …` (QEMU ≥ 5.2) or `Length mismatch: … in != …` (2.3 – 5.1), qemu.md §8.1. */
export type SizeMismatchWording = 'size' | 'length';

/** The firmware the guest runs, with the OVMF sizing family the core model gives it. */
export interface FirmwareRun {
  readonly edk2: Edk2Tag;
  readonly build: OvmfBuild;
  readonly flash: FlashLayout;
  readonly family: OvmfFamily;
  readonly package: string | null;
}

/** One size a firmware path has across a pool, with the hosts and packages that give it that size. */
export interface ImageVariant {
  readonly size: bigint;
  readonly hosts: readonly string[];
  readonly packages: readonly string[];
}

export type WidthCapReason = 'paging-47' | 'paging-46' | 'paging-48-la57' | 'no-1g-pages' | 'pcd-use-1g-page-table' | 'guest-phys-bits';

export type FindingCode = Finding['code'];

/** The findings that are QEMU exiting at start-up: the firmware never runs. QEMU reports only the first. */
export const QEMU_REFUSALS: ReadonlySet<FindingCode> = new Set<FindingCode>([
  'qemu_machine_type_unsupported', 'qemu_phys_bits_too_low', 'qemu_slots_unsupported', 'qemu_maxmem_unaligned',
]);

export type QemuRefusal = Extract<Finding, { code: 'qemu_machine_type_unsupported' | 'qemu_phys_bits_too_low' | 'qemu_slots_unsupported' | 'qemu_maxmem_unaligned' }>;

export function qemuRefusal(findings: readonly Finding[]): QemuRefusal | undefined {
  return findings.find((f): f is QemuRefusal => QEMU_REFUSALS.has(f.code));
}

export interface E820Entry {
  readonly base: bigint;
  readonly size: bigint;
  readonly type: 'ram' | 'reserved';
}

export const SEVERITY: Readonly<Record<FindingCode, Severity>> = {
  qemu_machine_type_unsupported: 'error',
  qemu_machine_type_deprecated: 'warning',
  qemu_slots_unsupported: 'error',
  qemu_maxmem_unaligned: 'error',
  ovmf_release_unknown: 'warning',
  qemu_phys_bits_too_low: 'error',
  qemu_layout_beyond_phys_bits: 'error',
  qemu_low_memory_unaligned: 'warning',
  qemu_low_memory_tiny: 'warning',
  qemu_ram_relocated_above_1t: 'info',
  qemu_pci_hole64_unreported: 'info',
  fw_cfg_not_modelled: 'info',
  ovmf_needs_long_mode: 'error',
  ovmf_knob_malformed: 'warning',
  ovmf_knob_overflow_ignored: 'warning',
  ovmf_knob_not_read: 'warning',
  ovmf_knob_zero_ignored: 'warning',
  ovmf_knob_below_dynamic: 'info',
  ovmf_reserved_end_below_ram: 'warning',
  ovmf_width_above_pei_max: 'warning',
  ovmf_width_untrusted: 'info',
  ovmf_width_capped: 'info',
  ovmf_aperture_beyond_width: 'error',
  ovmf_aperture_beyond_phys_bits: 'error',
  ovmf_aperture_wrapped: 'error',
  ovmf_aperture_overlaps_e820: 'error',
  ovmf_aperture_overlaps_hotplug: 'error',
  ovmf_page_tables_large: 'warning',
  ovmf_devices_rejected: 'error',
  ovmf_pci_allocation_failed: 'error',
  ovmf_hotplug_padding_dropped: 'warning',
  ovmf_bars_below_4g: 'warning',
  ovmf_bars_exceed_32bit_window: 'error',
  pool_iommu_cannot_map_ram: 'error',
  pool_iommu_cannot_map_bars: 'warning',
  reverse_no_room: 'error',
  pool_guest_width_above_host: 'error',
  pool_address_beyond_host: 'error',
  pool_machine_type_unavailable: 'error',
  pool_migration_address_unmappable: 'error',
  pool_migration_width_shrinks: 'error',
  pool_migration_width_grows: 'warning',
  pool_migration_cross_vendor: 'error',
  pool_migration_cross_vendor_pinned: 'warning',
  pool_migration_cpu_feature_missing: 'warning',
  firmware_image_missing: 'error',
  firmware_images_unknown: 'info',
  firmware_size_mismatch: 'error',
  firmware_varstore_layout_mismatch: 'error',
  firmware_after_migration: 'info',
  firmware_advice: 'info',
  acpi_blob_resizable: 'info',
  acpi_blob_legacy_padding: 'warning',
};

export function hasError(findings: readonly Finding[]): boolean {
  return findings.some((f) => SEVERITY[f.code] === 'error');
}
