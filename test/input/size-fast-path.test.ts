/** Sums of products of whole sizes are computed without mathjs: same values, same errors as the mathjs path. */
import { describe, expect, it } from 'vitest';
import { expressionSize, parseSize } from '../../src/input/size.js';

const G = 1n << 30n;
const T = 1n << 40n;

describe('size expressions without mathjs', () => {
  it.each([
    ['1T + 512G', T + 512n * G], // the README's 1.5 TiB
    ['1T+512G', T + 512n * G],
    ['2 * 64G', 128n * G],
    ['4 * 1 GiB + 2 * 512M', 5n * G],
    ['1 + 2 * 3', 7n],
    ['0.5G + 1G', G + G / 2n], // a fractional factor that is still whole bytes
    ['16384P * 1 + 0', 1n << 64n], // 2^64, the largest size QEMU accepts
  ])('%s is %s bytes on both paths', async (input, bytes) => {
    expect(await parseSize(input)).toEqual({ ok: true, value: bytes });
    expect(await expressionSize(input)).toEqual({ ok: true, value: bytes });
  });

  it.each([
    '16384P + 1', // 2^64 + 1: too large
    '16384P * 2',
    '0.5 + 0.5', // not whole per factor: mathjs sums them to 1
    '1.5 * 3',
    '1e + 1', // mathjs's e
    '16E+0', // ambiguous exponent
    '1G +',
    '+ 1G',
    '1G ++ 2G',
    '-1G + 2G',
    '1G * -1',
    '1G\n+ 1', // a second statement for mathjs
  ])('%s gives what the mathjs path gives', async (input) => {
    expect(await parseSize(input)).toEqual(await expressionSize(input));
  });
});
