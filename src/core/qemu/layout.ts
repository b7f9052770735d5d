/**
 * QEMU's guest-physical layout for pc/q35: RAM, the AMD 1 TiB relocation, device memory (hotplug), CXL windows,
 * etc/reserved-memory-end, the 64-bit PCI hole, the E820 table and the phys-bits refusal (shared/spec/qemu.md §1–§6).
 * The arithmetic of hw/i386/pc.c and nothing else: flags come in resolved, results go out as data.
 */
import { GiB, KiB, MiB, TiB, type Range, alignUp, pow2, rangeEnd } from '../units.js';
import type { VmSpec } from '../spec.js';
import type { E820Entry, Finding } from '../findings.js';
import {
  type BinaryFeatures, type MachineFlags, binaryFeatures, isMachineTypeAvailable, isMachineTypeDeprecated, machineFlags, oldestMachineType,
} from './machine-types.js';
import { compareVersions, formatVersion } from './versions.js';
import { LOW_MEMORY_WARNING, ramSplit } from './ram-split.js';

/** AMD HyperTransport / IOMMU reserved range [1012 GiB, 1 TiB) (AMD IOMMU spec §2.1.2, table 3; `AMD_HT_START`). */
export const AMD_HT_RANGE: Range = { base: 0xfd_0000_0000n, size: 12n * GiB };
/** `AMD_ABOVE_1TB_START` */
export const AMD_ABOVE_1TB_START = 1n * TiB;
/** `x86_machine_initfn`: RAM above 4 GiB starts here unless relocated. */
export const ABOVE_4G_START = 4n * GiB;
/** `Q35_PCI_HOST_HOLE64_SIZE_DEFAULT` and `I440FX_PCI_HOST_HOLE64_SIZE_DEFAULT` (9fa99d2519cb, 2.11). */
export const PCI_HOLE64_DEFAULT = { q35: 32n * GiB, pc: 2n * GiB } as const;
/** `-m` sizes are rounded up to 8 KiB (machine_set_mem). */
export const RAM_SIZE_ALIGN = 8n * KiB;
/** The CXL host register block at the start of the CXL range. */
export const CXL_HOST_REGISTERS_SIZE = 1n * MiB;
/** CXL fixed memory windows are multiples of, and aligned to, 256 MiB (cxl_fmws_set_memmap). */
export const CXL_WINDOW_ALIGN = 256n * MiB;

export interface CxlLayout {
  readonly hostRegisters: Range;
  readonly windows: readonly Range[];
}

export interface QemuLayout {
  /** Guest RAM after the 8 KiB rounding (`ram_size`). */
  readonly ramSize: bigint;
  /** `below_4g_mem_size`: RAM mapped at [0, ramBelow4g). */
  readonly ramBelow4g: bigint;
  /** `above_4g_mem_start`: 4 GiB, or 1 TiB after the AMD relocation. */
  readonly above4gStart: bigint;
  readonly ramAbove4g: Range | null;
  /** The memory-device (hotplug) region; null when maxmem equals the RAM size. */
  readonly deviceMemory: Range | null;
  readonly cxl: CxlLayout | null;
  /** fw_cfg `etc/reserved-memory-end`; null when QEMU does not create the file. */
  readonly reservedMemoryEnd: bigint | null;
  /** The 64-bit PCI hole QEMU budgets for: internal start (`pc_pci_hole64_start`) and `pci-hole64-size`. */
  readonly pciHole64: Range;
  /** The highest guest-physical address QEMU plans to use (`pc_max_used_gpa`). */
  readonly maxUsedGpa: bigint;
  readonly physBits: number;
  /** 2^phys-bits − 1, the `maxphysaddr` QEMU compares against. */
  readonly addressSpaceLimit: bigint;
  /** fw_cfg `etc/e820`, in QEMU's order (the HyperTransport entry first). */
  readonly e820: readonly E820Entry[];
  readonly findings: readonly Finding[];
}

/** Addresses above 4 GiB for one choice of `above_4g_mem_start`. */
interface HighLayout {
  readonly ramAbove4gEnd: bigint;
  readonly deviceMemory: Range | null;
  readonly cxl: CxlLayout | null;
  readonly pciHole64Start: bigint;
  readonly maxUsedGpa: bigint;
}

