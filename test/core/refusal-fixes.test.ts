/** Issue 17: when QEMU refuses, the smallest phys-bits that starts and the largest maxmem for the given one. */
import { describe, expect, it } from 'vitest';
import { refusalFixes } from '../../src/core/qemu/refusal-fixes.js';
import { qemuLayout } from '../../src/core/qemu/layout.js';
import { aVm, g } from '../builders.js';

const refuses = (vm: Parameters<typeof qemuLayout>[0]) => qemuLayout(vm).findings.some((f) => f.code === 'qemu_phys_bits_too_low');

describe('refusalFixes', () => {
  it('is null when QEMU starts', () => {
    expect(refusalFixes(aVm({ memory: g(8), cpu: { vendor: 'intel' } }))).toBeNull();
  });

  it('q35 Intel, 8 GiB with 4 slots and maxmem 2 TiB at phys-bits 40: 42 bits, or maxmem 986 GiB', () => {
    // RAM ends at 10 GiB (2 GiB below 4 GiB, 6 GiB above); the hotplug area is maxmem - 8 GiB + 4 x 1 GiB from 10 GiB,
    // so it ends at maxmem + 6 GiB, and the 32 GiB pci-hole64 follows: the highest address is maxmem + 38 GiB - 1.
    // It must stay below 2^40 = 1024 GiB: maxmem <= 986 GiB. With maxmem 2 TiB it is 2086 GiB - 1 < 2^42, > 2^41.
    const vm = aVm({ memory: g(8), maxmem: g(2048), slots: 4, cpu: { vendor: 'intel', physBits: 40 } });
    expect(refusalFixes(vm)).toEqual({ physBits: 42, maxmem: g(986) });
    expect(refuses({ ...vm, maxmem: g(986) })).toBe(false);
    expect(refuses({ ...vm, maxmem: g(986) + 4096n })).toBe(true);
  });

  it('AMD, 1000 GiB at phys-bits 40 (the README example): no maxmem helps, 42 bits do', () => {
    // RAM above 4 GiB moves to 1 TiB: 998 GiB from 1024 GiB ends at 2022 GiB, and the 32 GiB hole64 after it ends at
    // 2054 GiB (0x2017fffffff is its last byte): above 2^41 = 2048 GiB, below 2^42, so 42. maxmem cannot go below the
    // RAM size, and the RAM alone is past 2^40.
    expect(refusalFixes(aVm({ memory: g(1000), cpu: { vendor: 'amd', physBits: 40 } }))).toEqual({ physBits: 42, maxmem: null });
  });
});
