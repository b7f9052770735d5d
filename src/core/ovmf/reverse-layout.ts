/**
 * The reversed calculation Laszlo Ersek proposed in 2020 (seed 004, shared/spec/ovmf.md §4): take a trusted width W as
 * given and use everything between the 1 GiB-aligned end of the memory-hotplug area (else the RAM top) and 2^W as the
 * 64-bit aperture; with no room left, the firmware would halt.
 */
import { GiB, type Range, alignUp, pow2 } from '../units.js';
import type { Finding } from '../findings.js';
import type { QemuLayout } from '../qemu/layout.js';
import { e820RamTop } from './classic.js';

export interface ReverseLayout {
  readonly width: number;
  /** What the aperture must stay above: etc/reserved-memory-end, else the top of RAM (at least 4 GiB). */
  readonly hotplugEnd: bigint;
  /** `hotplugEnd` rounded up to 1 GiB: where the aperture would start. */
  readonly base: bigint;
  /** 2^W */
  readonly limit: bigint;
  /** The aperture [base, 2^W); null when there is no room. */
  readonly aperture: Range | null;
  /** How much more address space W would need; 0 when the aperture exists. */
  readonly shortfall: bigint;
  readonly findings: readonly Finding[];
}

export function reverseLayout(qemu: QemuLayout, width: number): ReverseLayout {
  const hotplugEnd = qemu.reservedMemoryEnd ?? e820RamTop(qemu.e820);
  const base = alignUp(hotplugEnd, GiB);
  const limit = pow2(width);
  if (base < limit) return { width, hotplugEnd, base, limit, aperture: { base, size: limit - base }, shortfall: 0n, findings: [] };
  return { width, hotplugEnd, base, limit, aperture: null, shortfall: base - limit, findings: [{ code: 'reverse_no_room', width, base, limit }] };
}
