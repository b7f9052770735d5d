/** The words for every finding code. QEMU's refusals and warnings use QEMU's own text (qemu.md §2, §6.2). */
import type { Finding, FirmwareRun, QemuRefusal, SizeMismatchWording, WidthCapReason } from '../core/findings.js';
import type { FlashLayout, MachineType } from '../core/spec.js';
import { formatRange, formatSize, hex } from './format.js';
import { pow2 } from '../core/units.js';
import { FLASH_LAYOUTS } from '../core/firmware/flash.js';

/** CPUID leaf 0's vendor strings, as QEMU's vendor= property takes them. */
const CPUID_VENDOR = { intel: 'GenuineIntel', amd: 'AuthenticAMD', hygon: 'HygonGenuine' } as const;

/** QEMU's exact refusal line (`error_report` in pc_memory_init), without the program-name prefix. */
export function qemuRefusalText(limit: bigint, maxUsedGpa: bigint, physBits: number): string {
  return `Address space limit ${hex(limit)} < ${hex(maxUsedGpa)} phys-bits too low (${physBits})`;
}

/** QEMU's refusal as it prints it, line by line, without the program-name prefix (vl.c, pc.c). */
export function qemuRefusalLines(refusal: QemuRefusal): string[] {
  switch (refusal.code) {
    case 'qemu_machine_type_unsupported':
      return [`unsupported machine type: "${machineName(refusal.machine, refusal.version)}"`, 'Use -machine help to list supported machines'];
    case 'qemu_phys_bits_too_low':
      return [qemuRefusalText(refusal.limit, refusal.maxUsedGpa, refusal.physBits)];
    case 'qemu_slots_unsupported':
      return [`unsupported amount of memory slots: ${refusal.slots}`];
    case 'qemu_maxmem_unaligned':
      // "must by" is in QEMU's source (f2c385220598).
      return ['maximum memory size must by aligned to multiple of 4096 bytes'];
  }
}


const CAP_REASON: Readonly<Record<WidthCapReason, string>> = {
  'paging-47': 'OVMF caps trusted widths at 47 to avoid 5-level paging',
  'paging-46': 'OVMF caps trusted widths at 46 under 4-level paging (older Linux guests mishandle more)',
  'paging-48-la57': 'OVMF caps trusted widths at 48 under 5-level paging',
  'no-1g-pages': 'without 1 GiB pages OVMF caps the width at 40 to bound page-table memory',
  'pcd-use-1g-page-table': 'this build maps with 2 MiB pages (PcdUse1GPageTable=FALSE), so OVMF caps the width at 40',
  'guest-phys-bits': 'GuestPhysBits limits the usable width',
};

