/** OVMF flash layouts (seed 000; OvmfPkgDefines.fdf.inc; qemu.md §8.2). */
import { describe, expect, it } from 'vitest';
import { FLASH_LAYOUTS, varstoreLayout } from '../../src/core/firmware/flash.js';
import { KiB, MiB } from '../../src/core/units.js';

describe('FLASH_LAYOUTS', () => {
  it('splits each flash device into CODE and VARS: 0x1e0000 + 0x20000 = 2 MiB, 0x37c000 + 0x84000 = 4 MiB', () => {
    expect(FLASH_LAYOUTS['2m'].codeSize + FLASH_LAYOUTS['2m'].varsSize).toBe(2n * MiB);
    expect(FLASH_LAYOUTS['4m'].codeSize + FLASH_LAYOUTS['4m'].varsSize).toBe(4n * MiB);
  });

  it('has VARS of 128 and 528 KiB, the non-volatile data storage of seed 000\'s table', () => {
    expect([FLASH_LAYOUTS['2m'].varsSize, FLASH_LAYOUTS['4m'].varsSize]).toEqual([128n * KiB, 528n * KiB]);
  });
});

describe('varstoreLayout', () => {
  it.each([
    [0x20000n, '2m'], [0x84000n, '4m'], [0x40000n, null], [0x400000n, null],
  ] as const)('a varstore of %s bytes has the %s layout', (size, layout) => {
    expect(varstoreLayout(size)).toBe(layout);
  });
});
