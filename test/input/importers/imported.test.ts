/** sizeString, releaseOf, countedList: the small conversions every importer uses. */
import { describe, expect, it } from 'vitest';
import { countedList, releaseOf, sizeString } from '../../../src/input/importers/imported.js';

describe('sizeString', () => {
  it.each<[bigint, string]>([
    [8n << 30n, '8G'], [2n << 40n, '2T'], [1536n << 20n, '1536M'], [219136n << 10n, '214M'], [1000001n << 10n, '1000001K'], [4097n, '4097'], [0n, '0'],
  ])('writes %s bytes as %s', (bytes, text) => {
    expect(sizeString(bytes)).toBe(text);
  });
});

describe('releaseOf', () => {
  it.each<[string, string | null]>([
    ['7.2.15Debian 1:7.2+dfsg-7+deb12u12', '7.2'], ['9.0.0', '9.0'], ['/opt/qemu-10.1/bin/qemu-system-x86_64', '10.1'], ['qemu-system-x86_64', null],
  ])('reads %s as %s', (text, release) => {
    expect(releaseOf(text)).toBe(release);
  });
});

describe('countedList', () => {
  it('counts repeats in first-seen order', () => {
    expect(countedList(['-device', '-smp', '-device', '-device'])).toBe('-device ×3, -smp');
    expect(countedList([])).toBe('');
  });
});
