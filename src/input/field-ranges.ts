/**
 * The range of every whole-number field, defined once. The CLI's flags and --help, the VM and pool files, the
 * library's argument checks and the terminal UI all read them here, so every message names the same numbers.
 */

export interface FieldRange {
  /** The field as messages name it: `phys-bits`, `slots`. */
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** A value outside min..max with a meaning of its own, such as QEMU's 0 = "not set". */
  readonly unset?: { readonly value: number; readonly means: string };
  /**
   * Whole numbers above `max` up to this one are read and left to QEMU's own check, which refuses them in its words
   * (src/input/to-spec.ts): QEMU's property is an integer of this size, so `phys-bits=99` reaches that check.
   */
  readonly qemuRefusesUpTo?: number;
}

const UINT32_MAX = 2 ** 32 - 1;

/** `ACPI_MAX_RAM_SLOTS` (hw/i386/acpi-build.h): QEMU refuses more memory slots (qemu.md §4.1, V41). */
export const MAX_SLOTS = 256;
/** Passed-through devices and spare root ports: at most one root port per bus number (PCIe has 256 buses). */
export const MAX_DEVICES = 256;

export const RANGES = {
  /** CPU `phys-bits` of a 64-bit model: x86_cpu_realizefn accepts 32..TARGET_PHYS_ADDR_SPACE_BITS (52), qemu.md §7.2. */
  physBits: { name: 'phys-bits', min: 32, max: 52, unset: { value: 0, means: 'QEMU\'s default, 40' }, qemuRefusesUpTo: UINT32_MAX },
  /** CPU `guest-phys-bits` (QEMU 9.1+): 32 to the vCPU's phys-bits. */
  guestPhysBits: { name: 'guest-phys-bits', min: 32, max: 52, unset: { value: 0, means: 'not reported' }, qemuRefusesUpTo: UINT32_MAX },
  /** `host-phys-bits-limit`: QEMU's 0 is "no limit". */
  hostPhysBitsLimit: { name: 'host-phys-bits-limit', min: 32, max: 52, unset: { value: 0, means: 'no limit' } },
  /** `reverse --width`: the trusted width is also the guest's phys-bits. */
  width: { name: 'width', min: 32, max: 52 },
  /** `-m slots`; QEMU refuses more than ACPI_MAX_RAM_SLOTS in its own words. */
  slots: { name: 'slots', min: 0, max: MAX_SLOTS, qemuRefusesUpTo: Number.MAX_SAFE_INTEGER },
  emptyRootPorts: { name: 'empty root ports', min: 0, max: MAX_DEVICES },
  deviceCount: { name: 'device count', min: 1, max: MAX_DEVICES },
  /** A pool host's MAXPHYADDR. */
  hostPhysBits: { name: 'host phys-bits', min: 32, max: 52 },
  /** How many identical machines a pool entry stands for. */
  hostCount: { name: 'host count', min: 1, max: 10_000_000 },
  /** A host IOMMU's address width. */
  iommuBits: { name: 'IOMMU width', min: 32, max: 64 },
} as const satisfies Record<string, FieldRange>;

/** `0 to 256`, or `32 to 52 (or 0 for QEMU's default, 40)`: how messages and --help write a range. */
export function rangeText(range: FieldRange): string {
  const bounds = `${range.min} to ${range.max}`;
  return range.unset ? `${bounds} (or ${range.unset.value} for ${range.unset.means})` : bounds;
}

/** Whether a whole number is in the range itself (its `unset` value included). */
export function inRange(range: FieldRange, value: number): boolean {
  return (value >= range.min && value <= range.max) || value === range.unset?.value;
}

/** QEMU's refusal of a 64-bit CPU's phys-bits, in its words (two spaces before the parenthesis, qemu.md §7.2, K6). */
export function physBitsRefusal(physBits: number): string {
  return `phys-bits should be between ${RANGES.physBits.min} and ${RANGES.physBits.max}  (but is ${physBits})`;
}
