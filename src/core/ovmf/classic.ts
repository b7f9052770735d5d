/**
 * OVMF's classic sizing, the only one before edk2-stable202211 and the fallback after it (shared/spec/ovmf.md §2):
 * the aperture size is given (32 GiB or the knob), the width is derived from where the aperture ends.
 * @see PlatformGetFirstNonAddress, PlatformAddressWidthInitialization (OvmfPkg/Library/PlatformInitLib/MemDetect.c)
 */
import { GiB, MiB, type Range, alignUp, ceilLog2, powerOfTwoFloor, rangeEnd } from '../units.js';
import type { E820Entry } from '../findings.js';
import type { OvmfBuild, OvmfRules } from './releases.js';
import { type FwCfgNumber, parseFwCfgDecimal, parseLegacyDecimal } from './fw-cfg-number.js';

/** `PcdPciMmio64Size` in OvmfPkgX64.dsc / OvmfPkgIa32X64.dsc (7e5b1b670c). */
export const DEFAULT_APERTURE_SIZE = 32n * GiB;
/** X-PciMmio64Mb accepts up to 0x1000000 MiB = 16 TiB inclusive (98800cce65, ≥ 202005). */
export const KNOB_LIMIT_MIB = 0x100_0000n;
/** 36 bits cover 64 GiB, the PAE maximum: the smallest width OVMF derives. */
export const MIN_CLASSIC_WIDTH = 36;
const MAX_UINT32 = 0xffff_ffffn;

/** How OVMF read opt/ovmf/X-PciMmio64Mb. */
export type KnobOutcome =
  | 'absent'
  /** read and used as the aperture size */
  | 'applied'
  /** "ignoring malformed 64-bit PCI host aperture size from fw_cfg": default kept */
  | 'malformed'
  /** overflowed 64 bits: treated like an absent knob */
  | 'ignored'
  /** not read at all: OvmfPkgIa32 stops before the knob */
  | 'unread';

export interface ClassicSizing {
  /** Step A: max(4 GiB, end of the highest E820 RAM entry). */
  readonly ramTop: bigint;
  readonly knob: KnobOutcome;
  /** Step C: the size asked for (default or knob), before 1 GiB rounding. */
  readonly requestedSize: bigint;
  /** Step E: etc/reserved-memory-end when it was used (8 bytes, aperture enabled). */
  readonly hotplugEnd: bigint | null;
  /** Step F: the aperture; null when disabled (size 0) or when DXE is 32-bit. */
  readonly aperture: Range | null;
  /** FirstNonAddress after the classic steps: the aperture end, else the RAM top. */
  readonly firstNonAddress: bigint;
  /** Step G: max(36, ⌈log2 FirstNonAddress⌉). */
  readonly width: number;
}

export interface ClassicInput {
  readonly e820: readonly E820Entry[];
  readonly reservedMemoryEnd: bigint | null;
  /** The raw content of opt/ovmf/X-PciMmio64Mb, or null when absent. */
  readonly knob: string | null;
  readonly build: OvmfBuild;
}

export function classicSizing(input: ClassicInput, rules: OvmfRules): ClassicSizing {
  const ramTop = e820RamTop(input.e820);
  const knob = readKnob(input.knob, rules);
  const requestedSize = knob.outcome === 'applied' ? knob.mib * MiB : DEFAULT_APERTURE_SIZE;
  const withoutAperture = (outcome: KnobOutcome, requested: bigint): ClassicSizing =>
    ({ ramTop, knob: outcome, requestedSize: requested, hotplugEnd: null, aperture: null, firstNonAddress: ramTop, width: classicWidth(ramTop) });

  // Step B: a 32-bit DXE degrades 64-bit BARs anyway, so OvmfPkgIa32 stops before reading the knob.
  if (input.build === 'ia32') return withoutAperture(input.knob === null ? 'absent' : 'unread', DEFAULT_APERTURE_SIZE);
  // Step D: size 0 disables the aperture and ignores the hotplug area.
  if (requestedSize === 0n) return withoutAperture(knob.outcome, 0n);

  // Step E: the hotplug end replaces the RAM top, even if smaller (RELEASE builds skip the ASSERT).
  const hotplugEnd = input.reservedMemoryEnd;
  const start = hotplugEnd ?? ramTop;
  // Step F: both boundaries on 1 GiB ("SeaBIOS aligns both boundaries"), then natural alignment.
  const size = alignUp(requestedSize, GiB);
  const base = alignUp(alignUp(start, GiB), powerOfTwoFloor(size));
  const aperture = { base, size };
  return { ramTop, knob: knob.outcome, requestedSize, hotplugEnd, aperture, firstNonAddress: rangeEnd(aperture), width: classicWidth(rangeEnd(aperture)) };
}

/** Step A: max(4 GiB, end of the highest E820 RAM entry) (`PlatformGetFirstNonAddressCB`). */
export function e820RamTop(e820: readonly E820Entry[]): bigint {
  return e820.filter((entry) => entry.type === 'ram').reduce((top, entry) => (rangeEnd(entry) > top ? rangeEnd(entry) : top), 4n * GiB);
}

export function classicWidth(firstNonAddress: bigint): number {
  return Math.max(MIN_CLASSIC_WIDTH, ceilLog2(firstNonAddress));
}

function readKnob(raw: string | null, rules: OvmfRules): { outcome: KnobOutcome; mib: bigint } {
  const number: FwCfgNumber = rules.knobParser === 'uint32' ? parseFwCfgDecimal(raw, MAX_UINT32) : parseLegacyDecimal(raw);
  switch (number.status) {
    case 'absent':
      return { outcome: 'absent', mib: 0n };
    case 'unsupported':
      return { outcome: 'ignored', mib: 0n };
    case 'malformed':
      return { outcome: 'malformed', mib: 0n };
    case 'parsed':
      // The 16 TiB limit came with the new parser; the old one had only its 7-digit buffer.
      if (rules.knobParser === 'uint32' && number.value > KNOB_LIMIT_MIB) return { outcome: 'malformed', mib: 0n };
      return { outcome: 'applied', mib: number.value };
  }
}
