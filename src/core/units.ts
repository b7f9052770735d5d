/** Binary size units and exact alignment helpers. Every address and size in the core is a bigint. */

export const KiB = 1n << 10n;
export const MiB = 1n << 20n;
export const GiB = 1n << 30n;
export const TiB = 1n << 40n;
export const PiB = 1n << 50n;
export const EiB = 1n << 60n;

/** 2^64: one past the largest 64-bit address; firmware arithmetic wraps modulo this. */
export const ADDRESS_SPACE_64 = 1n << 64n;

/** A half-open range [base, base + size). */
export interface Range {
  readonly base: bigint;
  readonly size: bigint;
}

export function rangeEnd(range: Range): bigint {
  return range.base + range.size;
}

export function overlaps(a: Range, b: Range): boolean {
  return a.base < rangeEnd(b) && b.base < rangeEnd(a);
}

/** Rounds x up to a multiple of `alignment` (any positive alignment, as QEMU's ROUND_UP/QEMU_ALIGN_UP). */
export function alignUp(x: bigint, alignment: bigint): bigint {
  const rest = x % alignment;
  return rest === 0n ? x : x + alignment - rest;
}

export function alignDown(x: bigint, alignment: bigint): bigint {
  return x - (x % alignment);
}

export function isAligned(x: bigint, alignment: bigint): boolean {
  return x % alignment === 0n;
}

/** Number of bits needed to write x (0 for 0): the index of the highest set bit plus one. */
export function bitLength(x: bigint): number {
  if (x === 0n) return 0;
  // Hex digits, not binary ones: four times shorter to print, and exact.
  const hexDigits = x.toString(16);
  return (hexDigits.length - 1) * 4 + (32 - Math.clz32(parseInt(hexDigits[0]!, 16)));
}

export function isPowerOfTwo(x: bigint): boolean {
  return x > 0n && (x & (x - 1n)) === 0n;
}

/** The largest power of two ≤ x (x > 0); edk2's GetPowerOfTwo64. */
export function powerOfTwoFloor(x: bigint): bigint {
  return 1n << BigInt(bitLength(x) - 1);
}

/** ⌈log2 x⌉ for x > 0: the highest set bit's index, plus one when x is not a power of two. */
export function ceilLog2(x: bigint): number {
  return isPowerOfTwo(x) ? bitLength(x) - 1 : bitLength(x);
}

/** 2^0 … 2^64, made once: pool checks ask for these powers millions of times, and each shift allocates a bigint. */
const POWERS_OF_TWO: readonly bigint[] = Array.from({ length: 65 }, (_, bits) => 1n << BigInt(bits));

/** 2^bits as a bigint. */
export function pow2(bits: number): bigint {
  return POWERS_OF_TWO[bits] ?? 1n << BigInt(bits);
}
