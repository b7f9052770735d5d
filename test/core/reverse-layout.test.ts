/** The reversed calculation (seed 004), with every expected value derived by hand in the test's name or comment. */
import { describe, expect, it } from 'vitest';
import { reverseLayout } from '../../src/core/ovmf/reverse-layout.js';
import { qemuLayout } from '../../src/core/qemu/layout.js';
import { aVm, g, m, type VmOverrides } from '../builders.js';

const reverse = (overrides: VmOverrides, width: number) => reverseLayout(qemuLayout(aVm({ cpu: { vendor: 'intel', physBits: width }, ...overrides })), width);

describe('reverseLayout', () => {
  it('gives a 1 GiB guest everything from 4 GiB to 2^39: 508 GiB', () => {
    // No RAM above 4 GiB and no hotplug area: the RAM top counts as 4 GiB (OVMF's FirstNonAddress starts there).
    expect(reverse({ memory: g(1) }, 39)).toMatchObject({ hotplugEnd: g(4), base: g(4), limit: g(512), aperture: { base: g(4), size: g(508) }, shortfall: 0n, findings: [] });
  });

  it('starts above the hotplug area: V13 (reserved-memory-end 38 GiB) leaves 26 GiB under 2^36', () => {
    expect(reverse({ memory: g(8), slots: 4, maxmem: g(32) }, 36).aperture).toEqual({ base: g(38), size: g(26) });
  });

  it('rounds an unaligned RAM top up to 1 GiB: 2816 MiB on q35 ends at 4.75 GiB, so the aperture starts at 5 GiB', () => {
    expect(reverse({ memory: m(2816) }, 36)).toMatchObject({ hotplugEnd: g(4.75), base: g(5), aperture: { base: g(5), size: g(59) } });
  });

  it('halts when the hotplug end passes 2^W: 8 GiB, maxmem 64 GiB, 2 slots ends at 68 GiB, 4 GiB beyond 2^36', () => {
    // device memory: base 10 G, size (64 − 8) G + 2 × 1 G = 58 G → end 68 G.
    const result = reverse({ memory: g(8), slots: 2, maxmem: g(64) }, 36);
    expect(result).toMatchObject({ base: g(68), aperture: null, shortfall: g(4) });
    expect(result.findings).toEqual([{ code: 'reverse_no_room', width: 36, base: g(68), limit: g(64) }]);
  });

  it('halts when nothing at all is left: a hotplug end of exactly 2^36', () => {
    // device memory: 10 G + (60 − 8) G + 2 G = 64 G.
    expect(reverse({ memory: g(8), slots: 2, maxmem: g(60) }, 36)).toMatchObject({ base: g(64), aperture: null, shortfall: 0n });
  });
});
