import { beforeAll, describe, expect, it } from 'vitest';
import { parseSize } from '../../src/input/size.js';

const KiB = 1n << 10n;
const GiB = 1n << 30n;
const TiB = 1n << 40n;
const EiB = 1n << 60n;
const TWO_TO_64 = 1n << 64n;

async function accepted(text: string): Promise<bigint> {
  const result = await parseSize(text);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to be accepted, got: ${result.reason}`);
  return result.value;
}

async function rejected(text: string): Promise<string> {
  const result = await parseSize(text);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to be rejected, got ${result.value}`);
  return result.reason;
}

describe('parseSize, simple form', () => {
  it.each<[string, bigint]>([
    ['4096', 4096n],
    ['0', 0n],
    ['1G', GiB],
    ['1g', GiB],
    ['1GiB', GiB],
    ['1gib', GiB],
    ['1GB', GiB],
    ['1gB', GiB],
    ['1 G', GiB],
    ['1 GiB', GiB],
    ['1\tG', GiB],
    ['  1G  ', GiB],
    ['1k', KiB],
    ['1KB', KiB],
    ['1kib', KiB],
    ['1KiB', KiB],
    ['2M', 2n << 20n],
    ['3T', 3n * TiB],
    ['1P', 1n << 50n],
    ['1e', EiB],
    ['59.5G', 63887638528n],
    ['1.5T', 1649267441664n],
    ['0.5K', 512n],
    ['512b', 512n],
    ['512 B', 512n],
    ['-0', 0n],
    // Hexadecimal, as this tool writes sizes in its JSON output, so that output can be read back.
    ['0x800000000', 32n * GiB],
    ['0X10', 16n],
    ['0xffffffffffffffff', TWO_TO_64 - 1n],
  ])('reads %j as %s bytes', async (text, bytes) => {
    expect(await accepted(text)).toBe(bytes);
  });

  // QEMU's qemu_strtosz refuses 2^64 and above (ERANGE): so does the planner (issue 21).
  it.each(['0x10000000000000000', '0x10000000000000001', '16E', '16EiB'])('rejects %s, 2^64 or more', async (text) => {
    expect(await rejected(text)).toMatch(/is 2\^64 bytes \(16E\) or more; QEMU's sizes are below 2\^64/);
  });

  it('computes fractional suffixed sizes exactly, without floating point', async () => {
    expect(await accepted('10.25G')).toBe((41n * GiB) / 4n);
    // (2^64 - 1) / 2^60: a double would round this to 16E.
    expect(await accepted('15.999999999999999999132638262011596452794037759304046630859375E')).toBe(TWO_TO_64 - 1n);
    expect(await accepted('0.0009765625K')).toBe(1n); // 2^-10 K
    expect(await accepted('0.000000000931322574615478515625G')).toBe(1n); // 2^-30 G
    expect(await rejected('4.000000000000000000001E')).toMatch('is not a whole number of bytes');
  });

  it('accepts 2^64 - 1 bytes and nothing above it', async () => {
    expect(await accepted('18446744073709551615B')).toBe(TWO_TO_64 - 1n);
    expect(await rejected('18446744073709551616B')).toMatch('is 2^64 bytes (16E) or more');
  });
});

describe('parseSize, expression form', () => {
  it.each<[string, bigint]>([
    ['1T + 512G', 1099511627776n + 549755813888n],
    ['2^40', 1099511627776n],
    ['(1G + 1) * 2', 2147483650n],
    ['4G / 2', 2147483648n],
    ['2 * 1e3', 2000n],
    ['1e3 + 0', 1000n],
    ['16E - 1', TWO_TO_64 - 1n],
    ['2^64 - 1', TWO_TO_64 - 1n],
    ['2^2^2^2', 65536n],
    ['2^10K', 1n << 20n],
    ['1K^2', 1n << 20n],
    ['512G', 512n * GiB],
    ['59.5 * 1G', 63887638528n],
    ['1GiB + 1kb + 1MiB', GiB + KiB + (1n << 20n)],
    ['1G + 512B', GiB + 512n],
    ['2eb + 1', 2n * EiB + 1n],
    ['(1G)', GiB],
    ['+4G', 4n * GiB],
    ['2^-1 * 2', 1n],
    ['3T - 1T - 1T', TiB],
    ['1E * 1E / 1E', EiB],
  ])('evaluates %j to %s bytes', async (text, bytes) => {
    expect(await accepted(text)).toBe(bytes);
  });
});

describe('parseSize rejections', () => {
  it.each<[string, string | RegExp]>([
    ['', 'is empty'],
    ['   ', 'is empty'],
    ['1.1K', '"1.1K" is not a whole number of bytes'],
    ['0.5', 'is not a whole number of bytes'],
    ['banana', '"banana" is not a size (use bytes, a suffix K M G T P E, or an expression such as 1T + 512G)'],
    ['1.2.3', 'is not a size'],
    ['1e3', 'is not a size'],
    ['1,5G', 'is not a size'],
    ['-4G', '"-4G" is negative'],
    ['-1', '"-1" is negative'],
    ['-1.1K', 'is negative'],
    ['-(1G)', 'is negative'],
    ['1T - 2T', 'is negative'],
    ['1G/0', 'is not finite'],
    ['1T/3', 'is not a whole number of bytes'],
    ['1/3*3', 'is not a whole number of bytes'],
    ['2^64 + 1', 'is 2^64 bytes (16E) or more'],
    ['2^65', '"2^65" is 2^64 bytes (16E) or more'],
    ['17E', 'is 2^64 bytes (16E) or more'],
    ['16E + 1', 'is 2^64 bytes (16E) or more'],
    ['(-8)^(1/3)', 'is not a real number'],
    ['sqrt(4)', '"sqrt(4)" uses sqrt, but only + - * / ^ ( ), numbers'],
    ['import({}, {})', 'uses import'],
    ['evaluate("1")', 'uses evaluate'],
    ['createUnit("x")', 'uses createUnit'],
    ['parse("1") + 1', 'uses parse'],
    ['simplify("x") + 1', 'uses simplify'],
    ['a = 1', 'is not a size'],
    ['a = 1 + 1', 'uses = (assignment)'],
    ['f(x) = x + 1', 'uses a function definition'],
    ['1; 2', 'is not a size'],
    ['1; 2 + 3', 'uses ; or a line break'],
    ['1G\n+ 1', 'uses ; or a line break'],
    ['[1,2]', 'is not a size'],
    ['[1,2] * 2', 'uses [ ]'],
    ['{a: 1} * 2', 'uses { }'],
    ['"1"', 'is not a size'],
    ['"1" + 1', 'uses a string'],
    ['true + 1', 'uses true'],
    ['Infinity + 1', 'uses Infinity'],
    ['(1 ? 2 : 3)', 'uses ? :'],
    ['(1:3) + 1', 'uses :'],
    ['1 < 2 + 1', 'uses <'],
    ['3 % 2 + 1', 'uses %'],
    ['5! + 1', 'uses !'],
    ['a.b + 1', 'uses property access or indexing'],
    ['pi * 1G', 'uses pi'],
    ['x + 1', 'uses x'],
    ['K(2)', 'uses K(...) as a function'],
    ['2e + 1', 'uses e, which mathjs reads as a number exponent'],
    ['16E+0', 'is ambiguous'],
    ['2e-1 * 10', 'is ambiguous'],
    ['1 +', '"1 +" is not a valid expression'],
    ['(1G', 'is not a valid expression'],
    ['2^200', 'uses an exponent larger than 128'],
    ['2^(-200)', 'uses an exponent larger than 128'],
    ['2^2^2^2^2^2', 'nests ^ more than 3 deep'],
    ['9^9^9', 'is 2^64 bytes (16E) or more'],
    ['9^9^9 - 9^9^9', 'has an intermediate value larger than 2^128'],
    ['2^100 * 2^100 / 2^100', 'has an intermediate value larger than 2^128'],
    ['1.00000000000000000000000000000000000000000000000001 * 1', 'has a number with more than 40 digits'],
    ['x'.repeat(300), 'is too long (at most 256 characters)'],
    [`${'1+'.repeat(150)}1`, 'is too long (at most 256 characters)'],
  ])('rejects %j with a reason mentioning %j', async (text, phrase) => {
    const reason = await rejected(text);
    expect(reason).toMatch(phrase);
    expect(reason).not.toMatch(/[\r\n]/);
  });

  it('keeps the reason short for very long input', async () => {
    const reason = await rejected('9'.repeat(10_000));
    expect(reason.length).toBeLessThan(100);
  });

  it('never throws, whatever the input', async () => {
    const inputs = ['\u0000', '()', '(', ')', '^', '1^', '--1', '1 2 + 3', '0x', '0b + 1', '\\', '1G)', '@ + 1', '1e+'];
    for (const text of inputs) {
      const result = await parseSize(text);
      if (!result.ok) expect(result.reason).not.toMatch(/[\r\n]/);
    }
  });
});

describe('parseSize cost bounds', () => {
  beforeAll(async () => {
    await parseSize('1 + 1'); // load mathjs outside the timed tests
  });

  it.each(['9^9^9', '9^9^9^9', '2^2^2^2^2^2', '(9^9^9)^(9^9^9)', '(1/3)^(99^4)', `${'8^8^8+'.repeat(40)}1`])(
    'returns quickly for %j',
    async (text) => {
      const started = performance.now();
      const result = await parseSize(text);
      expect(performance.now() - started).toBeLessThan(500);
      expect(result.ok).toBe(false);
    },
  );

  it('evaluates a long chain of additions quickly', async () => {
    const started = performance.now();
    expect(await accepted(`${'1+'.repeat(127)}1`)).toBe(128n);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
