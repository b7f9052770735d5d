/** libvirtBytes and qemuBytes: sizes as libvirt and QEMU write them, to exact bytes. */
import { describe, expect, it } from 'vitest';
import { libvirtBytes, qemuBytes } from '../../../src/input/importers/foreign-sizes.js';
import { errorOf } from './helpers.js';

describe('libvirtBytes', () => {
  it.each<[string, string | undefined, bigint]>([
    ['8388608', undefined, 8n << 30n],
    ['8388608', 'KiB', 8n << 30n],
    ['8388608', 'k', 8n << 30n],
    ['16', 'GiB', 16n << 30n],
    ['16', 'G', 16n << 30n],
    ['16', 'g', 16n << 30n],
    ['2', 'TiB', 2n << 40n],
    ['1', 'EiB', 1n << 60n],
    ['1000', 'KB', 1_000_000n],
    ['3', 'GB', 3_000_000_000n],
    ['4096', 'b', 4096n],
    ['4096', 'bytes', 4096n],
  ])('reads %s with unit %s (KiB without one, as <memory> and <pcihole64>)', (value, unit, bytes) => {
    expect(libvirtBytes(value, unit, '<memory>')).toBe(bytes);
  });

  it('rejects a unit libvirt does not know, and a number that is not whole', () => {
    expect(errorOf(libvirtBytes('8', 'KiBB', 'd.xml: <memory>'))).toBe(
      'd.xml: <memory>: unit "KiBB" is not one of b, bytes, KiB, KB, MiB, MB, GiB, GB, TiB, TB, PiB, PB, EiB, EB',
    );
    expect(errorOf(libvirtBytes('8.5', 'G', 'd.xml: <memory>'))).toBe('d.xml: <memory>: "8.5" is not a whole number');
  });
});

describe('qemuBytes', () => {
  it.each<[string, 'B' | 'M', bigint]>([
    ['4096', 'M', 4n << 30n],
    ['4G', 'M', 4n << 30n],
    ['67108864k', 'M', 64n << 30n],
    ['268435456K', 'B', 256n << 30n],
    ['1.5G', 'B', 3n << 29n],
    ['17179869184', 'B', 16n << 30n],
    ['0x800000000', 'B', 32n << 30n],
  ])('reads %s (default unit %s)', (text, unit, bytes) => {
    expect(qemuBytes(text, unit)).toBe(bytes);
  });

  it('gives null for what is not a size, and for a fraction of a byte', () => {
    expect(qemuBytes('lots', 'B')).toBeNull();
    expect(qemuBytes('1.5', 'B')).toBeNull();
    expect(qemuBytes('4X', 'M')).toBeNull();
  });
});