/** @see pc_memory_init (hw/i386/pc.c) */
export function qemuLayout(vm: VmSpec): QemuLayout {
  const flags = machineFlags(vm.machineVersion);
  const binary = binaryFeatures(vm.qemuVersion);
  const ramSize = alignUp(vm.memory, RAM_SIZE_ALIGN);
  const split = ramSplit(vm.machine, ramSize, vm.maxRamBelow4g);
  const hole64Size = vm.pciHole64Size ?? PCI_HOLE64_DEFAULT[vm.machine];
  const physBits = vm.cpu.physBits;
  const place = (start: bigint) => highLayout(vm, flags, binary, start + split.above4g, ramSize, hole64Size);

  const findings: Finding[] = [];
  const isAmd = vm.cpu.vendor === 'amd' && flags.amd1TbHole;
  let above4gStart = ABOVE_4G_START;
  let high = place(above4gStart);
  // All or nothing: the whole RAM block above 4 GiB moves to 1 TiB, even when empty (V23, V24) (8504f129450b).
  if (isAmd && high.maxUsedGpa >= AMD_HT_RANGE.base) {
    findings.push({ code: 'qemu_ram_relocated_above_1t', maxUsedGpaAt4g: high.maxUsedGpa });
    above4gStart = AMD_ABOVE_1TB_START;
    high = place(above4gStart);
  }

  const e820: E820Entry[] = [];
  // Advertised whenever phys-bits reaches 40, relocated or not (E1).
  // Entries written out rather than spread: object spread is slow in V8, and this runs for every plan of a pool sweep.
  if (isAmd && physBits >= 40) e820.push({ base: AMD_HT_RANGE.base, size: AMD_HT_RANGE.size, type: 'reserved' });
  e820.push({ base: 0n, size: split.below4g, type: 'ram' });
  const ramAbove4g = split.above4g > 0n ? { base: above4gStart, size: split.above4g } : null;
  if (ramAbove4g) e820.push({ base: ramAbove4g.base, size: ramAbove4g.size, type: 'ram' });

  const addressSpaceLimit = pow2(physBits) - 1n;
  refusals(vm, binary, addressSpaceLimit, high.maxUsedGpa, findings);
  if (split.warnsUnaligned) {
    findings.push({ code: 'qemu_low_memory_unaligned', machine: vm.machine, ramSize, maxRamBelow4g: vm.maxRamBelow4g });
  }
  if (vm.maxRamBelow4g !== 0n && vm.maxRamBelow4g < LOW_MEMORY_WARNING) {
    findings.push({ code: 'qemu_low_memory_tiny', maxRamBelow4g: vm.maxRamBelow4g });
  }
  if (!flags.pciHole64Fix) findings.push({ code: 'qemu_pci_hole64_unreported' });

  return {
    ramSize,
    ramBelow4g: split.below4g,
    above4gStart,
    ramAbove4g,
    deviceMemory: high.deviceMemory,
    cxl: high.cxl,
    reservedMemoryEnd: reservedMemoryEnd(high, flags, binary),
    pciHole64: { base: high.pciHole64Start, size: hole64Size },
    maxUsedGpa: high.maxUsedGpa,
    physBits,
    addressSpaceLimit,
    e820,
    // QEMU exits at select_machine: nothing after it happens, so the refusal is all there is to say.
    findings: findings.some((f) => f.code === 'qemu_machine_type_unsupported') ? findings.filter((f) => f.code === 'qemu_machine_type_unsupported') : findings,
  };
}

/**
 * What QEMU refuses, in the order it checks and only the first (it exits there): the machine type at start-up
 * (select_machine), then in pc_memory_init the phys-bits check, the slot count and maxmem's alignment (qemu.md §4.1).
 */
function refusals(vm: VmSpec, binary: BinaryFeatures, limit: bigint, maxUsedGpa: bigint, findings: Finding[]): void {
  const version = formatVersion(vm.machineVersion);
  const qemu = formatVersion(vm.qemuVersion);
  const patches = vm.qemuPatches ?? 'upstream';
  if (!isMachineTypeAvailable(vm.machine, vm.machineVersion, vm.qemuVersion, patches)) {
    const reason = compareVersions(vm.machineVersion, vm.qemuVersion) > 0 ? 'newer' : 'retired';
    findings.push({ code: 'qemu_machine_type_unsupported', machine: vm.machine, version, qemu, oldest: formatVersion(oldestMachineType(vm.machine, vm.qemuVersion, patches)), reason });
    return;
  }
  if (isMachineTypeDeprecated(vm.machineVersion, vm.qemuVersion, patches)) findings.push({ code: 'qemu_machine_type_deprecated', machine: vm.machine, version, qemu });
  if (limit < maxUsedGpa) {
    if (binary.physBitsCheck) return void findings.push({ code: 'qemu_phys_bits_too_low', limit, maxUsedGpa, physBits: vm.cpu.physBits });
    findings.push({ code: 'qemu_layout_beyond_phys_bits', limit, maxUsedGpa, physBits: vm.cpu.physBits });
  }
  if (vm.slots > ACPI_MAX_RAM_SLOTS) return void findings.push({ code: 'qemu_slots_unsupported', slots: vm.slots });
  if (vm.maxmem > alignUp(vm.memory, RAM_SIZE_ALIGN) && vm.maxmem % (4n * KiB) !== 0n) findings.push({ code: 'qemu_maxmem_unaligned', maxmem: vm.maxmem });
}

