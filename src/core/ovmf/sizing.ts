/**
 * OVMF's sizing of the guest physical address space for one edk2 release: PhysMemAddressWidth and the 64-bit PCI
 * aperture (PcdPciMmio64Base/Size), with every intermediate step kept (shared/spec/ovmf.md §2, §3).
 * @see PlatformAddressWidthInitialization, PlatformDynamicMmioWindow, PlatformReservationConflictCB
 */
import { ADDRESS_SPACE_64, type Range, overlaps, pow2, rangeEnd } from '../units.js';
import type { E820Entry, Finding } from '../findings.js';
import { type FirmwareSpec, type GuestCpu, PCI64_KNOB } from '../spec.js';
import {
  type OvmfFamily, type OvmfRules, PAGING_LEVEL_KNOB, PAGING_LEVEL_KNOB_MISSPELLED, buildUses1GPageTable, firmwareRules, peiWidthMax,
} from './releases.js';
import { type ClassicSizing, classicSizing } from './classic.js';
import { type CpuidWidth, type PagingLevel, cpuidWidth, pagingLevel } from './cpuid-width.js';
import { PEI_MISC_ALLOWANCE, identityMapBytes } from './page-tables.js';

/**
 * Which aperture OVMF publishes: `classic` (size given, placed above RAM/hotplug), `dynamic` (1/8 of 2^width at the
 * top, 202211+), `override` (X-PciMmio64Mb wins, 202505+), `disabled` (size 0), `none` (32-bit DXE: no 64-bit aperture).
 */
export type WindowKind = 'classic' | 'dynamic' | 'override' | 'disabled' | 'none';

/** What QEMU hands to the firmware. */
export interface FirmwareView {
  readonly e820: readonly E820Entry[];
  readonly reservedMemoryEnd: bigint | null;
  /** The CPUID the guest sees, GuestPhysBits already 0 where QEMU does not report it. */
  readonly cpu: GuestCpu;
  /** The vendor string in CPUID 0x80000000, which OVMF's trust rule compares; null when QEMU leaves it zero. */
  readonly vendorSignature: GuestCpu['vendor'] | null;
  /** The memory-hotplug area, which OVMF does not see as such; used only to report overlaps. */
  readonly hotplug: Range | null;
}

export interface ConflictMove {
  readonly entry: E820Entry;
  readonly from: bigint;
  readonly to: bigint;
  /** entry base − size went below zero and wrapped around 2^64 */
  readonly wrapped: boolean;
}

export interface OvmfSizing {
  readonly edk2: FirmwareSpec['edk2'];
  readonly family: OvmfFamily;
  readonly classic: ClassicSizing;
  readonly paging: PagingLevel;
  readonly cpuid: CpuidWidth;
  /** PhysMemAddressWidth, the width of the CPU HOB and of the GCD memory map. */
  readonly physMemAddressWidth: number;
  readonly window: WindowKind;
  /** The dynamic window's size 2^(width−3) when the width is trusted. */
  readonly dynamicSize: bigint | null;
  /** E820 conflict moves of the dynamic window, in table order (202302+). */
  readonly moves: readonly ConflictMove[];
  /** The published 64-bit aperture [PcdPciMmio64Base, +PcdPciMmio64Size); null when there is none. */
  readonly pci64Aperture: Range | null;
  /** FirstNonAddress as the platform-info HOB leaves it (informational in edk2). */
  readonly firstNonAddress: bigint;
  /** The DXE identity map of 2^width; null for a 32-bit DXE. */
  readonly pageTables: PageTables | null;
  readonly findings: readonly Finding[];
}

export interface PageTables {
  readonly bytes: bigint;
  readonly uses1GPages: boolean;
}

const MASK_64 = ADDRESS_SPACE_64 - 1n;

