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
  pool_migration_cpu_feature_missing: { code: 'pool_migration_cpu_feature_missing', feature: 'pdpe1gb' },
  ovmf_page_tables_large: { code: 'ovmf_page_tables_large', width: 46, bytes: 268963840n, uses1GPages: false },
} satisfies { [C in FindingCode]: Extract<Finding, { code: C }> };

export const FINDING_EXAMPLES: readonly Finding[] = Object.values(byCode);
