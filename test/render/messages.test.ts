import { describe, expect, it } from 'vitest';
import { findingMessage, qemuRefusalText, ramBlockMismatchText } from '../../src/render/messages.js';
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

describe('ramBlockMismatchText', () => {
  it.each([
    // G1 and G2 of qemu.md §10.3, printed by QEMU 7.2
    ['system.flash1', 0x20000n, 0x84000n, 'size', 'Size mismatch: system.flash1: 0x20000 != 0x84000: Invalid argument'],
    ['pc.bios', 0x40000n, 0x20000n, 'size', 'Size mismatch: pc.bios: 0x40000 != 0x20000: Invalid argument'],
    // Debian 12's OVMF.fd into Debian 13's, with QEMU 7.2 (issue 7); and seed 000's line from a QEMU before 5.2
    ['pc.bios', 0x200000n, 0x400000n, 'size', 'Size mismatch: pc.bios: 0x200000 != 0x400000: Invalid argument'],
    ['pc.bios', 0x200000n, 0x400000n, 'length', 'Length mismatch: pc.bios: 0x200000 in != 0x400000: Invalid argument'],
  ] as const)('words %s %s → %s (%s) as QEMU does', (block, incoming, local, wording, text) => {
    expect(ramBlockMismatchText(block, incoming, local, wording)).toBe(text);
  });

  it('puts QEMU\'s line into the size-mismatch finding with the sizes on each side', () => {
    const finding: Finding = {
      code: 'firmware_size_mismatch', block: 'system.flash0', role: 'code', path: '/usr/share/OVMF/OVMF_CODE.fd', incoming: 0x1e0000n, local: 0x37c000n, wording: 'size', qemu: '7.2',
    };
    expect(findingMessage(finding)).toBe('the destination\'s QEMU 7.2 refuses the incoming RAMBlock: "Size mismatch: system.flash0: 0x1e0000 != 0x37c000: Invalid argument" (/usr/share/OVMF/OVMF_CODE.fd is 1966080 bytes on the boot host, 3653632 here)');
  });

  it('names the varstore layouts of seed 000 in the layout finding', () => {
    const finding: Finding = {
      code: 'firmware_varstore_layout_mismatch', codePath: '/usr/share/OVMF/OVMF_CODE_4M.fd', codeFlash: '4m', varsFlash: '2m', varsSize: 0x20000n, varsPath: '/usr/share/OVMF/OVMF_VARS.fd', when: 'boot',
    };
    expect(findingMessage(finding)).toMatch(/has the 2 MiB-build layout \(variable store 56 KiB, spare area 64 KiB\), but the CODE image \/usr\/share\/OVMF\/OVMF_CODE_4M\.fd is a 4 MiB build that looks for the 4 MiB-build layout \(variable store 256 KiB, spare area 264 KiB\): at every cold boot here/);
  });

  it('advises without padding for a pflash CODE image, naming where it is missing', () => {
    const finding: Finding = {
      code: 'firmware_advice', role: 'code', loader: 'pflash', path: '/usr/share/OVMF/OVMF_CODE.fd',
      variants: [{ size: 1966080n, hosts: ['deb12-1'], packages: ['ovmf 2022.11-6+deb12u2'] }, { size: 3653632n, hosts: ['padded-1'], packages: [] }],
      missing: ['deb13-1'], largest: 3653632n, alternative: null,
    };
    expect(findingMessage(finding)).toBe('/usr/share/OVMF/OVMF_CODE.fd is 1966080 bytes on deb12-1 (ovmf 2022.11-6+deb12u2) and 3653632 bytes on padded-1, and missing on deb13-1: keep each firmware build under its own versioned path, installed on every host, so that a VM finds the image it booted with everywhere; padding a pflash CODE image does not help: the varstore is mapped right below it, where the CODE would no longer find it');
  });
});
