/**
 * vtdIommuWidth, amdIommuWidth, readVtdCapFile: IOMMU IOVA widths from registers. The VT-d values are capability
 * registers as Linux prints them in real boot logs, decoded by hand: MGAW = bits 21:16 plus one, SAGAW = bits 12:8
 * (bit 1 = 3-level/39 bits, bit 2 = 4-level/48, bit 3 = 5-level/57); the width is min(deepest SAGAW ≤ 57 bits, MGAW).
 */
import { describe, expect, it } from 'vitest';
import { amdIommuWidth, narrowestWidth, readVtdCapFile, vtdIommuWidth } from '../../../src/input/importers/iommu-width.js';
import { errorOf, ok } from './helpers.js';

describe('vtdIommuWidth', () => {
  it.each<[string, string, number, string]>([
    // 0x6f0466: bits 21:16 = 0x2f = 47 → MGAW 48; bits 12:8 = 0x04 → 4-level.
    ['Xeon Gold 5215 (DMAR HAW 46)', '8d2078c106f0466', 48, 'VT-d cap 8d2078c106f0466: MGAW 48, 4-level tables (48 bits)'],
    // 0xe60262: 0xe6 & 0x3f = 0x26 = 38 → MGAW 39; 0x02 → 3-level. The DMAR table says 36: the HAW is another width.
    ['Sandy Bridge desktop (DMAR HAW 36)', 'c0000020e60262', 39, 'VT-d cap c0000020e60262: MGAW 39, 3-level tables (39 bits)'],
    // 0x660462: 0x66 & 0x3f = 0x26 → MGAW 39; 0x04 → 4-level: the tables reach 48 bits, MGAW stops at 39.
    ['Comet Lake laptop (DMAR HAW 39)', '1c0000c40660462', 39, 'VT-d cap 1c0000c40660462: MGAW 39, 4-level tables (48 bits)'],
    // 0x2f0686: 0x2f → MGAW 48; 0x06 → 3- and 4-level, the deeper counts.
    ['QEMU intel-iommu (DMAR HAW 48)', 'd2008c222f0686', 48, 'VT-d cap d2008c222f0686: MGAW 48, 4-level tables (48 bits)'],
    // MGAW 57 (field 0x38) with only 4-level tables (0x04): Linux's domain stops at 48 bits.
    ['MGAW above the tables', '380400', 48, 'VT-d cap 380400: MGAW 57, 4-level tables (48 bits)'],
  ])('%s: cap %s gives %i bits', (_name, cap, bits, from) => {
    expect(vtdIommuWidth(BigInt(`0x${cap}`))).toStrictEqual({ bits, from });
  });

  it('gives no width for a unit that supports no table depth (SAGAW 0), as Linux does no translation there', () => {
    expect(vtdIommuWidth(0x260000n)).toBe('VT-d cap 260000 supports no page-table depth (SAGAW 0): Linux does no DMA translation with this unit');
  });
});

describe('amdIommuWidth', () => {
  it.each<[bigint, number]>([
    // 0xa5a: bits 11:10 = 0b10 → HATS 2 → 6 levels → all 64 bits (PM_LEVEL_SIZE(6) = ~0).
    [0x58f77ef22294a5an, 64],
    // HATS 0 → 4 levels → 12 + 36 = 48 bits; HATS 1 → 5 levels → 57 bits.
    [0x0n, 48],
    [0x400n, 57],
  ])('EFR %s gives %i bits', (efr, bits) => {
    expect((amdIommuWidth(efr) as { bits: number }).bits).toBe(bits);
  });

  it('gives no width for the reserved HATS 11b', () => {
    expect(amdIommuWidth(0xc00n)).toBe('AMD-Vi EFR c00 has HATS 11b, which is reserved: Linux disables host translation');
  });
});

describe('narrowestWidth', () => {
  it('takes the narrowest unit, and warns only when units differ', () => {
    expect(narrowestWidth([])).toBeNull();
    expect(narrowestWidth([{ bits: 48, from: 'a' }, { bits: 48, from: 'b' }])).toStrictEqual({ bits: 48, warning: null });
    expect(narrowestWidth([{ bits: 48, from: 'a' }, { bits: 39, from: 'b' }])).toStrictEqual({ bits: 39, warning: 'the IOMMU units differ in width (48, 39 bits): the narrowest, 39, is used' });
  });
});

describe('readVtdCapFile', () => {
  it('reads the sysfs file as the kernel prints it (%llx), one unit per line, 0x allowed', () => {
    expect(ok(readVtdCapFile('8d2078c106f0466\n', 'cap')).map((w) => w.bits)).toEqual([48]);
    expect(ok(readVtdCapFile('8d2078c106f0466\n0xc0000020e60262\n\n', 'caps')).map((w) => w.bits)).toEqual([48, 39]);
  });

  it('refuses an empty file, a value that is not hex and a unit without table depths, in one line', () => {
    expect(errorOf(readVtdCapFile('\n', 'cap'))).toMatchInlineSnapshot(`"cap: is empty: give the content of /sys/class/iommu/dmar*/intel-iommu/cap"`);
    expect(errorOf(readVtdCapFile('d2008c40660462:ff\n', 'cap'))).toMatchInlineSnapshot(`"cap: "d2008c40660462:ff" is not a VT-d capability register (a hex number, as /sys/class/iommu/dmar*/intel-iommu/cap holds)"`);
    expect(errorOf(readVtdCapFile('260000', 'cap'))).toMatch(/^cap: VT-d cap 260000 supports no page-table depth/);
  });
});
