/**
 * The OVMF sizing rules a firmware carries, from the commits it contains: its edk2 tag's (tags.ts) plus a package's
 * backports (shared/spec/ovmf.md §1, releases-2026.md). `ovmfRules` flattens them into the rule set the arithmetic
 * takes; each field names the commit that brings it (commits.ts).
 */
import { type Edk2Tag, isAtLeastTag, mainlineOf, tagCommits, withReverts } from './tags.js';

export { EDK2_TAGS, type Edk2Tag, NEWEST_EDK2, isAtLeastTag, isEdk2Tag } from './tags.js';


/**
 * The OVMF platform build: `x64` = OvmfPkgX64 (X64 PEI and DXE, the 2 MiB images of most distros), `ia32x64` =
 * OvmfPkgIa32X64 (IA32 PEI, X64 DXE: Debian's and Fedora's 4 MiB images), `ia32` = OvmfPkgIa32 (32-bit DXE, removed in
 * edk2-stable202511 by 1fb88ffe2847).
 */
export type OvmfBuild = 'x64' | 'ia32x64' | 'ia32';

/** Behaviour families used by the spec's vectors (ovmf.md §1, last table). */
export type OvmfFamily = 'C-old' | 'C-new' | 'D22' | 'D23a' | 'D23b' | 'D24a' | 'D24b' | 'D24c' | 'D25';

/** Paging cap of the trusted CPUID width ("avoid 5-level paging"). */
export type PagingCap =
  /** > 47 → 47 (8f9ef9c9a064, 202211) */
  | 'cap47'
  /** > 46 → 46 (c1e853769046, 202308) */
  | 'cap46'
  /** LA57 on: > 48 → 48; off: > 46 → 46 (adebfe121ca0, 202405) */
  | 'la57'
  /** as `la57`, but the 48 cap is skipped when GuestPhysBits is reported (603ad2d6ae7c, 202408) */
  | 'la57-guest-phys-bits';

export interface OvmfRules {
  readonly edk2: Edk2Tag;
  /** Commits a package cherry-picks onto its tag (e.g. Debian 13's 9ac1704af664); empty for an upstream build. */
  readonly backports: readonly string[];
  readonly family: OvmfFamily;
  /** X-PciMmio64Mb parsing: `raw` < 202005 (7e5b1b670c), `uint32` QemuFwCfgParseUint32 ≥ 202005 (98800cce65). */
  readonly knobParser: 'raw' | 'uint32';
  /** The X64 PEI's asserted width maximum: 48, raised to 52 in 202205 (e23f8f52fd). IA32 PEI stays 48. */
  readonly x64PeiWidthMax: number;
  /** PcdUse1GPageTable in OvmfPkgX64: TRUE from 202205 (2b80269d9862). */
  readonly x64Uses1GPageTable: boolean;
  /** PcdUse1GPageTable in OvmfPkgIa32X64: TRUE from 202308 (b63e17d746aa). */
  readonly ia32x64Uses1GPageTable: boolean;
  /** CPUID width trusted for some vendor/width pairs, then the dynamic 1/8 window (8f9ef9c9a0, bbda386d25, ecb778d0ac; 202211). */
  readonly cpuidTrust: boolean;
  readonly pagingCap: PagingCap;
  /** PEI counts the identity map's page-table pages level by level, one level-5 page always (3ad1d7eb7bcb, 202405). */
  readonly pageTablesByLevel: boolean;
  /** Cap 40 when the build has PcdUse1GPageTable=FALSE (d4d24001f78b, 202308). */
  readonly pageTablePcdCap: boolean;
  /** GuestPhysBits makes the width trusted and limits it (603ad2d6ae7c, 202408). */
  readonly guestPhysBits: boolean;
  /** The dynamic window moves below intersecting E820 entries (c0a0b9bc3534, 202302). */
  readonly conflictMove: boolean;
  /** FirstNonAddress is reset to the classic value after the CPUID call (202211 only; e0375304682 stopped it). */
  readonly firstNonAddressReset: boolean;
  /** QEMU's reserved E820 entries reach the OS (bf65d7ee8842, 202302). */
  readonly passesReservations: boolean;
  /** The 5-to-4-level downgrade and its fw_cfg knob (2069a63a8e4b, 202411; spelling fixed by 6234d09f7582, 202505). */
  readonly pagingLevelKnob: string | null;
  /** A parsed X-PciMmio64Mb overrides the dynamic window (9ac1704af664, 202505); before, it only sets a minimum. */
  readonly knobOverride: boolean;
  /** OvmfPkgIa32 still exists (removed by 1fb88ffe2847 in 202511). */
  readonly ia32Build: boolean;
  /**
   * PciHotPlugInitDxe pads each hotplug port's 64-bit prefetchable window to 2^⌈log2(size/256)⌉ when the aperture is
   * larger than 32 GiB and QEMU gives no hint (9e6b552b4c, 202211; ovmf.md §3.5).
   */
  readonly hotplugPrefetchablePadding: boolean;
  /**
   * PciBusDxe puts a non-prefetchable 64-bit BAR behind a bridge without a MEM64 window into the bridge's PMEM64
   * window instead of degrading it below 4 GiB (f6489621b8ae, 202602; reverted by defbd14d6373 in 202605).
   */
  readonly mem64ToPmem64: boolean;
}

