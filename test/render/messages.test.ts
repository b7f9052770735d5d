import { describe, expect, it } from 'vitest';
import { findingMessage, qemuRefusalText } from '../../src/render/messages.js';
import type { Finding } from '../../src/core/findings.js';
import { FINDING_EXAMPLES } from './finding-examples.js';

describe('qemuRefusalText', () => {
  it('matches QEMU\'s own line, as Debian\'s 7.2 printed it for V16 (qemu.md §6.2)', () => {
    expect(qemuRefusalText(0xffffffffffn, 0x2017fffffffn, 40)).toBe('Address space limit 0xffffffffff < 0x2017fffffff phys-bits too low (40)');
  });
});

describe('findingMessage', () => {
  it('quotes QEMU\'s q35 warning with its two spaces and "more then" (V-series, qemu.md §2.1)', () => {
    const finding: Finding = { code: 'qemu_low_memory_unaligned', machine: 'q35', ramSize: 0x100000000n, maxRamBelow4g: 0x50000000n };
    expect(findingMessage(finding)).toBe('QEMU warns: There is possibly poor performance as the ram size  (0x100000000) is more then twice the size of max-ram-below-4g (1342177280) and max-ram-below-4g is not a multiple of 1G.');
  });

  it('quotes QEMU\'s i440fx warning for V12', () => {
    const finding: Finding = { code: 'qemu_low_memory_unaligned', machine: 'pc', ramSize: 0x200000000n, maxRamBelow4g: 2684354560n };
    expect(findingMessage(finding)).toBe('QEMU warns: Large machine and max_ram_below_4g (2684354560) not a multiple of 1G; possible bad performance.');
  });

  it.each(FINDING_EXAMPLES.map((f) => [f.code, f] as const))('has one line of text for %s', (_code, finding) => {
    const text = findingMessage(finding);
    expect(text.length).toBeGreaterThan(20);
    expect(text).not.toMatch(/\n/);
    expect(text).not.toMatch(/undefined|NaN|\[object/);
  });
});
