/**
 * Invariants of OVMF's BAR placement (src/core/pci/placement.ts) over generated device sets and apertures.
 * `npm run test:props` runs each 100,000 times.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeDevices } from '../../src/core/pci/placement.js';
import type { PciBar, PciDevice, PciTopology } from '../../src/core/pci/devices.js';
import { EDK2_TAGS, ovmfRules } from '../../src/core/ovmf/releases.js';
import { GiB, MiB, isAligned, overlaps, pow2, rangeEnd } from '../../src/core/units.js';
import { RUNS } from './arbitraries.js';

const params = { numRuns: RUNS };
const TIMEOUT = 30_000 + RUNS * 5;

/** Up to three BARs at registers 0, 2 and 4 (each may be 64-bit), from 16 bytes to 256 GiB. */
const bars: fc.Arbitrary<PciBar[]> = fc.array(
  fc.record({ bits: fc.integer({ min: 4, max: 38 }), is64: fc.boolean(), prefetchable: fc.boolean() }),
  { minLength: 1, maxLength: 3 },
).map((list) => list.map((b, i) => ({ index: i * 2, size: pow2(b.is64 ? b.bits : Math.min(b.bits, 31)), is64: b.is64, prefetchable: b.prefetchable })));

const device = (i: number): fc.Arbitrary<PciDevice> => fc.record({
  bars, vga: fc.integer({ min: 0, max: 9 }).map((n) => n < 3), rootBus: fc.boolean(), hotplug: fc.boolean(),
  reserve: fc.option(fc.integer({ min: 0, max: 40 }).map((bits) => (bits === 0 ? 0n : pow2(bits) - 1n))),
}).map(({ bars: b, vga, rootBus, hotplug, reserve }) => ({
  name: `d${i}`, model: null, vga, bars: b, attach: rootBus ? 'root-bus' : 'root-port', hotplug, pref64Reserve: reserve,
}));

const topology: fc.Arbitrary<PciTopology> = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.tuple(fc.tuple(...Array.from({ length: n }, (_, i) => device(i))), fc.integer({ min: 0, max: 4 }))
    .map(([devices, emptyRootPorts]) => ({ devices, emptyRootPorts })));

/** A 1 GiB-aligned aperture of 1 GiB to 16 TiB somewhere below 2^48. */
const aperture = fc.record({ baseGiB: fc.integer({ min: 4, max: 200_000 }), sizeGiB: fc.integer({ min: 1, max: 16_384 }) })
  .map(({ baseGiB, sizeGiB }) => ({ base: BigInt(baseGiB) * GiB, size: BigInt(sizeGiB) * GiB }));

const tag = fc.constantFrom(...EDK2_TAGS);

describe(`BAR placement invariants (${RUNS} cases each)`, () => {
  it('places BARs naturally aligned, inside the aperture and the block, never overlapping; port windows hold their BARs', () => {
    fc.assert(fc.property(topology, aperture, tag, (pci, window, edk2) => {
      const result = placeDevices(pci, { aperture: window, usable: true }, ovmfRules(edk2));
      const placed = result.bars.filter((b) => b.where === 'above-4g');
      for (const bar of placed) {
        const range = bar.range!;
        expect(isAligned(range.base, bar.size)).toBe(true);
        expect(range.base >= window.base && rangeEnd(range) <= rangeEnd(window)).toBe(true);
        expect(range.base >= result.block!.base && rangeEnd(range) <= rangeEnd(result.block!)).toBe(true);
      }
      for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(overlaps(placed[i]!.range!, placed[j]!.range!)).toBe(false);
      const windows = result.ports.flatMap((p) => (p.range ? [p] : []));
      for (const port of windows) {
        expect(isAligned(port.range!.base, MiB) && isAligned(port.range!.size, MiB)).toBe(true);
        for (const bar of placed.filter((b) => b.device === port.device)) {
          expect(bar.range!.base >= port.range!.base && rangeEnd(bar.range!) <= rangeEnd(port.range!)).toBe(true);
        }
      }
      for (let i = 0; i < windows.length; i++) for (let j = i + 1; j < windows.length; j++) expect(overlaps(windows[i]!.range!, windows[j]!.range!)).toBe(false);
    }), params);
  }, TIMEOUT);

  it('rejects only what may be rejected, each device once, and places everything left when it ends with a block', () => {
    fc.assert(fc.property(topology, aperture, tag, (pci, window, edk2) => {
      const result = placeDevices(pci, { aperture: window, usable: true }, ovmfRules(edk2));
      const rejected = result.rejections.flatMap((r) => (r.kind === 'device' ? [r.device] : []));
      expect(new Set(rejected).size).toBe(rejected.length);
      for (const name of rejected) {
        const d = pci.devices.find((x) => x.name === name)!;
        expect(d.attach === 'root-port' && !d.vga).toBe(true);
        expect(result.bars.filter((b) => b.device === name).every((b) => b.where === 'unassigned')).toBe(true);
      }
      if (result.outcome === 'placed' || result.outcome === 'partial') {
        for (const bar of result.bars.filter((b) => !rejected.includes(b.device))) expect(bar.where).not.toBe('unassigned');
      }
      if (result.outcome === 'placed') expect(result.rejections).toEqual([]);
      if (result.outcome === 'failed') expect(result.bars.every((b) => b.where === 'unassigned')).toBe(true);
    }), params);
  }, TIMEOUT);
});
