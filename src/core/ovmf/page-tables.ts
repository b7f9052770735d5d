/**
 * How much memory the DXE IPL's identity map of 2^width takes, as OVMF's PEI estimates it (shared/spec/ovmf.md §5.1).
 * @see GetPeiMemoryCap (OvmfPkg/PlatformPei/MemDetect.c)
 */
import { KiB, MiB } from '../units.js';
import type { OvmfRules } from './releases.js';

const PAGE = 4n * KiB;
/** OVMF adds this much for everything else in PEI; page tables beyond it dominate the permanent PEI memory. */
export const PEI_MISC_ALLOWANCE = 64n * MiB;

/**
 * @param uses1GPages PcdUse1GPageTable of the build and the CPU's 1 GiB pages (both are needed)
 * @returns bytes of page-table pages
 */
export function identityMapBytes(width: number, uses1GPages: boolean, rules: OvmfRules): bigint {
  return pageCount(width, uses1GPages, rules) * PAGE;
}

function pageCount(width: number, uses1GPages: boolean, rules: OvmfRules): bigint {
  // 3ad1d7eb7bcb (202405) counts pages level by level, with one level-5 page whatever the paging mode.
  if (rules.pageTablesByLevel) {
    const level2 = (1n << BigInt(width)) >> 30n;
    const level3 = max1(level2 >> 9n);
    const level4 = max1(level3 >> 9n);
    return 1n + level4 + level3 + (uses1GPages ? 0n : level2);
  }
  // Before: modelled on CreateIdentityMappingPageTables().
  const pml4 = width <= 39 ? 1n : 1n << BigInt(width - 39);
  const pdpt = width <= 39 ? 1n << BigInt(width - 30) : 512n;
  return uses1GPages ? pml4 + 1n : (pdpt + 1n) * pml4 + 1n;
}

const max1 = (x: bigint) => (x > 1n ? x : 1n);
