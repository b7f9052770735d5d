/** hostEntry and reducedBitsWarning: what every host importer shares. */
import { describe, expect, it } from 'vitest';
import { hostEntry, reducedBitsWarning } from '../../../src/input/importers/host-entry.js';

const facts = { vendor: 'intel' as const, physBits: 46, pdpe1gb: true, la57: false, qemu: null };

describe('hostEntry', () => {
  it('takes the QEMU release and firmware from the options over the source, and says nothing then', () => {
    const warnings: string[] = [];
    expect(hostEntry({ ...facts, qemu: '7.2' }, { name: 'h', qemu: '8.2', firmware: 'debian-12' }, 'kind', (w) => warnings.push(w)))
      .toStrictEqual({ name: 'h', vendor: 'intel', physBits: 46, pdpe1gb: true, la57: false, qemu: '8.2', firmware: 'debian-12' });
    expect(warnings).toEqual([]);
  });

  it('assumes the newest modelled QEMU and OVMF when nothing says, with a warning each', () => {
    const warnings: string[] = [];
    expect(hostEntry(facts, { name: 'h' }, 'lscpu', (w) => warnings.push(w))).toMatchObject({ qemu: '11.1', firmware: 'edk2-stable202608' });
    expect(warnings).toHaveLength(2);
  });
});

describe('reducedBitsWarning', () => {
  it('speaks only when memory encryption may have lowered the kernel\'s width', () => {
    expect(reducedBitsWarning(new Set(['fpu']), 46, 'k')).toBeNull();
    expect(reducedBitsWarning(new Set(['tme']), 46, 'k')).toBe(
      'k reports 46 physical address bits and the CPU has tme: with memory encryption active the kernel reports fewer bits than raw CPUID 0x80000008, which QEMU\'s host-phys-bits copies',
    );
  });
});