export function findingMessage(finding: Finding): string {
  switch (finding.code) {
    case 'qemu_machine_type_unsupported':
      return `QEMU ${finding.qemu} refuses to start: ${qemuRefusalLines(finding)[0]} (QEMU ${finding.qemu} registers ${machineName(finding.machine, finding.oldest)} to ${machineName(finding.machine, finding.qemu)}; ${
        finding.reason === 'newer'
          ? 'a machine type comes with the QEMU release of its number'
          : 'since 10.1 QEMU no longer registers machine types older than six years, and releases delete the code of older ones'})`;
    case 'qemu_machine_type_deprecated':
      return `QEMU ${finding.qemu} marks ${machineName(finding.machine, finding.version)} deprecated and warns at start-up; a later QEMU will refuse it`;
    case 'qemu_slots_unsupported':
    case 'qemu_maxmem_unaligned':
    case 'qemu_phys_bits_too_low':
      return `QEMU refuses to start: ${qemuRefusalLines(finding).join(' ')}`;
    case 'ovmf_release_unknown':
      return `${finding.asked} is newer than the releases the model knows; planned with the rules of ${finding.modelled}, the newest known`;
    case 'qemu_layout_beyond_phys_bits':
      return `QEMU before 7.1 starts, but it places addresses up to ${hex(finding.maxUsedGpa)} beyond what phys-bits ${finding.physBits} reaches (${hex(finding.limit)}); the guest cannot use them`;
    case 'qemu_low_memory_unaligned':
      return finding.machine === 'q35'
        ? `QEMU warns: There is possibly poor performance as the ram size  (${hex(finding.ramSize)}) is more then twice the size of max-ram-below-4g (${finding.maxRamBelow4g}) and max-ram-below-4g is not a multiple of 1G.`
        : `QEMU warns: Large machine and max_ram_below_4g (${finding.maxRamBelow4g}) not a multiple of 1G; possible bad performance.`;
    case 'qemu_low_memory_tiny':
      return `QEMU warns: Only ${finding.maxRamBelow4g} bytes of RAM below the 4GiB boundary,BIOS may not work with less than 1MiB`;
    case 'qemu_ram_relocated_above_1t':
      return `the highest address would be ${hex(finding.maxUsedGpaAt4g)}, at or above the AMD HyperTransport range at 0xfd00000000, so QEMU moves RAM above 4 GiB (and everything after it) to 1 TiB`;
    case 'qemu_pci_hole64_unreported':
      return 'machine types up to 2.10 report pci-hole64-start/-end as 0 until the firmware maps a 64-bit BAR (x-pci-hole64-fix off); QEMU still budgets the hole as shown';
    case 'fw_cfg_not_modelled':
      return `fw_cfg file ${finding.name} is not modelled; the plan ignores it`;
    case 'ovmf_needs_long_mode':
      return 'this OVMF build runs its DXE phase in 64-bit mode, which a CPU without long mode cannot enter; use a 64-bit CPU model or OvmfPkgIa32 (--ovmf-build ia32)';
    case 'ovmf_knob_malformed':
      return `OVMF ignores ${finding.name}=${JSON.stringify(finding.value)} as malformed ("ignoring malformed 64-bit PCI host aperture size from fw_cfg") and keeps its default size; write a decimal number of MiB up to 16777216`;
    case 'ovmf_knob_overflow_ignored':
      return `${finding.name}=${JSON.stringify(finding.value)} overflows 64 bits; OVMF acts as if the knob were absent`;
    case 'ovmf_knob_not_read':
      switch (finding.reason) {
        case 'build':
          return `OvmfPkgIa32 (32-bit DXE) never reads ${finding.name}: it has no 64-bit aperture`;
        case 'no-5-level-paging':
          return `${finding.name} has no effect: the paging level is chosen only when 5-level paging is on (a PcdUse5LevelPageTable build, an X64 PEI and a CPU with la57 and 1 GiB pages)`;
        case 'release':
          return `this release does not read ${finding.name}${finding.readsName ? `; it reads ${finding.readsName}` : ' (no paging-level knob before edk2-stable202411)'}`;
      }
      break;
    case 'ovmf_knob_zero_ignored':
      return 'X-PciMmio64Mb=0 does not disable the 64-bit aperture on this release when the CPU width is trusted: the dynamic window replaces it (only edk2-stable202505 and later honour 0)';
    case 'ovmf_knob_below_dynamic':
      return `X-PciMmio64Mb asks for ${formatSize(finding.knobSize)}, but before edk2-stable202505 the knob is only a minimum: the dynamic window of ${formatSize(finding.windowSize)} is used`;
    case 'ovmf_reserved_end_below_ram':
      return `etc/reserved-memory-end ${hex(finding.reservedMemoryEnd)} is below the top of RAM ${hex(finding.ramTop)}: DEBUG builds of OVMF halt on an ASSERT`;
    case 'ovmf_width_above_pei_max':
      return `the derived width ${finding.width} exceeds the ${finding.max} bits this PEI asserts: DEBUG builds halt, RELEASE builds continue`;
    case 'ovmf_width_untrusted':
      return finding.vendorHidden
        ? `OVMF does not trust phys-bits ${finding.physBits}: QEMU 10.1+ machine types leave the vendor string of CPUID 0x80000000 empty for Intel vCPUs (x-vendor-cpuid-only-v2), so OVMF's Intel rule (36 or 39) never matches and it uses the classic window; -cpu ...,x-vendor-cpuid-only-v2=off, phys-bits 41 or more, or guest-phys-bits make it trusted`
        : `OVMF does not trust phys-bits ${finding.physBits} from CPUID for this vendor (it trusts Intel 36 or 39, AMD 40, any vendor from 41, or GuestPhysBits), so it uses the classic window and derives the width from it`;
    case 'ovmf_width_capped':
      return `QEMU reports ${finding.reported} physical address bits; OVMF uses ${finding.width}: ${CAP_REASON[finding.reason]}`;
    case 'ovmf_aperture_beyond_width':
      return `the 64-bit aperture ${formatRange(finding.aperture)} ends above 2^${finding.width}: PciHostBridgeDxe cannot add it to the memory map, so 64-bit BARs get no space (DEBUG builds halt)`;
    case 'ovmf_aperture_beyond_phys_bits':
      return `the 64-bit aperture ${formatRange(finding.aperture)} ends above 2^${finding.physBits}, beyond what the vCPU (phys-bits ${finding.physBits}) can address: BARs placed there are unreachable; raise phys-bits or shrink the aperture`;
    case 'ovmf_aperture_wrapped':
      return `moving the dynamic window below a conflicting E820 entry wrapped its base around zero to ${hex(finding.aperture.base)}: the 64-bit aperture is unusable`;
    case 'ovmf_aperture_overlaps_e820':
      return `the 64-bit aperture ${formatRange(finding.aperture)} overlaps the E820 ${finding.entry.type === 'ram' ? 'RAM' : 'reserved'} range ${formatRange(finding.entry)}${finding.entry.base === 0xfd_0000_0000n ? ' (the AMD HyperTransport hole; fixed in edk2-stable202302)' : ''}`;
    case 'ovmf_aperture_overlaps_hotplug':
      return `the 64-bit aperture ${formatRange(finding.aperture)} overlaps the memory-hotplug area ${formatRange(finding.hotplug)}: hot-added memory and BARs would collide`;
    case 'reverse_no_room':
      return `no room for a 64-bit aperture: the 1 GiB-aligned hotplug end ${hex(finding.base)} is not below 2^${finding.width} = ${hex(finding.limit)}; the reversed calculation would halt the boot`;
    case 'pool_guest_width_above_host':
      return `the guest sees phys-bits ${finding.physBits} but the host has ${finding.hostBits}: KVM cannot back guest-physical addresses above 2^${finding.hostBits}, and OVMF may trust the width and place BARs there`;
    case 'pool_address_beyond_host':
      return `the guest uses addresses up to ${hex(finding.address)}, beyond what this host maps (2^${finding.hostBits} = ${hex(pow2(finding.hostBits))})`;
    case 'pool_machine_type_unavailable':
      return `machine type ${finding.machine === 'q35' ? 'pc-q35' : 'pc-i440fx'}-${finding.version} does not exist in QEMU ${finding.qemu} on this host`;
    case 'pool_migration_address_unmappable':
      return `after migration the guest keeps using addresses up to ${hex(finding.address)}, beyond what the destination maps (2^${finding.hostBits})`;
    case 'pool_migration_width_shrinks':
    case 'pool_migration_width_grows':
      return `the guest's ${finding.field} changes from ${finding.from} to ${finding.to} under the running guest (the destination's QEMU derives it from its own host)${finding.to < finding.from ? ': what the guest placed above 2^' + finding.to + ' becomes invalid' : ''}`;
    case 'pool_migration_cross_vendor':
      return `migration from ${finding.from} to ${finding.to}: under KVM the guest sees the host's vendor, so its CPU vendor would change under the running guest, and libvirt refuses the move; pin the vendor in the CPU model (libvirt <cpu><vendor>, QEMU -cpu MODEL,vendor=${CPUID_VENDOR[finding.from]}; cpu.vendorPinned in a VM file) to migrate across vendors at all`;
    case 'pool_migration_cross_vendor_pinned':
      return `the guest keeps the ${finding.vendor} vendor string it is pinned to, but the hosts change from ${finding.from} to ${finding.to}: OVMF applies the ${finding.vendor} trust rules to phys-bits on every host (it reads the vendor string), the CPU model must offer only features both vendors' CPUs have, and what the model does not define (with host-passthrough: the CPU family, model and cache leaves) changes under the guest after the move`;
    case 'pool_migration_cpu_feature_missing':
      return `the destination lacks ${finding.feature}, which the guest booted with: QEMU refuses the CPU model there (enforce) or drops the feature under the running guest`;
    case 'ovmf_page_tables_large':
      return `identity-mapping 2^${finding.width} ${finding.uses1GPages ? 'with 1 GiB pages' : 'with 2 MiB pages'} takes ${formatSize(finding.bytes)} of PEI memory`;
    case 'ovmf_devices_rejected':
      return `OVMF leaves ${listed(finding.devices)} without BARs ("rejected due to resource confliction"): the devices need ${requestText(finding.request)}, the 64-bit aperture is ${formatRange(finding.aperture)}`;
    case 'ovmf_pci_allocation_failed':
      return finding.reason === 'emptied'
        ? `the devices need ${requestText(finding.request)}, which does not fit ${finding.aperture ? `the 64-bit aperture ${formatRange(finding.aperture)}` : 'anywhere'}; OVMF rejects ${listed(finding.rejected)}, which leaves no 64-bit request, and then its host bridge retries the failed one and gives up: no device on the root bus is programmed, 32-bit BARs included`
        : `the devices need ${requestText(finding.request)}, which does not fit ${finding.aperture ? `the 64-bit aperture ${formatRange(finding.aperture)}` : 'anywhere'}, and OVMF may not reject ${finding.blocking.length > 0 ? listed(finding.blocking) : 'what is left'} (on the root bus, or VGA): it programs no device on the root bus at all`;
    case 'ovmf_hotplug_padding_dropped':
      return `OVMF dropped the hot-plug padding of the root port${finding.ports.length === 1 ? '' : 's'} of ${listed(finding.ports)} to make room: a large device hot-plugged there later gets no memory window`;
    case 'ovmf_bars_below_4g':
      return `there is no 64-bit aperture, so OVMF puts the 64-bit BARs of ${listed(finding.devices)} (${formatSize(finding.total)}) below 4 GiB`;
    case 'ovmf_bars_exceed_32bit_window':
      return `the BARs that must go below 4 GiB add up to ${formatSize(finding.total)}, more than q35's 32-bit window ${formatRange(finding.window)} (${formatSize(finding.window.size)}): some devices will get no BARs`;
    case 'pool_iommu_cannot_map_ram':
      return `the host's IOMMU maps only ${iommuLimit(finding.iommuBits)}, but guest RAM reaches ${hex(finding.ramEnd)}: a passed-through device cannot DMA there and QEMU fails with "vfio_container_dma_map(…) = -22 (Invalid argument)"`;
    case 'pool_iommu_cannot_map_bars':
      return `the host's IOMMU maps only ${iommuLimit(finding.iommuBits)}, but the devices' BARs reach ${hex(finding.barEnd)}: QEMU warns "vfio_container_dma_map(…) = -22" for them and peer-to-peer DMA between the devices does not work`;
    case 'firmware_image_missing':
      return finding.role === 'code'
        ? `the VM's firmware image ${finding.path} does not exist on this host: QEMU cannot open it, so the VM cannot start here, nor can an incoming migration`
        : `the VM's varstore template ${finding.path} does not exist on this host: libvirt cannot create the VM's NVRAM file from it, for a new VM or an incoming migration`;
    case 'firmware_images_unknown':
      return `this host's pool entry lists no firmware images (its firmware preset has none): the model cannot tell whether ${finding.path} exists here or its size; list them under "images"`;
    case 'firmware_size_mismatch':
      return `the destination's QEMU ${finding.qemu} refuses the incoming RAMBlock: "${ramBlockMismatchText(finding.block, finding.incoming, finding.local, finding.wording)}" (${finding.role === 'code'
        ? `${finding.path} is ${finding.incoming} bytes on the boot host, ${finding.local} here`
        : `the VM's NVRAM file is ${finding.incoming} bytes; libvirt creates it here from ${finding.path}, ${finding.local} bytes`})`;
    case 'firmware_varstore_layout_mismatch':
      return `the VM's varstore (${finding.varsSize} bytes, ${finding.varsPath ? `a copy of ${finding.varsPath}` : 'its existing NVRAM file'}) has the ${layoutText(finding.varsFlash)}, but the CODE image ${finding.codePath} is a ${finding.codeFlash === '2m' ? '2' : '4'} MiB build that looks for the ${layoutText(finding.codeFlash)}: ${finding.when === 'boot' ? 'at every cold boot here' : 'from the next cold boot here (a warm reboot still runs the boot host\'s CODE)'} the firmware keeps no UEFI variables; recreating the varstore from the matching template loses every variable (boot entries, Secure Boot keys) unless they are carried over (virt-fw-vars)`;
    case 'firmware_after_migration':
      return `after the move a warm reboot keeps running the boot host's firmware from the migrated flash (${runText(finding.warm)}); a cold boot (a new QEMU process) loads this host's ${finding.path} (${runText(finding.cold)}), which sizes the address space as this host's group shows`;
    case 'firmware_advice':
      return adviceText(finding);
    case 'acpi_blob_resizable':
      return `the ACPI tables blob may change size between QEMU releases (QEMU does not version it: it counts as firmware); machine type ${machineName(finding.machine, finding.version)} makes it a resizable RAMBlock (QEMU 2.3+), so the destination takes any incoming /rom@etc/acpi/tables up to 2 MiB: covered (the model does not compute the tables' size; only tables over 2 MiB would fail)`;
    case 'acpi_blob_legacy_padding':
      return `machine type ${machineName(finding.machine, finding.version)} predates resizable ACPI blobs: QEMU pads the tables blob ${finding.padding === '128k' ? 'to a multiple of 128 KiB' : 'to QEMU 2.0\'s payload size'} and refuses an incoming /rom@etc/acpi/tables of another size; the tables may cross that size between QEMU releases (CPUs, bridges, devices), which the model cannot compute, so it cannot tell whether this move works; a machine type of 2.3 or later resizes instead`;
  }
}

