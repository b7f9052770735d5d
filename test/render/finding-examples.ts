/** One example of every finding code: `satisfies` makes the compiler reject a code added to the union but not here. */
import type { Finding, FindingCode } from '../../src/core/findings.js';
import { g } from '../builders.js';

const aperture = { base: g(896), size: g(128) };
const byCode = {
  qemu_phys_bits_too_low: { code: 'qemu_phys_bits_too_low', limit: 0xffffffffffn, maxUsedGpa: 0x2017fffffffn, physBits: 40 },
  qemu_layout_beyond_phys_bits: { code: 'qemu_layout_beyond_phys_bits', limit: 0xffffffffffn, maxUsedGpa: 0x1003fffffffn, physBits: 40 },
  qemu_low_memory_unaligned: { code: 'qemu_low_memory_unaligned', machine: 'pc', ramSize: g(8), maxRamBelow4g: 2684354560n },
  qemu_low_memory_tiny: { code: 'qemu_low_memory_tiny', maxRamBelow4g: 4096n },
  qemu_ram_relocated_above_1t: { code: 'qemu_ram_relocated_above_1t', maxUsedGpaAt4g: 0xfd3fffffffn },
  qemu_pci_hole64_unreported: { code: 'qemu_pci_hole64_unreported' },
  fw_cfg_not_modelled: { code: 'fw_cfg_not_modelled', name: 'opt/example' },
  ovmf_needs_long_mode: { code: 'ovmf_needs_long_mode' },
  ovmf_knob_malformed: { code: 'ovmf_knob_malformed', name: 'opt/ovmf/X-PciMmio64Mb', value: '0x10000' },
  ovmf_knob_overflow_ignored: { code: 'ovmf_knob_overflow_ignored', name: 'opt/ovmf/X-PciMmio64Mb', value: '99999999999999999999' },
  ovmf_knob_not_read: { code: 'ovmf_knob_not_read', name: 'opt/org.tianocore/PagingLevel', readsName: 'opt/org.tianocode/PagingLevel', reason: 'release' },
  ovmf_knob_zero_ignored: { code: 'ovmf_knob_zero_ignored' },
  ovmf_knob_below_dynamic: { code: 'ovmf_knob_below_dynamic', knobSize: g(64), windowSize: g(8192) },
  ovmf_reserved_end_below_ram: { code: 'ovmf_reserved_end_below_ram', reservedMemoryEnd: g(5), ramTop: g(6) },
  ovmf_width_above_pei_max: { code: 'ovmf_width_above_pei_max', width: 49, max: 48 },
  ovmf_width_untrusted: { code: 'ovmf_width_untrusted', physBits: 40 },
  ovmf_width_capped: { code: 'ovmf_width_capped', reported: 48, width: 46, reason: 'paging-46' },
  ovmf_aperture_beyond_width: { code: 'ovmf_aperture_beyond_width', aperture: { base: g(64), size: g(32) }, width: 36 },
  ovmf_aperture_beyond_phys_bits: { code: 'ovmf_aperture_beyond_phys_bits', aperture: { base: g(128), size: g(128) }, physBits: 37 },
  ovmf_aperture_wrapped: { code: 'ovmf_aperture_wrapped', aperture: { base: 0xffff_ffe0_0000_0000n, size: g(128) } },
  ovmf_aperture_overlaps_e820: { code: 'ovmf_aperture_overlaps_e820', aperture, entry: { base: 0xfd_0000_0000n, size: g(12), type: 'reserved' } },
  ovmf_aperture_overlaps_hotplug: { code: 'ovmf_aperture_overlaps_hotplug', aperture, hotplug: { base: g(10), size: g(790) } },
  reverse_no_room: { code: 'reverse_no_room', width: 36, base: 0x1000000000n, limit: 0x1000000000n },
  pool_guest_width_above_host: { code: 'pool_guest_width_above_host', physBits: 40, hostBits: 39 },
  pool_address_beyond_host: { code: 'pool_address_beyond_host', address: 0xdfffffffffn, hostBits: 39 },
  pool_machine_type_unavailable: { code: 'pool_machine_type_unavailable', machine: 'q35', version: '9.2', qemu: '7.2' },
  pool_migration_address_unmappable: { code: 'pool_migration_address_unmappable', address: 0xdfffffffffn, hostBits: 39 },
  pool_migration_width_shrinks: { code: 'pool_migration_width_shrinks', field: 'phys-bits', from: 46, to: 39 },
  pool_migration_width_grows: { code: 'pool_migration_width_grows', field: 'guest-phys-bits', from: 39, to: 46 },
  pool_migration_cross_vendor: { code: 'pool_migration_cross_vendor', from: 'amd', to: 'intel' },
  pool_migration_cross_vendor_pinned: { code: 'pool_migration_cross_vendor_pinned', vendor: 'intel', from: 'intel', to: 'amd' },
  pool_migration_cpu_feature_missing: { code: 'pool_migration_cpu_feature_missing', feature: 'pdpe1gb' },
  ovmf_page_tables_large: { code: 'ovmf_page_tables_large', width: 46, bytes: 268963840n, uses1GPages: false },
  ovmf_devices_rejected: { code: 'ovmf_devices_rejected', devices: ['gpu#2'], request: { length: 206191214592n, alignment: 68719476736n }, aperture: { base: 34359738368n, size: 34359738368n } },
  ovmf_pci_allocation_failed: { code: 'ovmf_pci_allocation_failed', request: { length: 68753031168n, alignment: 68719476736n }, aperture: { base: 34359738368n, size: 34359738368n }, reason: 'nothing-to-reject', blocking: ['ivshmem'], rejected: [] },
  ovmf_hotplug_padding_dropped: { code: 'ovmf_hotplug_padding_dropped', ports: ['empty root port 2'] },
  ovmf_bars_below_4g: { code: 'ovmf_bars_below_4g', devices: ['nic'], total: 33554432n },
  ovmf_bars_exceed_32bit_window: { code: 'ovmf_bars_exceed_32bit_window', total: 1073741824n, window: { base: 0xc0000000n, size: 0x3c000000n } },
  pool_iommu_cannot_map_ram: { code: 'pool_iommu_cannot_map_ram', ramEnd: 0x8400000000n, iommuBits: 39 },
  pool_iommu_cannot_map_bars: { code: 'pool_iommu_cannot_map_bars', barEnd: 0x3830_0200_0000n, iommuBits: 39 },
  firmware_image_missing: { code: 'firmware_image_missing', role: 'code', path: '/usr/share/OVMF/OVMF_CODE.fd' },
  firmware_images_unknown: { code: 'firmware_images_unknown', path: '/usr/share/OVMF/OVMF_CODE_4M.fd' },
  firmware_size_mismatch: {
    code: 'firmware_size_mismatch', block: 'pc.bios', role: 'code', path: '/usr/share/qemu/OVMF.fd', incoming: 0x200000n, local: 0x400000n, wording: 'size', qemu: '10.0',
  },
  firmware_varstore_layout_mismatch: {
    code: 'firmware_varstore_layout_mismatch', codePath: '/usr/share/OVMF/OVMF_CODE_4M.fd', codeFlash: '4m', varsFlash: '2m', varsSize: 0x20000n, varsPath: null, when: 'boot',
  },
  firmware_after_migration: {
    code: 'firmware_after_migration', path: '/usr/share/OVMF/OVMF_CODE_4M.fd',
    warm: { edk2: 'edk2-stable202211', build: 'ia32x64', flash: '4m', family: 'D22', package: 'ovmf 2022.11-6+deb12u2' },
    cold: { edk2: 'edk2-stable202502', build: 'x64', flash: '4m', family: 'D25', package: null },
  },
  firmware_advice: {
    code: 'firmware_advice', role: 'code', loader: 'rom', path: '/usr/share/qemu/OVMF.fd',
    variants: [{ size: 0x200000n, hosts: ['deb12-1'], packages: ['ovmf 2022.11-6+deb12u2'] }, { size: 0x400000n, hosts: ['deb13-1'], packages: [] }],
    missing: [], largest: 0x400000n, alternative: { code: '/usr/share/OVMF/OVMF_CODE_4M.fd', vars: '/usr/share/OVMF/OVMF_VARS_4M.fd' },
  },
  acpi_blob_resizable: { code: 'acpi_blob_resizable', machine: 'q35', version: '7.2', from: '7.2', to: '10.0' },
  acpi_blob_legacy_padding: { code: 'acpi_blob_legacy_padding', machine: 'pc', version: '2.2', from: '2.12', to: '5.2', padding: '128k' },
} satisfies { [C in FindingCode]: Extract<Finding, { code: C }> };

export const FINDING_EXAMPLES: readonly Finding[] = Object.values(byCode);