export function ovmfSizing(view: FirmwareView, firmware: FirmwareSpec): OvmfSizing {
  const rules = firmwareRules(firmware);
  const classic = classicSizing(
    { e820: view.e820, reservedMemoryEnd: view.reservedMemoryEnd, knob: firmware.fwCfg[PCI64_KNOB] ?? null, build: firmware.build },
    rules,
  );
  const paging = pagingLevel(view.cpu, rules, firmware.build, firmware.fiveLevelPaging, firmware.fwCfg, classic.firstNonAddress);
  const cpuid = cpuidWidth(view.cpu, view.vendorSignature, rules, firmware.build, paging);
  const findings = knobFindings(classic, firmware, rules, paging);
  if (firmware.unknownNewerTag) findings.unshift({ code: 'ovmf_release_unknown', asked: firmware.unknownNewerTag, modelled: firmware.edk2 });
  if (!view.cpu.longMode && firmware.build !== 'ia32') findings.push({ code: 'ovmf_needs_long_mode' });
  if (classic.hotplugEnd !== null && classic.hotplugEnd < classic.ramTop) {
    findings.push({ code: 'ovmf_reserved_end_below_ram', reservedMemoryEnd: classic.hotplugEnd, ramTop: classic.ramTop });
  }

  if (!cpuid.trusted) {
    if (rules.cpuidTrust) {
      // An Intel vCPU whose 0x80000000 vendor words QEMU zeroed would have been trusted at 36 or 39 bits.
      const hidden = view.vendorSignature === null && (view.cpu.physBits === 36 || view.cpu.physBits === 39);
      findings.push(hidden ? { code: 'ovmf_width_untrusted', physBits: view.cpu.physBits, vendorHidden: true } : { code: 'ovmf_width_untrusted', physBits: view.cpu.physBits });
    }
    const max = peiWidthMax(rules, firmware.build);
    if (classic.width > max) findings.push({ code: 'ovmf_width_above_pei_max', width: classic.width, max });
    const window: WindowKind = firmware.build === 'ia32' ? 'none' : classic.aperture ? 'classic' : 'disabled';
    findings.push(...apertureFindings(classic.aperture, classic.width, view, []));
    const pageTables = identityMap(classic.width, view.cpu, firmware, rules, findings);
    return {
      edk2: firmware.edk2, family: rules.family, classic, paging, cpuid, physMemAddressWidth: classic.width, window,
      dynamicSize: null, moves: [], pci64Aperture: classic.aperture, firstNonAddress: classic.firstNonAddress, pageTables, findings,
    };
  }

  const width = cpuid.width;
  const last = cpuid.caps.at(-1);
  if (last) findings.push({ code: 'ovmf_width_capped', reported: cpuid.reported, width, reason: last });
  const placed = firmware.build === 'ia32'
    ? { window: 'none' as const, aperture: null, moves: [] }
    : trustedWindow(classic, width, view.e820, rules);
  if (placed.window === 'dynamic' && classic.knob === 'applied') {
    findings.push(classic.requestedSize === 0n
      ? { code: 'ovmf_knob_zero_ignored' }
      : { code: 'ovmf_knob_below_dynamic', knobSize: classic.requestedSize, windowSize: pow2(width - 3) });
  }
  findings.push(...apertureFindings(placed.aperture, width, view, placed.moves));
  const pageTables = identityMap(width, view.cpu, firmware, rules, findings);
  // Properties spelled out, not spread: V8's object spread made this literal the plan's hottest line.
  return {
    edk2: firmware.edk2,
    family: rules.family,
    classic,
    paging,
    cpuid,
    physMemAddressWidth: width,
    window: placed.window,
    dynamicSize: pow2(width - 3),
    moves: placed.moves,
    pci64Aperture: placed.aperture,
    // 202211 reset it to the classic value after the CPUID step; from 202302 it stays 2^width (e0375304682).
    firstNonAddress: rules.firstNonAddressReset ? classic.firstNonAddress : pow2(width),
    pageTables,
    findings,
  };
}

/** The identity map's size, reported when it outgrows the 64 MiB OVMF allows for everything else in PEI. */
function identityMap(width: number, cpu: GuestCpu, firmware: FirmwareSpec, rules: OvmfRules, findings: Finding[]): PageTables | null {
  if (firmware.build === 'ia32') return null;
  const uses1GPages = buildUses1GPageTable(rules, firmware.build) && cpu.pdpe1gb;
  const bytes = identityMapBytes(width, uses1GPages, rules);
  if (bytes > PEI_MISC_ALLOWANCE) findings.push({ code: 'ovmf_page_tables_large', width, bytes, uses1GPages });
  return { bytes, uses1GPages };
}

