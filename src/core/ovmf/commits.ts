/**
 * The edk2 commits that change what the model computes, each with the first stable tag that contains it
 * (`git describe --contains`, tianocore/edk2) and the rule it brings. A release is the set of these it contains
 * (tags.ts); a distribution package is its release plus the ones it backports (shared/spec/releases-2026.md §2).
 * A new rule is one row here and one field in releases.ts.
 */
import type { Edk2MainlineTag } from './tags.js';

export interface OvmfCommit {
  /** The first 12 hex digits of the commit, as edk2's own messages and the changelogs cite it. */
  readonly hash: string;
  /** The first mainline stable tag whose history holds it. */
  readonly since: Edk2MainlineTag;
  /** What changes for the model, in the commit's own words where they are short. */
  readonly rule: string;
  /** A revert names the commit it takes back (edk2 reverts are commits too). */
  readonly reverts?: string;
}

export const OVMF_COMMITS = [
  { hash: '7e5b1b670c38', since: 'edk2-stable201808', rule: 'X-PciMmio64Mb read into a 7-character buffer (raw parser)' },
  { hash: '98800cce65c4', since: 'edk2-stable202005', rule: 'X-PciMmio64Mb parsed with QemuFwCfgParseUint32' },
  { hash: 'e23f8f52fd1e', since: 'edk2-stable202205', rule: 'the X64 PEI accepts PhysMemAddressWidth up to 52 (was 48)' },
  { hash: '2b80269d9862', since: 'edk2-stable202205', rule: 'OvmfPkgX64 sets PcdUse1GPageTable' },
  { hash: '8f9ef9c9a064', since: 'edk2-stable202211', rule: 'the CPUID width is trusted for some vendor/width pairs; capped at 47' },
  { hash: 'ecb778d0ac62', since: 'edk2-stable202211', rule: 'the dynamic 64-bit MMIO window: 1/8 of the address space' },
  { hash: '9e6b552b4c48', since: 'edk2-stable202211', rule: 'PciHotPlugInitDxe pads hot-plug ports with 1/256 of the aperture' },
  { hash: 'bf65d7ee8842', since: 'edk2-stable202302', rule: 'QEMU\'s reserved E820 entries are passed through to the OS' },
  { hash: 'c0a0b9bc3534', since: 'edk2-stable202302', rule: 'the dynamic window moves below intersecting E820 reservations' },
  { hash: 'e03753046826', since: 'edk2-stable202302', rule: 'FirstNonAddress is no longer reset to the classic value after the CPUID step' },
  { hash: 'c1e853769046', since: 'edk2-stable202308', rule: 'the trusted width is capped at 46 (was 47)' },
  { hash: 'd4d24001f78b', since: 'edk2-stable202308', rule: 'the width is capped at 40 when the build has PcdUse1GPageTable=FALSE' },
  { hash: 'b63e17d746aa', since: 'edk2-stable202308', rule: 'OvmfPkgIa32X64 sets PcdUse1GPageTable' },
  { hash: '3ad1d7eb7bcb', since: 'edk2-stable202405', rule: 'PEI counts the identity map\'s page-table pages level by level' },
  { hash: 'adebfe121ca0', since: 'edk2-stable202405', rule: 'with 5-level paging the trusted width is capped at 48' },
  { hash: '603ad2d6ae7c', since: 'edk2-stable202408', rule: 'GuestPhysBits makes the width trusted and limits it; no 48 cap with it' },
  { hash: '2069a63a8e4b', since: 'edk2-stable202411', rule: 'small guests drop to 4-level paging; knob opt/org.tianocode/PagingLevel' },
  { hash: '6234d09f7582', since: 'edk2-stable202505', rule: 'the paging knob is spelled opt/org.tianocore/PagingLevel' },
  { hash: '9ac1704af664', since: 'edk2-stable202505', rule: 'a parsed X-PciMmio64Mb overrides the dynamic window unconditionally' },
  { hash: '1fb88ffe2847', since: 'edk2-stable202511', rule: 'OvmfPkgIa32 is removed' },
  { hash: 'f6489621b8ae', since: 'edk2-stable202602', rule: 'PciBusDxe degrades MEM64 to PMEM64 when the bridge lacks MEM64' },
  { hash: 'defbd14d6373', since: 'edk2-stable202605', rule: 'revert of f6489621b8ae ("compatibility issues")', reverts: 'f6489621b8ae' },
] as const satisfies readonly OvmfCommit[];

export type OvmfCommitHash = (typeof OVMF_COMMITS)[number]['hash'];

const BY_PREFIX = OVMF_COMMITS as readonly OvmfCommit[];

/** The modelled commit a hash of 7 or more hex digits names, or undefined (changelogs cite 10- or 12-digit prefixes). */
export function modelledCommit(hash: string): OvmfCommit | undefined {
  const wanted = hash.toLowerCase();
  if (!/^[0-9a-f]{7,40}$/.test(wanted)) return undefined;
  return BY_PREFIX.find((c) => wanted.startsWith(c.hash) || c.hash.startsWith(wanted));
}
