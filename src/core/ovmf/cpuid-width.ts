/**
 * When OVMF (edk2-stable202211 and later) trusts the CPU's reported address width, and how it caps it
 * (shared/spec/ovmf.md §3.1, §3.6).
 * @see PlatformAddressWidthFromCpuid, PlatformSetupPagingLevel (OvmfPkg/Library/PlatformInitLib/MemDetect.c)
 */
import { TiB } from '../units.js';
import type { WidthCapReason } from '../findings.js';
import type { GuestCpu } from '../spec.js';
import { type OvmfBuild, type OvmfRules, buildUses1GPageTable } from './releases.js';
import { parseFwCfgDecimal } from './fw-cfg-number.js';

export type CpuidWidth =
  | { readonly trusted: false }
  | {
      readonly trusted: true;
      /** CPUID 0x80000008 EAX[7:0] */
      readonly reported: number;
      /** PhysMemAddressWidth after every cap */
      readonly width: number;
      /** The caps that lowered it, in the order OVMF applies them. */
      readonly caps: readonly WidthCapReason[];
    };

/** Whether the reset vector left 5-level paging on, and how PlatformSetupPagingLevel decided (≥ 202411). */
export type PagingLevel =
  | { readonly levels: 4; readonly reason: 'no-la57' | 'small-guest' | 'knob' }
  | { readonly levels: 5; readonly reason: 'large-guest' | 'knob' | 'knob-invalid' | 'no-downgrade' };

const MAX_UINT32 = 0xffff_ffffn;

/**
 * Paging mode when PEI runs: 5-level only for an X64 PEI built with PcdUse5LevelPageTable on an la57 CPU with 1 GiB
 * pages (ResetVector 49b7faba1d6e, 202405); from 202411 small guests go back to 4-level unless the knob says otherwise.
 * @param classicFirstNonAddress the classic FirstNonAddress, which the downgrade reads before the CPUID step
 */
export function pagingLevel(
  cpu: GuestCpu, rules: OvmfRules, build: OvmfBuild, fiveLevelPaging: boolean,
  fwCfg: Readonly<Record<string, string>>, classicFirstNonAddress: bigint,
): PagingLevel {
  const la57Supported = rules.pagingCap === 'la57' || rules.pagingCap === 'la57-guest-phys-bits';
  if (!(la57Supported && build === 'x64' && fiveLevelPaging && cpu.la57 && cpu.pdpe1gb)) return { levels: 4, reason: 'no-la57' };
  if (rules.pagingLevelKnob === null) return { levels: 5, reason: 'no-downgrade' };
  const knob = parseFwCfgDecimal(fwCfg[rules.pagingLevelKnob] ?? null, MAX_UINT32);
  if (knob.status === 'absent') {
    return classicFirstNonAddress < 1n * TiB ? { levels: 4, reason: 'small-guest' } : { levels: 5, reason: 'large-guest' };
  }
  if (knob.status === 'parsed' && knob.value === 4n) return { levels: 4, reason: 'knob' };
  if (knob.status === 'parsed' && knob.value === 5n) return { levels: 5, reason: 'knob' };
  return { levels: 5, reason: 'knob-invalid' };
}

/**
 * @param cpu the CPUID the guest sees; its GuestPhysBits is 0 when the machine type or QEMU does not report it
 * @param signature the vendor OVMF reads: the string in CPUID 0x80000000, not leaf 0 (null: all zero, as QEMU 10.1+
 *   returns it for Intel with x-vendor-cpuid-only-v2); "GenuineIntel"/"AuthenticAMD" compared with AsciiStrCmp
 */
export function cpuidWidth(cpu: GuestCpu, signature: GuestCpu['vendor'] | null, rules: OvmfRules, build: OvmfBuild, paging: PagingLevel): CpuidWidth {
  if (!rules.cpuidTrust) return { trusted: false };
  const guestPhysBits = rules.guestPhysBits ? cpu.guestPhysBits : 0;
  const reported = cpu.physBits;
  // QEMU's default 40 is untrusted on Intel: it says 40 even on 39-bit hosts (8f9ef9c9a064).
  const valid =
    guestPhysBits !== 0 ||
    reported >= 41 ||
    (signature === 'intel' && (reported === 36 || reported === 39)) ||
    (signature === 'amd' && reported === 40);
  if (!valid) return { trusted: false };

  const caps: WidthCapReason[] = [];
  let width = reported;
  const cap = (limit: number, reason: WidthCapReason) => {
    if (width > limit) {
      width = limit;
      caps.push(reason);
    }
  };
  if (guestPhysBits !== 0) cap(guestPhysBits, 'guest-phys-bits');
  const la57 = paging.levels === 5;
  switch (rules.pagingCap) {
    case 'cap47':
      cap(47, 'paging-47');
      break;
    case 'cap46':
      cap(46, 'paging-46');
      break;
    case 'la57':
      if (la57) cap(48, 'paging-48-la57');
      else cap(46, 'paging-46');
      break;
    case 'la57-guest-phys-bits':
      // With GuestPhysBits under 5-level paging, up to 52 bits stay usable.
      if (la57 && guestPhysBits === 0) cap(48, 'paging-48-la57');
      else if (!la57) cap(46, 'paging-46');
      break;
  }
  // Without 1 GiB pages the identity map of a large space costs too much PEI memory (ovmf.md §5.1).
  if (!cpu.pdpe1gb) cap(40, 'no-1g-pages');
  if (rules.pageTablePcdCap && !buildUses1GPageTable(rules, build)) cap(40, 'pcd-use-1g-page-table');
  return { trusted: true, reported, width, caps };
}
