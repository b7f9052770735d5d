/**
 * When QEMU refuses to start ("Address space limit … phys-bits too low", qemu.md §6), the smallest change of each of
 * the two numbers the check compares: the smallest phys-bits that starts, and the largest maxmem that starts with the
 * chosen phys-bits. Both come from the layout model itself, so they are exact (issue 17).
 */
import type { VmSpec } from '../spec.js';
import { KiB, pow2 } from '../units.js';
import { RAM_SIZE_ALIGN, qemuLayout } from './layout.js';
import { alignUp } from '../units.js';

export interface RefusalFixes {
  /** The smallest phys-bits (up to 52) with which QEMU starts, the rest unchanged; null when none does. */
  readonly physBits: number | null;
  /** The largest maxmem with which QEMU starts at the VM's phys-bits; null when the RAM alone is too much. */
  readonly maxmem: bigint | null;
}

/** maxmem above the RAM size must be a multiple of 4 KiB (machine_set_mem's check, qemu.md §4.1). */
const MAXMEM_ALIGN = 4n * KiB;

export function refusalFixes(vm: VmSpec): RefusalFixes | null {
  if (!refuses(vm)) return null;
  let physBits: number | null = null;
  for (let width = vm.cpu.physBits + 1; width <= 52 && physBits === null; width++) {
    if (!refuses({ ...vm, cpu: { ...vm.cpu, physBits: width } })) physBits = width;
  }
  return { physBits, maxmem: largestMaxmem(vm) };
}

function refuses(vm: VmSpec): boolean {
  return qemuLayout(vm).findings.some((f) => f.code === 'qemu_phys_bits_too_low');
}

/**
 * Binary search in 4 KiB steps: the highest used address only grows with maxmem (the hotplug area grows, and the AMD
 * move above 1 TiB, once made, stays), so "starts" holds up to one maxmem and not beyond.
 */
function largestMaxmem(vm: VmSpec): bigint | null {
  const ramSize = alignUp(vm.memory, RAM_SIZE_ALIGN);
  // With slots, maxmem must exceed the RAM size (V35); without, maxmem = RAM means no hotplug area.
  const lowest = vm.slots > 0 ? alignUp(ramSize + 1n, MAXMEM_ALIGN) : ramSize;
  const starts = (maxmem: bigint) => !refuses({ ...vm, maxmem });
  if (!starts(lowest)) return null;
  let good = lowest;
  let bad = alignUp(pow2(vm.cpu.physBits) + 1n, MAXMEM_ALIGN);
  while (bad - good > MAXMEM_ALIGN) {
    const middle = alignUp(good + (bad - good) / 2n, MAXMEM_ALIGN);
    if (middle >= bad) break;
    if (starts(middle)) good = middle;
    else bad = middle;
  }
  return good;
}
