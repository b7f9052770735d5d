import { describe, expect, it } from 'vitest';
import { apportion, labelLine, mapLayout, markerLabel } from '../../src/render/map-scale.js';
import type { MapRegion } from '../../src/render/address-map.js';
import { mapMarkers, mapRegions } from '../../src/render/address-map.js';
import { plan } from '../../src/core/plan.js';
import { GiB, MiB } from '../../src/core/units.js';
import { aVm } from '../builders.js';

const region = (base: bigint, size: bigint, kind: MapRegion['kind']): MapRegion => ({ base, size, kind, what: kind, by: 'QEMU' });

describe('apportion', () => {
  it('gives every piece one column, then shares the rest by weight', () => {
    // 6 columns, weights 3 and 1: 1 + 1, then 4 more shared 3:1.
    expect(apportion([3, 1], 6)).toEqual([4, 2]);
  });

  it('hands the columns left after rounding down to the largest remainders', () => {
    // rest 2 shared 1:2 is 2/3 and 4/3: floors 0 and 1, remainders 2/3 and 1/3, so the first gets the last column.
    expect(apportion([1, 2], 4)).toEqual([2, 2]);
  });

  it('gives single columns to the heaviest pieces (the earlier among equals) when there are more pieces than columns', () => {
    expect(apportion([5, 7, 5], 2)).toEqual([1, 1, 0]);
    expect(apportion([5, 5, 5], 2)).toEqual([1, 1, 0]);
  });

  it('gives nothing when there is no column or no piece', () => {
    expect(apportion([1, 2], 0)).toEqual([0, 0]);
    expect(apportion([], 5)).toEqual([]);
  });
});

describe('mapLayout', () => {
  it('lays out regions, gaps and a marker with log-size weights, and labels 0, 4G and the marker', () => {
    // Weights are bit lengths minus 20: 1G → 11, the 3G gap → 12, 4G → 13, the 56G gap → 16 (sum 52). 19 columns
    // after the marker: one each, then 15 by weight: 3 r9, 3 r24, 3 r39, 4 r32, and the two left over go to r39 and r32.
    const layout = mapLayout([region(0n, GiB, 'ram'), region(4n * GiB, 4n * GiB, 'ram')], [{ address: 64n * GiB, what: '2^36' }], 20);
    expect(layout.end).toBe(64n * GiB);
    expect(layout.segments.map((s) => [s.kind, s.column, s.width])).toEqual([
      ['ram', 0, 4], ['unused', 4, 4], ['ram', 8, 5], ['unused', 13, 6], ['marker', 19, 1],
    ]);
    expect(layout.segments.map((s) => s.region)).toEqual([0, null, 1, null, null]);
    // The marker's label ends at the right edge.
    expect(labelLine(layout.labels)).toBe('0       4G      2^36');
  });

  it('draws the 64-bit aperture over memory as a conflict', () => {
    const layout = mapLayout([region(0n, 8n * GiB, 'ram'), region(6n * GiB, 4n * GiB, 'aperture')], [], 30);
    expect(layout.segments.map((s) => s.kind)).toEqual(['ram', 'conflict', 'aperture']);
    expect(layout.segments.map((s) => s.region)).toEqual([0, 1, 1]);
  });

  it('draws the aperture over QEMU\'s pci-hole64 as one aperture piece', () => {
    const layout = mapLayout([region(10n * GiB, 32n * GiB, 'pci-hole64'), region(32n * GiB, 32n * GiB, 'aperture')], [], 30);
    expect(layout.segments.map((s) => [s.kind, s.base, s.size])).toEqual([
      ['unused', 0n, 10n * GiB], ['pci-hole64', 10n * GiB, 22n * GiB], ['aperture', 32n * GiB, 32n * GiB],
    ]);
  });

  it('splits a region at a marker inside it and keeps one marker piece per address', () => {
    const layout = mapLayout([region(0n, 1024n * GiB, 'ram')], [{ address: 512n * GiB, what: 'a' }, { address: 512n * GiB, what: 'b' }], 40);
    expect(layout.segments.map((s) => [s.kind, s.markers])).toEqual([['ram', []], ['marker', [0, 1]], ['ram', []]]);
  });

  it('keeps the 20 MiB below 4 GiB visible next to 400 GiB (small-desktop on the README\'s 78 columns)', () => {
    // The README's plan: RAM, 32-bit PCI hole, platform, RAM above 4 GiB, pci-hole64, a gap, OVMF's aperture, 2^39.
    const thePlan = plan(aVm({ memory: 8n * GiB, machineVersion: { major: 7, minor: 2 }, qemuVersion: { major: 7, minor: 2 }, cpu: { vendor: 'intel', physBits: 39, pdpe1gb: true }, firmware: { edk2: 'edk2-stable202211', build: 'ia32x64' } }));
    const layout = mapLayout(mapRegions(thePlan), mapMarkers(thePlan), 78);
    expect(layout.segments.map((s) => s.kind)).toEqual(['ram', 'pci-hole', 'platform', 'ram', 'pci-hole64', 'unused', 'aperture', 'marker']);
    expect(layout.segments.every((s) => s.width >= 1)).toBe(true);
    expect(layout.segments.reduce((n, s) => n + s.width, 0)).toBe(78);
    const platform = layout.segments[2]!;
    expect([platform.base, platform.size]).toEqual([0xfec0_0000n, 20n * MiB]);
  });
});

describe('markerLabel', () => {
  it('writes a power of two as 2^N and anything else in hex', () => {
    expect(markerLabel(0x80_0000_0000n)).toBe('2^39');
    expect(markerLabel(0x80_0000_0001n)).toBe('0x8000000001');
  });
});
