import { describe, expect, it } from 'vitest';
import { formatSize, hex, hex64 } from '../../src/render/format.js';
import { g, m } from '../builders.js';

describe('hex', () => {
  it('writes lowercase hex without padding, as the JSON contract requires', () => {
    expect(hex(0x8_0000_0000n)).toBe('0x800000000');
    expect(hex(0n)).toBe('0x0');
    expect(hex((1n << 64n) - 1n)).toBe('0xffffffffffffffff');
  });

  it('pads to 16 digits for address columns', () => {
    expect(hex64(0xfd_0000_0000n)).toBe('0x000000fd00000000');
  });
});

describe('formatSize', () => {
  it.each<[bigint, string]>([
    [g(32), '32 GiB'],
    [g(2.75), '2.75 GiB'],
    [g(986.5), '986.5 GiB'],
    [m(2028), '2028 MiB'], // 1.98046875 GiB is not exact to two decimals
    [1n << 60n, '1 EiB'],
    [1n << 64n, '16 EiB'],
    [4096n, '4 KiB'],
    [1000n, '1000 B'],
    [0n, '0 B'],
    // Issue 17: five digits or more in the exact unit read as a sum. Four L40S root-port windows: 4 x (64 GiB + 32 MiB)
    // laid out 64 GiB-aligned need 3 x 128 GiB + 64 GiB + 32 MiB = 448 GiB + 32 MiB = 458784 MiB.
    [m(458784), '448 GiB + 32 MiB'],
    [m(196640), '192 GiB + 32 MiB'],
    [m(9999), '9999 MiB'],
    // The identity map of 2^46 with 2 MiB pages: 262660 KiB = 256 MiB + 516 KiB.
    [262660n * 1024n, '256 MiB + 516 KiB'],
    [g(10241), '10 TiB + 1 GiB'],
  ])('writes %s bytes as %s, never rounding', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });
});