/** ACPI_MAX_RAM_SLOTS (hw/i386/acpi-build.h). */
export const ACPI_MAX_RAM_SLOTS = 256;

function highLayout(
  vm: VmSpec, flags: MachineFlags, binary: BinaryFeatures, ramAbove4gEnd: bigint, ramSize: bigint, hole64Size: bigint,
): HighLayout {
  const deviceMemory = deviceMemoryRange(vm, flags, ramAbove4gEnd, ramSize);
  const cxl = vm.cxlWindows.length > 0 ? cxlLayout(vm.cxlWindows, cxlBase(deviceMemory, ramAbove4gEnd, binary)) : null;
  const pciHole64Start = hole64Start(deviceMemory, cxl, flags, ramAbove4gEnd);
  return { ramAbove4gEnd, deviceMemory, cxl, pciHole64Start, maxUsedGpa: maxUsedGpa(vm, flags, binary, pciHole64Start, hole64Size, deviceMemory, ramAbove4gEnd) };
}

/** @see pc_get_device_memory_range: base 1 GiB-aligned after RAM, size (maxmem − RAM) + 1 GiB per slot (qemu.md §4.1). */
function deviceMemoryRange(vm: VmSpec, flags: MachineFlags, ramAbove4gEnd: bigint, ramSize: bigint): Range | null {
  if (vm.maxmem <= ramSize) return null;
  const perSlot = flags.alignedDimm ? GiB * BigInt(vm.slots) : 0n;
  return { base: alignUp(ramAbove4gEnd, GiB), size: vm.maxmem - ramSize + perSlot };
}

/** @see pc_get_cxl_range_start */
function cxlBase(deviceMemory: Range | null, ramAbove4gEnd: bigint, binary: BinaryFeatures): bigint {
  if (deviceMemory) return rangeEnd(deviceMemory);
  return binary.cxlBaseRoundsRamEnd ? alignUp(ramAbove4gEnd, GiB) : ramAbove4gEnd;
}

/** The 1 MiB host register block, then the fixed windows packed from the next 256 MiB boundary (qemu.md §4.3). */
function cxlLayout(windowSizes: readonly bigint[], base: bigint): CxlLayout {
  const hostRegisters = { base, size: CXL_HOST_REGISTERS_SIZE };
  let next = alignUp(rangeEnd(hostRegisters), CXL_WINDOW_ALIGN);
  const windows = windowSizes.map((size) => {
    const window = { base: next, size };
    next += size;
    return window;
  });
  return { hostRegisters, windows };
}

function cxlEnd(cxl: CxlLayout): bigint {
  const last = cxl.windows.at(-1);
  return last ? rangeEnd(last) : rangeEnd(cxl.hostRegisters);
}

/** @see pc_pci_hole64_start: after CXL, device memory (only its base on ≤ 2.4) or RAM, rounded up to 1 GiB. */
function hole64Start(deviceMemory: Range | null, cxl: CxlLayout | null, flags: MachineFlags, ramAbove4gEnd: bigint): bigint {
  if (cxl) return alignUp(cxlEnd(cxl), GiB);
  if (deviceMemory) return alignUp(flags.reservedEndIncludesSize ? rangeEnd(deviceMemory) : deviceMemory.base, GiB);
  return alignUp(ramAbove4gEnd, GiB);
}

/** @see pc_max_used_gpa (qemu.md §6.1) */
function maxUsedGpa(
  vm: VmSpec, flags: MachineFlags, binary: BinaryFeatures,
  pciHole64Start: bigint, hole64Size: bigint, deviceMemory: Range | null, ramAbove4gEnd: bigint,
): bigint {
  const sixtyFourBit = pciHole64Start + hole64Size - 1n;
  if (vm.cpu.longMode) return sixtyFourBit;
  const cpuLimit = pow2(vm.cpu.physBits) - 1n;
  switch (binary.thirtyTwoBitRule) {
    case 'unchecked':
      return cpuLimit;
    case 'phys-bits-32':
      return vm.cpu.physBits <= 32 ? cpuLimit : sixtyFourBit;
    case 'memory-end':
      if (!flags.fixed32bitCheck) return cpuLimit;
      return (deviceMemory ? rangeEnd(deviceMemory) : ramAbove4gEnd) - 1n;
  }
}

/** @see pc_memory_init, "etc/reserved-memory-end" (qemu.md §4.2) */
function reservedMemoryEnd(high: HighLayout, flags: MachineFlags, binary: BinaryFeatures): bigint | null {
  if (high.cxl && (high.deviceMemory || binary.reservedEndForCxlAlone)) return alignUp(cxlEnd(high.cxl), GiB);
  if (!high.deviceMemory) return null;
  // Machine types ≤ 2.4 wrote only the base (broken_reserved_end, V26).
  return alignUp(flags.reservedEndIncludesSize ? rangeEnd(high.deviceMemory) : high.deviceMemory.base, GiB);
}
