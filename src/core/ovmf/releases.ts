/**
 * edk2 stable tags and the OVMF sizing rules each one carries, as one table of changes (shared/spec/ovmf.md §1).
 * `ovmfRules(tag)` flattens the table into the rule set the sizing arithmetic takes.
 */

export const EDK2_TAGS = [
  'edk2-stable201808', 'edk2-stable201811', 'edk2-stable201903', 'edk2-stable201905', 'edk2-stable201908',
  'edk2-stable201911', 'edk2-stable202002', 'edk2-stable202005', 'edk2-stable202008', 'edk2-stable202011',
  'edk2-stable202102', 'edk2-stable202105', 'edk2-stable202108', 'edk2-stable202111', 'edk2-stable202202',
  'edk2-stable202205', 'edk2-stable202208', 'edk2-stable202211', 'edk2-stable202302', 'edk2-stable202305',
  'edk2-stable202308', 'edk2-stable202311', 'edk2-stable202402', 'edk2-stable202405', 'edk2-stable202408',
  'edk2-stable202411', 'edk2-stable202502', 'edk2-stable202505', 'edk2-stable202508', 'edk2-stable202511',
  'edk2-stable202602', 'edk2-stable202605',
] as const;

export type Edk2Tag = (typeof EDK2_TAGS)[number];

export const NEWEST_EDK2: Edk2Tag = 'edk2-stable202605';

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
  /** Cap 40 when the build has PcdUse1GPageTable=FALSE (d4d24001f78b, 202308). */
  readonly pageTablePcdCap: boolean;
  /** GuestPhysBits makes the width trusted and limits it (603ad2d6ae7c, 202408). */
  readonly guestPhysBits: boolean;
  /** The dynamic window moves below intersecting E820 entries (c0a0b9bc3534, 202302). */
  readonly conflictMove: boolean;
  /** FirstNonAddress is reset to the classic value after the CPUID call (202211 only; e0375304682 stopped it). */
  readonly firstNonAddressReset: boolean;
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
}

/** The paging-level knob's name, as each release spells it. */
export const PAGING_LEVEL_KNOB_MISSPELLED = 'opt/org.tianocode/PagingLevel';
export const PAGING_LEVEL_KNOB = 'opt/org.tianocore/PagingLevel';

const TAG_INDEX: ReadonlyMap<string, number> = new Map(EDK2_TAGS.map((tag, i) => [tag, i]));

function tagIndex(tag: Edk2Tag): number {
  return TAG_INDEX.get(tag)!;
}

export function isEdk2Tag(value: string): value is Edk2Tag {
  return (EDK2_TAGS as readonly string[]).includes(value);
}

/** True when `tag` is `since` or a later release. */
export function isAtLeastTag(tag: Edk2Tag, since: Edk2Tag): boolean {
  return tagIndex(tag) >= tagIndex(since);
}

function familyOf(tag: Edk2Tag): OvmfFamily {
  const at = (since: Edk2Tag) => isAtLeastTag(tag, since);
  if (at('edk2-stable202505')) return 'D25';
  if (at('edk2-stable202411')) return 'D24c';
  if (at('edk2-stable202408')) return 'D24b';
  if (at('edk2-stable202405')) return 'D24a';
  if (at('edk2-stable202308')) return 'D23b';
  if (at('edk2-stable202302')) return 'D23a';
  if (at('edk2-stable202211')) return 'D22';
  return at('edk2-stable202005') ? 'C-new' : 'C-old';
}

function pagingCapOf(tag: Edk2Tag): PagingCap {
  if (isAtLeastTag(tag, 'edk2-stable202408')) return 'la57-guest-phys-bits';
  if (isAtLeastTag(tag, 'edk2-stable202405')) return 'la57';
  return isAtLeastTag(tag, 'edk2-stable202308') ? 'cap46' : 'cap47';
}

const RULES = new Map<Edk2Tag, OvmfRules>();

/** The rule set of a release (computed once per tag: the table is fixed). */
export function ovmfRules(tag: Edk2Tag): OvmfRules {
  let rules = RULES.get(tag);
  if (!rules) {
    rules = rulesOf(tag);
    RULES.set(tag, rules);
  }
  return rules;
}

function rulesOf(tag: Edk2Tag): OvmfRules {
  const at = (since: Edk2Tag) => isAtLeastTag(tag, since);
  return Object.freeze({
    edk2: tag,
    family: familyOf(tag),
    knobParser: at('edk2-stable202005') ? 'uint32' : 'raw',
    x64PeiWidthMax: at('edk2-stable202205') ? 52 : 48,
    x64Uses1GPageTable: at('edk2-stable202205'),
    ia32x64Uses1GPageTable: at('edk2-stable202308'),
    cpuidTrust: at('edk2-stable202211'),
    pagingCap: pagingCapOf(tag),
    pageTablePcdCap: at('edk2-stable202308'),
    guestPhysBits: at('edk2-stable202408'),
    conflictMove: at('edk2-stable202302'),
    firstNonAddressReset: tag === 'edk2-stable202211',
    pagingLevelKnob: at('edk2-stable202505') ? PAGING_LEVEL_KNOB : at('edk2-stable202411') ? PAGING_LEVEL_KNOB_MISSPELLED : null,
    knobOverride: at('edk2-stable202505'),
    ia32Build: !at('edk2-stable202511'),
    hotplugPrefetchablePadding: at('edk2-stable202211'),
  } satisfies OvmfRules);
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