/** @see PlatformDynamicMmioWindow (ovmf.md §3.2): both tests strict; the classic base with the dynamic size. */
function trustedWindow(classic: ClassicSizing, width: number, e820: readonly E820Entry[], rules: OvmfRules) {
  if (rules.knobOverride && classic.knob === 'applied') {
    return { window: classic.aperture ? ('override' as const) : ('disabled' as const), aperture: classic.aperture, moves: [] };
  }
  const addressSpace = pow2(width);
  const size = pow2(width - 3);
  // A disabled classic aperture leaves Base = Size = 0, so both tests pass (202211–202502: 0 does not disable).
  const classicBase = classic.aperture?.base ?? 0n;
  const classicSize = classic.aperture?.size ?? 0n;
  if (!(classicSize < size && classicBase + size < addressSpace)) {
    return { window: classic.aperture ? ('classic' as const) : ('disabled' as const), aperture: classic.aperture, moves: [] };
  }
  let windowBase = addressSpace - size;
  const moves: ConflictMove[] = [];
  if (rules.conflictMove) {
    for (const entry of e820) {
      if (intersects(entry, windowBase, size)) {
        // Base = (entry base − Size) rounded down to Size, in UINT64 arithmetic.
        const to = ((entry.base - size) & MASK_64) & ~(size - 1n) & MASK_64;
        moves.push({ entry, from: windowBase, to, wrapped: entry.base < size });
        windowBase = to;
      }
    }
  }
  return { window: 'dynamic' as const, aperture: { base: windowBase, size }, moves };
}

/**
 * @see PlatformReservationConflictCB: any intersection with any entry type (RAM included), ends taken modulo 2^64, so a
 * RAM entry below a moved window moves it again and wraps the base around zero (ovmf.md §3.3 (a), vector 31a).
 */
function intersects(entry: E820Entry, base: bigint, size: bigint): boolean {
  const intersectionBase = entry.base > base ? entry.base : base;
  const entryEnd = (entry.base + entry.size) & MASK_64;
  const windowEnd = (base + size) & MASK_64;
  const intersectionEnd = entryEnd < windowEnd ? entryEnd : windowEnd;
  return intersectionBase < intersectionEnd;
}

function knobFindings(classic: ClassicSizing, firmware: FirmwareSpec, rules: OvmfRules, paging: PagingLevel): Finding[] {
  const findings: Finding[] = [];
  const knobValue = firmware.fwCfg[PCI64_KNOB] ?? '';
  if (classic.knob === 'malformed') findings.push({ code: 'ovmf_knob_malformed', name: PCI64_KNOB, value: knobValue });
  if (classic.knob === 'ignored') findings.push({ code: 'ovmf_knob_overflow_ignored', name: PCI64_KNOB, value: knobValue });
  if (classic.knob === 'unread') findings.push({ code: 'ovmf_knob_not_read', name: PCI64_KNOB, readsName: null, reason: 'build' });
  for (const [name, value] of Object.entries(firmware.fwCfg)) {
    if (name === PCI64_KNOB) continue;
    if (name !== PAGING_LEVEL_KNOB && name !== PAGING_LEVEL_KNOB_MISSPELLED) {
      findings.push({ code: 'fw_cfg_not_modelled', name });
    } else if (name !== rules.pagingLevelKnob) {
      findings.push({ code: 'ovmf_knob_not_read', name, readsName: rules.pagingLevelKnob, reason: 'release' });
    } else if (paging.reason === 'no-la57') {
      findings.push({ code: 'ovmf_knob_not_read', name, readsName: name, reason: 'no-5-level-paging' });
    } else if (paging.reason === 'knob-invalid') {
      findings.push({ code: 'ovmf_knob_malformed', name, value });
    }
  }
  return findings;
}

/** Errors a user must know about the published aperture (ovmf.md §3.2, §3.3). */
function apertureFindings(aperture: Range | null, width: number, view: FirmwareView, moves: readonly ConflictMove[]): Finding[] {
  if (!aperture) return [];
  if (moves.some((move) => move.wrapped)) return [{ code: 'ovmf_aperture_wrapped', aperture }];
  const findings: Finding[] = [];
  if (rangeEnd(aperture) > pow2(width)) findings.push({ code: 'ovmf_aperture_beyond_width', aperture, width });
  else if (rangeEnd(aperture) > pow2(view.cpu.physBits)) findings.push({ code: 'ovmf_aperture_beyond_phys_bits', aperture, physBits: view.cpu.physBits });
  for (const entry of view.e820) {
    if (overlaps(aperture, entry)) findings.push({ code: 'ovmf_aperture_overlaps_e820', aperture, entry });
  }
  if (view.hotplug && overlaps(aperture, view.hotplug)) {
    findings.push({ code: 'ovmf_aperture_overlaps_hotplug', aperture, hotplug: view.hotplug });
  }
  return findings;
}