/** The paging-level knob's name, as each release spells it. */
export const PAGING_LEVEL_KNOB_MISSPELLED = 'opt/org.tianocode/PagingLevel';
export const PAGING_LEVEL_KNOB = 'opt/org.tianocore/PagingLevel';

function familyOf(tag: Edk2Tag): OvmfFamily {
  const at = (since: Parameters<typeof isAtLeastTag>[1]) => isAtLeastTag(tag, since);
  if (at('edk2-stable202505')) return 'D25';
  if (at('edk2-stable202411')) return 'D24c';
  if (at('edk2-stable202408')) return 'D24b';
  if (at('edk2-stable202405')) return 'D24a';
  if (at('edk2-stable202308')) return 'D23b';
  if (at('edk2-stable202302')) return 'D23a';
  if (at('edk2-stable202211')) return 'D22';
  return at('edk2-stable202005') ? 'C-new' : 'C-old';
}

const RULES = new Map<string, OvmfRules>();

/**
 * The rule set of a release, or of a package built from it with `backports` (commit hashes) cherry-picked
 * (computed once per combination: the table is fixed).
 */
export function ovmfRules(tag: Edk2Tag, backports: readonly string[] = []): OvmfRules {
  const key = backports.length === 0 ? tag : `${tag}+${backports.join('+')}`;
  let rules = RULES.get(key);
  if (!rules) {
    rules = rulesOf(tag, backports);
    RULES.set(key, rules);
  }
  return rules;
}

/** The rules of a firmware as a VM or host names it. */
export function firmwareRules(firmware: { readonly edk2: Edk2Tag; readonly backports?: readonly string[] }): OvmfRules {
  return ovmfRules(firmware.edk2, firmware.backports);
}

function rulesOf(tag: Edk2Tag, backports: readonly string[]): OvmfRules {
  const held = withReverts(new Set([...tagCommits(tag), ...backports]));
  const has = (hash: string) => held.has(hash);
  return Object.freeze({
    edk2: tag,
    backports: Object.freeze([...backports]),
    family: familyOf(mainlineOf(tag)),
    knobParser: has('98800cce65c4') ? 'uint32' : 'raw',
    x64PeiWidthMax: has('e23f8f52fd1e') ? 52 : 48,
    x64Uses1GPageTable: has('2b80269d9862'),
    ia32x64Uses1GPageTable: has('b63e17d746aa'),
    cpuidTrust: has('8f9ef9c9a064'),
    pagingCap: has('603ad2d6ae7c') ? 'la57-guest-phys-bits' : has('adebfe121ca0') ? 'la57' : has('c1e853769046') ? 'cap46' : 'cap47',
    pageTablesByLevel: has('3ad1d7eb7bcb'),
    pageTablePcdCap: has('d4d24001f78b'),
    guestPhysBits: has('603ad2d6ae7c'),
    conflictMove: has('c0a0b9bc3534'),
    firstNonAddressReset: has('8f9ef9c9a064') && !has('e03753046826'),
    passesReservations: has('bf65d7ee8842'),
    pagingLevelKnob: has('6234d09f7582') ? PAGING_LEVEL_KNOB : has('2069a63a8e4b') ? PAGING_LEVEL_KNOB_MISSPELLED : null,
    knobOverride: has('9ac1704af664'),
    ia32Build: !has('1fb88ffe2847'),
    hotplugPrefetchablePadding: has('9e6b552b4c48'),
    mem64ToPmem64: has('f6489621b8ae'),
  } satisfies OvmfRules);
}

const BEHAVIOUR_KEYS = new WeakMap<OvmfRules, string>();

/**
 * What a rule set decides, without the tag and backports that name it: releases with the same key size and place
 * alike, so a scan over releases plans each distinct behaviour once (the plan's labels still name the tag).
 */
export function behaviourKey(rules: OvmfRules): string {
  let key = BEHAVIOUR_KEYS.get(rules);
  if (key === undefined) {
    const { edk2: _edk2, backports: _backports, family: _family, ...decides } = rules;
    BEHAVIOUR_KEYS.set(rules, (key = JSON.stringify(decides)));
  }
  return key;
}

/** What tells one host's OVMF package from another's: tag, build and backports (the package name is only shown). */
export function firmwareReleaseKey(firmware: { readonly edk2: Edk2Tag; readonly build: OvmfBuild; readonly backports?: readonly string[] }): string {
  return `${firmware.edk2}|${firmware.build}|${(firmware.backports ?? []).join('+')}`;
}

/** PcdUse1GPageTable of a build at a release (ovmf.md §5.3). OvmfPkgIa32 has no 64-bit page tables. */
export function buildUses1GPageTable(rules: OvmfRules, build: OvmfBuild): boolean {
  if (build === 'x64') return rules.x64Uses1GPageTable;
  if (build === 'ia32x64') return rules.ia32x64Uses1GPageTable;
  return false;
}

/** The PEI's asserted maximum width (ovmf.md §2.7): IA32 PEI builds stay at 48. */
export function peiWidthMax(rules: OvmfRules, build: OvmfBuild): number {
  return build === 'x64' ? rules.x64PeiWidthMax : 48;
}
