/**
 * What each finding code means, why the planner reports it, what to change, and where the rule comes from:
 * the text behind `gpa-planner explain CODE`, `gpa-planner man` and docs/findings.md. Keyed by `FindingCode`,
 * so a new code in src/core/findings.ts does not compile until it is explained here.
 */
import type { FindingCode } from '../core/findings.js';

export interface FindingExplanation {
  /** What the finding says happened, in one or two sentences. */
  readonly means: string;
  /** Why it matters: what QEMU, OVMF, KVM or libvirt does as a result. */
  readonly why: string;
  /** What to change in the VM, the host or the pool to make it go away (or why nothing needs to change). */
  readonly change: string;
  /** The spec section, edk2/QEMU source or boot seed the rule comes from. */
  readonly source: string;
}

export const FINDING_EXPLANATIONS: Readonly<Record<FindingCode, FindingExplanation>> = {
  qemu_phys_bits_too_low: {
    means: 'The highest guest-physical address QEMU uses (RAM, hotplug area, 64-bit PCI hole) does not fit in the vCPU\'s phys-bits.',
    why: 'QEMU 7.1 and later exits at start-up with "Address space limit 0x… < 0x… phys-bits too low (N)".',
    change: 'Raise phys-bits (-cpu …,phys-bits=N or <maxphysaddr mode="emulate" bits="N"/>), or lower maxmem, the hotplug slots or the 64-bit hole.',
    source: 'qemu.md §6 (pc_max_used_gpa, pc_memory_init in hw/i386/pc.c).',
  },
  qemu_layout_beyond_phys_bits: {
    means: 'QEMU before 7.1 has no phys-bits check: it starts, but places addresses above 2^phys-bits.',
    why: 'The guest cannot reach what lies above its phys-bits: hot-added memory or 64-bit BARs there are unusable.',
    change: 'Raise phys-bits, or lower maxmem, the hotplug slots or the 64-bit hole; QEMU 7.1+ would refuse this VM outright.',
    source: 'qemu.md §6.2 and §11 (the check arrived in QEMU 7.1).',
  },
  qemu_machine_type_unsupported: {
    means: 'The QEMU binary does not register the machine type the VM names: it was retired (QEMU keeps about six years of pc-q35/pc-i440fx versions) or is newer than the binary.',
    why: 'QEMU exits at once with "unsupported machine type" before it builds any layout; a VM pinned to an old type for live migration cannot start or arrive on that host.',
    change: 'Move the VM to a machine type every host\'s QEMU registers (newest common one: pool check says which), with a cold boot; or keep an older QEMU on the hosts that must run it.',
    source: 'qemu.md machine types; releases-2026.md (retirements per release); the -machine help listings of Debian\'s QEMU 7.2, 10.0 and 11.1 in conformance/.',
  },
  qemu_machine_type_deprecated: {
    means: 'The QEMU binary still registers the machine type but marks it deprecated: it warns at every start.',
    why: 'A later QEMU release retires deprecated types; a VM pinned to one stops starting after that upgrade.',
    change: 'Plan the move to a newer machine type (a cold boot) before the hosts\' QEMU is upgraded past the type\'s retirement.',
    source: 'qemu.md machine types (MACHINE_VER_DEPRECATION in include/hw/boards.h); releases-2026.md.',
  },
  qemu_slots_unsupported: {
    means: 'More memory-hotplug slots than QEMU allows (256, ACPI_MAX_RAM_SLOTS).',
    why: 'QEMU exits at start-up with "unsupported amount of memory slots: N".',
    change: 'Use at most 256 slots (-m …,slots=N).',
    source: 'qemu.md §4.1, V41 (pc_memory_init in hw/i386/pc.c).',
  },
  qemu_maxmem_unaligned: {
    means: 'maxmem is not a multiple of 4 KiB.',
    why: 'QEMU exits at start-up with "maximum memory size must by aligned to multiple of 4096 bytes" (its own spelling).',
    change: 'Round maxmem to a multiple of 4 KiB.',
    source: 'qemu.md §4.1 (pc_memory_init, commit f2c385220598).',
  },
  ovmf_release_unknown: {
    means: 'The firmware names an edk2 stable tag newer than the releases the model knows.',
    why: 'The plan uses the newest known release\'s rules; a later release may change how OVMF sizes the address space.',
    change: 'Nothing, if the newer release changed nothing in PlatformInitLib, PciHostBridgeDxe or PciBusDxe; otherwise a newer gpa-planner.',
    source: 'src/core/ovmf/tags.ts (the releases modelled); releases-2026.md.',
  },
  qemu_low_memory_unaligned: {
    means: 'max-ram-below-4g is not a multiple of 1 GiB on a large VM; QEMU prints its "possibly poor performance" warning.',
    why: 'RAM above 4 GiB starts at an address that cannot use 1 GiB pages on the host side.',
    change: 'Set max-ram-below-4g to a multiple of 1 GiB (or leave it at the default).',
    source: 'qemu.md §2.1, §2.2 (pc_q35_init, pc_init1).',
  },
  qemu_low_memory_tiny: {
    means: 'Less than 1 MiB of RAM lies below 4 GiB; QEMU warns that the BIOS may not work.',
    why: 'Firmware needs low RAM to run; OVMF will not boot with so little.',
    change: 'Raise max-ram-below-4g.',
    source: 'qemu.md §2.3 (pc_machine_set_max_ram_below_4g).',
  },
  qemu_ram_relocated_above_1t: {
    means: 'On an AMD vCPU the layout would reach the HyperTransport range at 0xfd00000000, so QEMU moves RAM above 4 GiB and everything after it to 1 TiB.',
    why: 'The move needs phys-bits of at least 41; the plan shows the relocated layout.',
    change: 'Nothing, if phys-bits covers the relocated layout; otherwise raise phys-bits or shrink the VM below the 1012 GiB mark.',
    source: 'qemu.md §3 (the AMD HyperTransport hole below 1 TiB).',
  },
  qemu_pci_hole64_unreported: {
    means: 'Machine types up to 2.10 report pci-hole64-start/-end as 0 until the firmware maps a 64-bit BAR (x-pci-hole64-fix off).',
    why: 'Tools that read the QOM properties see no hole; QEMU still budgets it as the plan shows.',
    change: 'Nothing; a machine type of 2.11 or later reports the hole.',
    source: 'qemu.md §5 (pc_pci_hole64_start, x-pci-hole64-fix).',
  },
  fw_cfg_not_modelled: {
    means: 'The VM passes an fw_cfg file the model does not read.',
    why: 'The plan ignores it; if OVMF reads it, the real boot may differ from the plan.',
    change: 'Nothing, unless the file changes the address space; then the plan is not authoritative for this VM.',
    source: 'ovmf.md §0 (the fw_cfg files OVMF reads).',
  },
  ovmf_needs_long_mode: {
    means: 'The OVMF build runs its DXE phase in 64-bit mode, and the CPU model has no long mode.',
    why: 'The firmware cannot start.',
    change: 'Use a 64-bit CPU model, or the 32-bit OvmfPkgIa32 build (--ovmf-build ia32).',
    source: 'ovmf.md §2.2 (the 32-bit DXE shortcut).',
  },
  ovmf_knob_malformed: {
    means: 'opt/ovmf/X-PciMmio64Mb is not a decimal number of MiB; OVMF logs "ignoring malformed 64-bit PCI host aperture size from fw_cfg".',
    why: 'OVMF keeps its default aperture size, not the one asked for.',
    change: 'Write a decimal number of MiB up to 16777216.',
    source: 'ovmf.md §2.3 (Step C, the fw_cfg knob).',
  },
  ovmf_knob_overflow_ignored: {
    means: 'The knob\'s value overflows 64 bits.',
    why: 'OVMF acts as if the knob were absent.',
    change: 'Write a value that fits (a number of MiB up to 16777216).',
    source: 'ovmf.md §2.3 (Step C).',
  },
  ovmf_knob_not_read: {
    means: 'The knob has no effect: this edk2 release does not read it, the 32-bit DXE build has no 64-bit aperture, or 5-level paging is off.',
    why: 'Setting it changes nothing in the guest.',
    change: 'Remove the knob, or use the name the release reads, or a release/build that reads it.',
    source: 'ovmf.md §1 (version timeline), §2.2, §3.6 (5-level paging downgrade).',
  },
  ovmf_knob_zero_ignored: {
    means: 'X-PciMmio64Mb=0 does not disable the aperture on edk2-stable202211 to 202502 when the CPUID width is trusted.',
    why: 'The dynamic window replaces the knob; only edk2-stable202505 and later honour 0.',
    change: 'To disable the aperture on these releases, make OVMF distrust the width, or move to edk2-stable202505+.',
    source: 'ovmf.md §3.4 (how X-PciMmio64Mb interacts with the dynamic window).',
  },
  ovmf_knob_below_dynamic: {
    means: 'The knob asks for less than the dynamic window; before edk2-stable202505 the knob is only a minimum.',
    why: 'The aperture is the larger dynamic window, not the size asked for.',
    change: 'Nothing if the larger aperture is fine; otherwise lower phys-bits so the dynamic window shrinks.',
    source: 'ovmf.md §3.2, §3.4.',
  },
  ovmf_reserved_end_below_ram: {
    means: 'etc/reserved-memory-end lies below the top of RAM.',
    why: 'DEBUG builds of OVMF halt on an ASSERT; RELEASE builds continue with a wrong hotplug end.',
    change: 'Check the hotplug settings (maxmem, slots); QEMU normally writes a value above RAM.',
    source: 'qemu.md §4.2, ovmf.md §2.5 (Step E).',
  },
  ovmf_width_above_pei_max: {
    means: 'The width OVMF derives exceeds what its PEI phase asserts.',
    why: 'DEBUG builds halt, RELEASE builds continue.',
    change: 'Lower phys-bits, maxmem or the aperture size.',
    source: 'ovmf.md §2.7 (Step G), §5.1.',
  },
  ovmf_width_untrusted: {
    means: 'OVMF does not trust the phys-bits QEMU reports in CPUID (it trusts Intel 36 or 39, AMD 40, any vendor from 41, or GuestPhysBits).',
    why: 'OVMF uses the classic window and derives PhysMemAddressWidth from the layout instead of CPUID.',
    change: 'Nothing if the classic layout fits; to get the dynamic window, give the vCPU a trusted width (e.g. phys-bits 41+, or host-phys-bits on a host that qualifies).',
    source: 'ovmf.md §3.1 (PlatformAddressWidthFromCpuid).',
  },
  ovmf_width_capped: {
    means: 'OVMF uses fewer address bits than CPUID reports: paging limits (46/47 bits, 48 without la57), no 1 GiB pages, the PcdUse1GPageTable setting, or GuestPhysBits.',
    why: 'The aperture and memory map end at 2^width, below what the vCPU could address.',
    change: 'Nothing needs changing; the plan already uses the capped width.',
    source: 'ovmf.md §3.1, §3.6, §5.1.',
  },
  ovmf_aperture_beyond_width: {
    means: 'The 64-bit aperture ends above 2^PhysMemAddressWidth.',
    why: 'PciHostBridgeDxe cannot add it to the GCD memory map: 64-bit BARs get no space (DEBUG builds halt).',
    change: 'Lower X-PciMmio64Mb or maxmem, or raise phys-bits so OVMF derives a larger width.',
    source: 'ovmf.md §2.6, §2.7, §2.8.',
  },
  ovmf_aperture_beyond_phys_bits: {
    means: 'The aperture ends above what the vCPU\'s phys-bits can address.',
    why: 'BARs placed there are unreachable by the guest.',
    change: 'Raise phys-bits or shrink the aperture (X-PciMmio64Mb).',
    source: 'ovmf.md §2.7; qemu.md §7 (phys-bits).',
  },
  ovmf_aperture_wrapped: {
    means: 'Moving the dynamic window below a conflicting E820 entry wrapped its base around zero.',
    why: 'The 64-bit aperture is unusable.',
    change: 'Raise phys-bits, or lower maxmem so the reservation no longer conflicts.',
    source: 'ovmf.md §3.3 (PlatformReservationConflictCB, c0a0b9bc35, 202302).',
  },
  ovmf_aperture_overlaps_e820: {
    means: 'The aperture overlaps RAM or a reserved E820 range (in edk2-stable202211, the AMD HyperTransport hole at 0xfd00000000).',
    why: 'BARs placed there collide with memory the guest already uses.',
    change: 'Use edk2-stable202302 or later (which moves the window), or change phys-bits so the window lands elsewhere.',
    source: 'ovmf.md §3.3; qemu.md §3.',
  },
  ovmf_aperture_overlaps_hotplug: {
    means: 'A conflict move pushed the aperture into the memory-hotplug area.',
    why: 'Hot-added memory and BARs would collide.',
    change: 'Raise phys-bits or lower maxmem.',
    source: 'ovmf.md §3.3, §2.5.',
  },
  ovmf_page_tables_large: {
    means: 'Identity-mapping 2^width takes more than 64 MiB of PEI memory.',
    why: 'A small VM may run out of PEI memory, or boot slowly.',
    change: 'Give the vCPU 1 GiB pages (pdpe1gb), or lower phys-bits.',
    source: 'ovmf.md §5.1 (page-table memory).',
  },
  ovmf_devices_rejected: {
    means: 'PciBusDxe left devices without BARs to make the rest fit the aperture ("was rejected due to resource confliction").',
    why: 'The rejected devices do not work in the guest.',
    change: 'Raise X-PciMmio64Mb or phys-bits to the value `plan` prints as the fix.',
    source: 'edk2 MdeModulePkg/Bus/Pci/PciBusDxe (PciResourceSupport.c, rejection loop).',
  },
  ovmf_pci_allocation_failed: {
    means: 'The 64-bit request does not fit and rejecting devices cannot make it (root-bus or VGA devices, or every 64-bit request rejected).',
    why: 'OVMF programs no device on the root bus at all, 32-bit BARs included.',
    change: 'Raise X-PciMmio64Mb or phys-bits to the value `plan` prints as the fix, or put the devices behind root ports.',
    source: 'edk2 PciBusDxe and PciHostBridgeDxe (allocation retry), src/core/pci/placement.ts.',
  },
  ovmf_hotplug_padding_dropped: {
    means: 'OVMF dropped a hot-plug root port\'s padding to make room.',
    why: 'A large device hot-plugged there later gets no memory window.',
    change: 'Raise X-PciMmio64Mb or phys-bits if hot-plug on that port matters.',
    source: 'ovmf.md §3.5 (PciHotPlugInitDxe).',
  },
  ovmf_bars_below_4g: {
    means: 'There is no 64-bit aperture, so OVMF degrades every 64-bit BAR below 4 GiB.',
    why: 'Large BARs may not fit in the 32-bit window.',
    change: 'Enable the aperture (a nonzero X-PciMmio64Mb, a 64-bit DXE build).',
    source: 'ovmf.md §2.2, §2.4.',
  },
  ovmf_bars_exceed_32bit_window: {
    means: 'The BARs that must go below 4 GiB exceed q35\'s 32-bit window [0xc0000000, 0xfc000000).',
    why: 'Some devices get no BARs.',
    change: 'Enable a 64-bit aperture so 64-bit BARs go above 4 GiB, or pass fewer devices.',
    source: 'qemu.md §2.4 (the 32-bit PCI hole); ovmf.md §2.4.',
  },
  reverse_no_room: {
    means: '`reverse`: the 1 GiB-aligned hotplug end is not below 2^width: nothing is left for the aperture.',
    why: 'The reversed calculation would halt the boot.',
    change: 'Raise the trusted width, or lower maxmem or the hotplug slots.',
    source: 'ovmf.md §4 (Laszlo Ersek\'s reversed calculation), seed 004.',
  },
  pool_guest_width_above_host: {
    means: 'The guest sees more physical address bits than the host has.',
    why: 'KVM cannot back guest-physical addresses above 2^host bits, and OVMF may trust the width and place BARs there.',
    change: 'Use a fixed phys-bits no larger than the smallest host in the pool (`pool recommend` picks one).',
    source: 'qemu.md §7.2, §7.3, §9.2.',
  },
  pool_address_beyond_host: {
    means: 'An address the guest uses (RAM, hotplug area, 64-bit hole or aperture) lies beyond what the host can map.',
    why: 'The VM cannot run correctly on that host.',
    change: 'Lower phys-bits or the aperture, or keep the VM off that host.',
    source: 'qemu.md §6, §7.',
  },
  pool_machine_type_unavailable: {
    means: 'The VM\'s machine type does not exist in the host\'s QEMU.',
    why: 'QEMU refuses to start the VM there, or to accept it by migration.',
    change: 'Use a machine type every host\'s QEMU has (the oldest QEMU in the pool bounds it).',
    source: 'qemu.md §11 (version timeline).',
  },
  pool_migration_address_unmappable: {
    means: 'After migration, an address the guest already uses lies beyond what the destination can map.',
    why: 'The migrated guest breaks on the destination.',
    change: 'Use a fixed phys-bits that every host can map.',
    source: 'qemu.md §7.2, §9.2.',
  },
  pool_migration_width_shrinks: {
    means: 'The CPUID width (phys-bits or guest-phys-bits) shrinks under the running guest (host-phys-bits on a smaller host).',
    why: 'What the guest placed above the new width becomes invalid.',
    change: 'Use a fixed phys-bits instead of host-phys-bits across the pool.',
    source: 'qemu.md §7.2, §7.4.',
  },
  pool_migration_width_grows: {
    means: 'The CPUID width grows under the running guest.',
    why: 'Harmless for what the guest placed, but the guest ABI changes.',
    change: 'Use a fixed phys-bits for a stable guest ABI.',
    source: 'qemu.md §7.2, §7.4.',
  },
  pool_migration_cross_vendor: {
    means: 'Boot and destination hosts are of different CPU vendors (Intel ↔ AMD) and the VM\'s CPU model does not pin the vendor.',
    why: 'Under KVM the guest sees the host\'s vendor, so the vendor would change under the running guest; libvirt refuses such a migration, and OVMF\'s trust rules differ by vendor.',
    change: 'Keep the VM within hosts of one vendor, or pin the vendor in the CPU model (libvirt <cpu><vendor>, -cpu MODEL,vendor=…; cpu.vendorPinned or --vendor-pinned here).',
    source: 'qemu.md §3 and §7 (x86 CPU properties); issue 17.',
  },
  pool_migration_cross_vendor_pinned: {
    means: 'The VM pins its CPU vendor and moves between Intel and AMD hosts.',
    why: 'The guest keeps its vendor string, so OVMF applies that vendor\'s trust rules on every host; but the CPU model must offer only features both vendors have, and what it does not define (family, model, cache leaves with host-passthrough) changes after the move.',
    change: 'Use a named CPU model both vendors can back, not host-passthrough; test a migration each way before relying on it.',
    source: 'qemu.md §3 and §7; OVMF PlatformInitLib (the vendor check of the CPUID width).',
  },
  pool_migration_cpu_feature_missing: {
    means: 'A CPU feature the guest booted with (1 GiB pages, la57) is missing on the destination.',
    why: 'QEMU refuses the CPU model there (enforce) or drops the feature under the running guest.',
    change: 'Use a CPU model without the feature, or keep the VM on hosts that have it.',
    source: 'qemu.md §7.4; ovmf.md §3.6, §5.1.',
  },
  pool_iommu_cannot_map_ram: {
    means: 'The host\'s IOMMU cannot map guest RAM for a passed-through device\'s DMA.',
    why: 'QEMU fails with "vfio_container_dma_map(…) = -22 (Invalid argument)".',
    change: 'Keep the VM with passed-through devices on hosts whose IOMMU covers its RAM, or lower its RAM/phys-bits.',
    source: 'Linux VFIO type1 IOMMU (vfio_container_dma_map in QEMU hw/vfio).',
  },
  pool_iommu_cannot_map_bars: {
    means: 'The host\'s IOMMU cannot map the devices\' BARs.',
    why: 'QEMU warns "vfio_container_dma_map(…) = -22" for them; peer-to-peer DMA between the devices does not work.',
    change: 'Lower phys-bits or the aperture so the BARs sit below the IOMMU\'s limit, if peer-to-peer DMA matters.',
    source: 'QEMU hw/vfio (vfio_container_dma_map).',
  },
  firmware_image_missing: {
    means: 'The VM\'s CODE image or varstore template does not exist on the host.',
    why: 'QEMU cannot open it, or libvirt cannot create the NVRAM file: the VM cannot start or migrate there.',
    change: 'Install the same firmware path on every host of the pool.',
    source: 'qemu.md §9.4 (libvirt firmware).',
  },
  firmware_images_unknown: {
    means: 'The host\'s pool entry lists no firmware images.',
    why: 'The model cannot tell whether the VM\'s path exists there, or its size.',
    change: 'List the host\'s images under "images" in the pool file (import host reads them).',
    source: 'docs/inputs.md (pool file).',
  },
  firmware_size_mismatch: {
    means: 'An incoming firmware RAMBlock has another size than the destination\'s.',
    why: 'QEMU refuses the migration: "Size mismatch: system.flash0: 0x… != 0x…: Invalid argument" (or "Length mismatch" before 5.2).',
    change: 'Keep each firmware build under its own versioned path on every host, or pad images to the largest size before any VM boots from them.',
    source: 'qemu.md §8.1, §8.2; vectors G1, G2.',
  },
  firmware_varstore_layout_mismatch: {
    means: 'The varstore was made for the other flash layout than the CODE image (2 MiB vs 4 MiB builds).',
    why: 'The firmware keeps no UEFI variables at every cold boot.',
    change: 'Pair the CODE image with the varstore template of the same build; carry variables over (virt-fw-vars) when recreating it.',
    source: 'qemu.md §8.2; seeds 000, 001.',
  },
  firmware_after_migration: {
    means: 'After the move, a warm reboot runs the boot host\'s firmware (migrated in its RAMBlock), a cold boot the destination\'s.',
    why: 'The address space may be sized differently after the next cold boot.',
    change: 'Nothing, if the destination\'s group passes; otherwise align the firmware across the pool.',
    source: 'qemu.md §8.2; seed 001.',
  },
  firmware_advice: {
    means: 'How to make the VM\'s firmware path migrate: versioned paths, padding to the largest size, or a CODE/VARS pair of one size everywhere.',
    why: 'The path has different sizes, or is missing, on some hosts.',
    change: 'Follow the advice printed with the finding.',
    source: 'qemu.md §8.1, §8.2; seeds 000, 001.',
  },
  acpi_blob_resizable: {
    means: 'The ACPI tables blob may change size between QEMU releases; the machine type makes it a resizable RAMBlock.',
    why: 'The destination takes any incoming blob up to 2 MiB: the move is covered.',
    change: 'Nothing.',
    source: 'qemu.md §8.3 (ACPI blob sizing history).',
  },
  acpi_blob_legacy_padding: {
    means: 'Machine types ≤ 2.2 pad the ACPI tables blob and cannot resize it.',
    why: 'Whether the tables cross the padded size between QEMU releases cannot be computed here; if they do, QEMU refuses the migration.',
    change: 'Use a machine type of 2.3 or later.',
    source: 'qemu.md §8.3; seed 002.',
  },
};

/** Every code, in the order of the table above (the order `explain` lists them). */
export const FINDING_CODES = Object.keys(FINDING_EXPLANATIONS) as FindingCode[];
