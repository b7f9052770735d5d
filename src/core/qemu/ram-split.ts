/** How QEMU splits guest RAM below and above 4 GiB (shared/spec/qemu.md §2). */
import { GiB, MiB, isAligned } from '../units.js';
import type { MachineType } from '../spec.js';

/** q35 keeps RAM below the PCIe MMCONFIG window at 2.75 GiB (MCH_HOST_BRIDGE_PCIEXBAR_DEFAULT). */
export const Q35_LOW_MEMORY_CEILING = 0xb000_0000n;
/** q35 guests of ≥ 2.75 GiB keep only 2 GiB low, so RAM stays 1 GiB-aligned with host pages (9a305c8fc7bb). */
export const Q35_LOW_MEMORY_LARGE = 0x8000_0000n;
/** i440fx's default max-ram-below-4g: 3.5 GiB. */
export const PC_MAX_RAM_BELOW_4G_DEFAULT = 0xe000_0000n;
/** i440fx guests that reach max-ram-below-4g keep at most 3 GiB low (`gigabyte_align`, bb43d3839c29). */
export const PC_LOW_MEMORY_LARGE = 0xc000_0000n;

export interface RamSplit {
  /** `below_4g_mem_size` */
  readonly below4g: bigint;
  /** `above_4g_mem_size` */
  readonly above4g: bigint;
  /** QEMU prints its "not a multiple of 1G" performance warning. */
  readonly warnsUnaligned: boolean;
}

/**
 * @param ramSize the guest RAM after QEMU's 8 KiB rounding
 * @param maxRamBelow4g `max-ram-below-4g`, 0 for the machine's default
 * @see pc_q35_init (hw/i386/pc_q35.c), pc_init1 (hw/i386/pc_piix.c)
 */
export function ramSplit(machine: MachineType, ramSize: bigint, maxRamBelow4g: bigint): RamSplit {
  const { lowMemory, warnsUnaligned } =
    machine === 'q35' ? q35LowMemory(ramSize, maxRamBelow4g) : pcLowMemory(ramSize, maxRamBelow4g);
  // "≥": a guest of exactly the low-memory size puts nothing above 4 GiB but still uses the split (V03, V05).
  return ramSize >= lowMemory
    ? { below4g: lowMemory, above4g: ramSize - lowMemory, warnsUnaligned }
    : { below4g: ramSize, above4g: 0n, warnsUnaligned };
}

function q35LowMemory(ramSize: bigint, maxRamBelow4g: bigint) {
  let lowMemory = ramSize >= Q35_LOW_MEMORY_CEILING ? Q35_LOW_MEMORY_LARGE : Q35_LOW_MEMORY_CEILING;
  const limit = maxRamBelow4g === 0n ? 4n * GiB : maxRamBelow4g;
  let warnsUnaligned = false;
  // max-ram-below-4g can only lower q35's choice (V11).
  if (lowMemory > limit) {
    lowMemory = limit;
    warnsUnaligned = ramSize - lowMemory > lowMemory && !isAligned(lowMemory, GiB);
  }
  return { lowMemory, warnsUnaligned };
}

function pcLowMemory(ramSize: bigint, maxRamBelow4g: bigint) {
  const limit = maxRamBelow4g === 0n ? PC_MAX_RAM_BELOW_4G_DEFAULT : maxRamBelow4g;
  let lowMemory = limit;
  let warnsUnaligned = false;
  // On i440fx the option may raise low memory, but only for guests that fit below it (8156d480861e, V09).
  if (ramSize >= limit) {
    if (lowMemory > PC_LOW_MEMORY_LARGE) lowMemory = PC_LOW_MEMORY_LARGE;
    warnsUnaligned = !isAligned(lowMemory, GiB);
  }
  return { lowMemory, warnsUnaligned };
}

/** QEMU warns below this much RAM under 4 GiB (pc_machine_set_max_ram_below_4g). */
export const LOW_MEMORY_WARNING = 1n * MiB;