/** QEMU's line for a refused incoming RAMBlock (qemu.md §8.1), without the program-name prefix. */
export function ramBlockMismatchText(block: string, incoming: bigint, local: bigint, wording: SizeMismatchWording): string {
  return wording === 'size'
    ? `Size mismatch: ${block}: ${hex(incoming)} != ${hex(local)}: Invalid argument`
    : `Length mismatch: ${block}: ${hex(incoming)} in != ${hex(local)}: Invalid argument`;
}

function machineName(machine: MachineType, version: string): string {
  return `${machine === 'q35' ? 'pc-q35' : 'pc-i440fx'}-${version}`;
}

function layoutText(flash: FlashLayout): string {
  const facts = FLASH_LAYOUTS[flash];
  return `${flash === '2m' ? '2' : '4'} MiB-build layout (variable store ${formatSize(facts.variableStore)}, spare area ${formatSize(facts.spareArea)})`;
}

function runText(run: FirmwareRun): string {
  return `${run.edk2} ${run.build}, ${run.flash === '2m' ? '2' : '4'} MiB layout, sizing family ${run.family}${run.package ? `, ${run.package}` : ''}`;
}

function adviceText(finding: Extract<Finding, { code: 'firmware_advice' }>): string {
  const { path, role, loader, variants, missing, largest, alternative } = finding;
  const where = variants.map((v) => `${v.size} bytes on ${v.hosts.join(', ')}${v.packages.length > 0 ? ` (${v.packages.join(', ')})` : ''}`).join(' and ');
  const padding = variants.length < 2 ? '' : role === 'vars'
    ? `, or pad the template at ${path} on every host to ${largest} bytes, zeros in front, before any VM is created from it (keeping the varstore layout of the CODE image it goes with)`
    : loader === 'rom'
      ? `, or pad the image at ${path} on every host to the largest size in the pool, ${largest} bytes, zeros in front (it must still end at 4 GiB), before any VM boots from it: padding cannot be added to a VM afterwards`
      : '; padding a pflash CODE image does not help: the varstore is mapped right below it, where the CODE would no longer find it';
  const held = [where, missing.length > 0 ? `missing on ${missing.join(', ')}` : ''].filter((part) => part !== '').join(', and ');
  return `${path} is ${held}: keep each firmware build under its own versioned path, installed on every host, so that a VM finds the image it booted with everywhere${padding}${alternative ? `; present at one size on every host: CODE ${alternative.code} with VARS ${alternative.vars}` : ''}`;
}

function listed(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? 'no device') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function requestText(request: { readonly length: bigint; readonly alignment: bigint }): string {
  return `${formatSize(request.length)} aligned to ${formatSize(request.alignment)}`;
}

function iommuLimit(bits: number): string {
  return `${bits} bits (below ${hex(pow2(bits))})`;
}
