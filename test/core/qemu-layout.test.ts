/** Every layout vector of shared/spec/qemu.md §10.2, plus the version boundaries of src/core/qemu/machine-types.ts. */
import { describe, expect, it } from 'vitest';
import { qemuLayout } from '../../src/core/qemu/layout.js';
import { aVm, g, m, type VmOverrides } from '../builders.js';
import { KiB } from '../../src/core/units.js';

interface Expected {
  below: bigint;
  above: [bigint, bigint] | null;
  device: [bigint, bigint] | null;
  reservedEnd: bigint | null;
  hole64: [bigint, bigint];
  maxUsed: bigint;
  refused: boolean;
}

const intel = { vendor: 'intel' as const };
const v72 = { qemuVersion: { major: 7, minor: 2 } };
const pentium = (physBits: number) => ({ vendor: 'intel' as const, longMode: false, physBits });

const vectors: [string, VmOverrides, Expected][] = [
  ['V01', { memory: g(2) }, { below: g(2), above: null, device: null, reservedEnd: null, hole64: [g(4), g(36)], maxUsed: 0x8ffffffffn, refused: false }],
  ['V02', { machine: 'pc', memory: g(2) }, { below: g(2), above: null, device: null, reservedEnd: null, hole64: [g(4), g(6)], maxUsed: 0x17fffffffn, refused: false }],
  ['V03', { memory: m(2816) }, { below: g(2), above: [g(4), m(768)], device: null, reservedEnd: null, hole64: [g(5), g(37)], maxUsed: 0x93fffffffn, refused: false }],
  ['V04', { memory: m(2815) }, { below: m(2815), above: null, device: null, reservedEnd: null, hole64: [g(4), g(36)], maxUsed: 0x8ffffffffn, refused: false }],
  ['V05', { machine: 'pc', memory: m(3584) }, { below: g(3), above: [g(4), m(512)], device: null, reservedEnd: null, hole64: [g(5), g(7)], maxUsed: 0x1bfffffffn, refused: false }],
  ['V06', { machine: 'pc', memory: m(3583) }, { below: m(3583), above: null, device: null, reservedEnd: null, hole64: [g(4), g(6)], maxUsed: 0x17fffffffn, refused: false }],
  ['V07', { machine: 'pc', memory: m(3328) }, { below: m(3328), above: null, device: null, reservedEnd: null, hole64: [g(4), g(6)], maxUsed: 0x17fffffffn, refused: false }],
  ['V08', { machine: 'pc', maxRamBelow4g: g(2), memory: g(4) }, { below: g(2), above: [g(4), g(2)], device: null, reservedEnd: null, hole64: [g(6), g(8)], maxUsed: 0x1ffffffffn, refused: false }],
  ['V09', { machine: 'pc', maxRamBelow4g: g(4), memory: m(3968) }, { below: m(3968), above: null, device: null, reservedEnd: null, hole64: [g(4), g(6)], maxUsed: 0x17fffffffn, refused: false }],
  ['V10', { maxRamBelow4g: g(1), memory: g(4) }, { below: g(1), above: [g(4), g(3)], device: null, reservedEnd: null, hole64: [g(7), g(39)], maxUsed: 0x9bfffffffn, refused: false }],
  ['V11', { maxRamBelow4g: g(3), memory: g(4) }, { below: g(2), above: [g(4), g(2)], device: null, reservedEnd: null, hole64: [g(6), g(38)], maxUsed: 0x97fffffffn, refused: false }],
  ['V12', { machine: 'pc', maxRamBelow4g: m(2560), memory: g(8) }, { below: m(2560), above: [g(4), m(5632)], device: null, reservedEnd: null, hole64: [g(10), g(12)], maxUsed: 0x2ffffffffn, refused: false }],
  ['V13', { memory: g(8), slots: 4, maxmem: g(32) }, { below: g(2), above: [g(4), g(6)], device: [g(10), g(28)], reservedEnd: g(38), hole64: [g(38), g(70)], maxUsed: 0x117fffffffn, refused: false }],
  ['V14', { memory: g(8), maxmem: g(32) }, { below: g(2), above: [g(4), g(6)], device: [g(10), g(24)], reservedEnd: g(34), hole64: [g(34), g(66)], maxUsed: 0x107fffffffn, refused: false }],
  ['V15', { machine: 'pc', memory: g(8), slots: 4, maxmem: g(32) }, { below: g(3), above: [g(4), g(5)], device: [g(9), g(28)], reservedEnd: g(37), hole64: [g(37), g(39)], maxUsed: 0x9bfffffffn, refused: false }],
  ['V16', { memory: g(1000) }, { below: g(2), above: [g(1024), g(998)], device: null, reservedEnd: null, hole64: [g(2022), g(2054)], maxUsed: 0x2017fffffffn, refused: true }],
  ['V17', { memory: g(1000), cpu: { physBits: 48 } }, { below: g(2), above: [g(1024), g(998)], device: null, reservedEnd: null, hole64: [g(2022), g(2054)], maxUsed: 0x2017fffffffn, refused: false }],
  ['V18', { memory: g(1000), cpu: intel }, { below: g(2), above: [g(4), g(998)], device: null, reservedEnd: null, hole64: [g(1002), g(1034)], maxUsed: 0x1027fffffffn, refused: true }],
  ['V19', { memory: g(978) }, { below: g(2), above: [g(4), g(976)], device: null, reservedEnd: null, hole64: [g(980), g(1012)], maxUsed: 0xfcffffffffn, refused: false }],
  ['V20', { memory: g(979) }, { below: g(2), above: [g(1024), g(977)], device: null, reservedEnd: null, hole64: [g(2001), g(2033)], maxUsed: 0x1fc3fffffffn, refused: true }],
  ['V21', { memory: g(979), cpu: { physBits: 41 } }, { below: g(2), above: [g(1024), g(977)], device: null, reservedEnd: null, hole64: [g(2001), g(2033)], maxUsed: 0x1fc3fffffffn, refused: false }],
  ['V22', { memory: g(979), machineVersion: { major: 7, minor: 0 } }, { below: g(2), above: [g(4), g(977)], device: null, reservedEnd: null, hole64: [g(981), g(1013)], maxUsed: 0xfd3fffffffn, refused: false }],
  ['V23', { memory: g(2), slots: 1, maxmem: g(990), cpu: { physBits: 41 } }, { below: g(2), above: null, device: [g(1024), g(989)], reservedEnd: g(2013), hole64: [g(2013), g(2045)], maxUsed: 0x1ff3fffffffn, refused: false }],
  ['V24', { memory: g(4), pciHole64Size: g(1024) }, { below: g(2), above: [g(1024), g(2)], device: null, reservedEnd: null, hole64: [g(1026), g(2050)], maxUsed: 0x2007fffffffn, refused: true }],
  ['V25', { memory: g(4), pciHole64Size: g(1024), cpu: { physBits: 42 } }, { below: g(2), above: [g(1024), g(2)], device: null, reservedEnd: null, hole64: [g(1026), g(2050)], maxUsed: 0x2007fffffffn, refused: false }],
  ['V26', { ...v72, machine: 'pc', machineVersion: { major: 2, minor: 4 }, memory: g(4), slots: 2, maxmem: g(8) }, { below: g(3), above: [g(4), g(1)], device: [g(5), g(6)], reservedEnd: g(5), hole64: [g(5), g(7)], maxUsed: 0x1bfffffffn, refused: false }],
  ['V27', { ...v72, machine: 'pc', machineVersion: { major: 2, minor: 1 }, memory: g(4), slots: 2, maxmem: g(8) }, { below: g(3), above: [g(4), g(1)], device: [g(5), g(4)], reservedEnd: g(5), hole64: [g(5), g(7)], maxUsed: 0x1bfffffffn, refused: false }],
  ['V28', { machineVersion: { major: 2, minor: 10 }, memory: g(4) }, { below: g(2), above: [g(4), g(2)], device: null, reservedEnd: null, hole64: [g(6), g(38)], maxUsed: 0x97fffffffn, refused: false }],
  ['V29', { memory: g(2), maxmem: g(990), cpu: intel }, { below: g(2), above: null, device: [g(4), g(988)], reservedEnd: g(992), hole64: [g(992), g(1024)], maxUsed: 0xffffffffffn, refused: false }],
  ['V30', { memory: g(2), maxmem: g(990) + 4n * KiB, cpu: intel }, { below: g(2), above: null, device: [g(4), g(988) + 4n * KiB], reservedEnd: g(993), hole64: [g(993), g(1025)], maxUsed: 0x1003fffffffn, refused: true }],
  ['V31', { memory: g(2), maxmem: g(990) }, { below: g(2), above: null, device: [g(1024), g(988)], reservedEnd: g(2012), hole64: [g(2012), g(2044)], maxUsed: 0x1feffffffffn, refused: true }],
  ['V32', { machine: 'pc', memory: g(10), cpu: pentium(32) }, { below: g(3), above: [g(4), g(7)], device: null, reservedEnd: null, hole64: [g(11), g(13)], maxUsed: 0x2bfffffffn, refused: true }],
  ['V33', { machine: 'pc', memory: g(10), cpu: pentium(36) }, { below: g(3), above: [g(4), g(7)], device: null, reservedEnd: null, hole64: [g(11), g(13)], maxUsed: 0x2bfffffffn, refused: false }],
  ['V34', { memory: g(1100), cpu: { physBits: 48 } }, { below: g(2), above: [g(1024), g(1098)], device: null, reservedEnd: null, hole64: [g(2122), g(2154)], maxUsed: 0x21a7fffffffn, refused: false }],
  ['V36', { memory: g(8), maxmem: g(8) }, { below: g(2), above: [g(4), g(6)], device: null, reservedEnd: null, hole64: [g(10), g(42)], maxUsed: 0xa7fffffffn, refused: false }],
  ['V37', { memory: m(512), slots: 1, maxmem: g(986), cxlWindows: [g(1)], cpu: intel }, { below: m(512), above: null, device: [g(4), g(986.5)], reservedEnd: g(992), hole64: [g(992), g(1024)], maxUsed: 0xffffffffffn, refused: false }],
  ['V38', { memory: m(512), slots: 1, maxmem: g(987), cxlWindows: [g(1)], cpu: intel }, { below: m(512), above: null, device: [g(4), g(987.5)], reservedEnd: g(993), hole64: [g(993), g(1025)], maxUsed: 0x1003fffffffn, refused: true }],
  ['V39', { machine: 'pc', memory: g(1009) }, { below: g(3), above: [g(4), g(1006)], device: null, reservedEnd: null, hole64: [g(1010), g(1012)], maxUsed: 0xfcffffffffn, refused: false }],
  ['V40', { machine: 'pc', memory: g(1010) }, { below: g(3), above: [g(1024), g(1007)], device: null, reservedEnd: null, hole64: [g(2031), g(2033)], maxUsed: 0x1fc3fffffffn, refused: true }],
  ['V42', { memory: g(4), slots: 2, maxmem: g(8) + 4n * KiB }, { below: g(2), above: [g(4), g(2)], device: [g(6), g(6) + 4n * KiB], reservedEnd: g(13), hole64: [g(13), g(45)], maxUsed: 0xb3fffffffn, refused: false }],
  ['V43', { memory: g(4), slots: 256, maxmem: g(64) }, { below: g(2), above: [g(4), g(2)], device: [g(6), g(316)], reservedEnd: g(322), hole64: [g(322), g(354)], maxUsed: 0x587fffffffn, refused: false }],
  // 59.5G = 63887638528 bytes; QEMU truncates 59.6G to 63995012710 bytes (M2, M4).
  ['M1', { memory: m(512), slots: 1, maxmem: 63887638528n, cpu: pentium(36) }, { below: m(512), above: null, device: [g(4), g(60)], reservedEnd: g(64), hole64: [g(64), g(96)], maxUsed: 0xfffffffffn, refused: false }],
  ['M2', { memory: m(512), slots: 1, maxmem: 63995012710n, cpu: pentium(36) }, { below: m(512), above: null, device: [g(4), 63995012710n + m(512)], reservedEnd: g(65), hole64: [g(65), g(97)], maxUsed: 0x1006666665n, refused: true }],
  ['M3', { memory: m(512), slots: 1, maxmem: g(4), cpu: pentium(32) }, { below: m(512), above: null, device: [g(4), g(4.5)], reservedEnd: g(9), hole64: [g(9), g(41)], maxUsed: 0x21fffffffn, refused: true }],
  ['M4', { machineVersion: { major: 8, minor: 1 }, memory: m(512), slots: 1, maxmem: 63995012710n, cpu: pentium(36) }, { below: m(512), above: null, device: [g(4), 63995012710n + m(512)], reservedEnd: g(65), hole64: [g(65), g(97)], maxUsed: 0xfffffffffn, refused: false }],
];

describe('qemuLayout', () => {
  it.each(vectors)('%s: places RAM, device memory and the 64-bit hole as QEMU does', (_id, overrides, want) => {
    const layout = qemuLayout(aVm(overrides));
    expect(layout.ramBelow4g).toBe(want.below);
    expect(layout.ramAbove4g && [layout.ramAbove4g.base, layout.ramAbove4g.size]).toEqual(want.above);
    expect(layout.deviceMemory && [layout.deviceMemory.base, layout.deviceMemory.size]).toEqual(want.device);
    expect(layout.reservedMemoryEnd).toBe(want.reservedEnd);
    expect([layout.pciHole64.base, layout.pciHole64.base + layout.pciHole64.size]).toEqual(want.hole64);
    expect(layout.maxUsedGpa).toBe(want.maxUsed);
    expect(layout.findings.some((f) => f.code === 'qemu_phys_bits_too_low')).toBe(want.refused);
  });

  it('V16: the refusal carries the limit, the maximum used GPA and phys-bits', () => {
    const refusal = qemuLayout(aVm({ memory: g(1000) })).findings.find((f) => f.code === 'qemu_phys_bits_too_low');
    expect(refusal).toEqual({ code: 'qemu_phys_bits_too_low', limit: 0xffffffffffn, maxUsedGpa: 0x2017fffffffn, physBits: 40 });
  });

  it('V20: the relocation to 1 TiB is reported with the maximum GPA that triggered it', () => {
    const layout = qemuLayout(aVm({ memory: g(979) }));
    expect(layout.above4gStart).toBe(g(1024));
    // RU(979 G + 2 G, 1 G) ... 4 G + 977 G = 981 G, hole [981 G, 1013 G): 1013 G − 1 ≥ 1012 G.
    expect(layout.findings).toContainEqual({ code: 'qemu_ram_relocated_above_1t', maxUsedGpaAt4g: 0xfd3fffffffn });
  });

  it('V37: CXL puts its 1 MiB register block after device memory and the window on the next 256 MiB boundary', () => {
    const { cxl } = qemuLayout(aVm({ memory: m(512), slots: 1, maxmem: g(986), cxlWindows: [g(1)], cpu: intel }));
    expect(cxl).toEqual({ hostRegisters: { base: g(990.5), size: m(1) }, windows: [{ base: g(990.75), size: g(1) }] });
  });

  it('V12: QEMU warns when an i440fx guest keeps a low-memory size that is not a multiple of 1 GiB', () => {
    const layout = qemuLayout(aVm({ machine: 'pc', maxRamBelow4g: m(2560), memory: g(8) }));
    expect(layout.findings).toContainEqual({ code: 'qemu_low_memory_unaligned', machine: 'pc', ramSize: g(8), maxRamBelow4g: m(2560) });
  });
});

describe('qemuLayout E820 table (E1)', () => {
  const reserved = { base: 0xfd00000000n, size: g(12), type: 'reserved' };

  it('lists the AMD HyperTransport range first for a 2 GiB AMD guest with phys-bits 40', () => {
    expect(qemuLayout(aVm()).e820).toEqual([reserved, { base: 0n, size: g(2), type: 'ram' }]);
  });

  it.each([
    ['an Intel vendor', { cpu: intel }],
    ['phys-bits 39', { cpu: { physBits: 39 } }],
    ['machine type pc-q35-7.0', { machineVersion: { major: 7, minor: 0 } }],
  ])('has no HyperTransport entry with %s', (_what, overrides: VmOverrides) => {
    expect(qemuLayout(aVm(overrides)).e820).toEqual([{ base: 0n, size: g(2), type: 'ram' }]);
  });

  it('adds RAM above 4 GiB after RAM below it', () => {
    expect(qemuLayout(aVm({ memory: g(8), cpu: intel })).e820).toEqual([
      { base: 0n, size: g(2), type: 'ram' },
      { base: g(4), size: g(6), type: 'ram' },
    ]);
  });
});

describe('qemuLayout version boundaries', () => {
  it('rounds the RAM size up to 8 KiB', () => {
    expect(qemuLayout(aVm({ memory: g(1) + 1n })).ramSize).toBe(g(1) + 8n * KiB);
  });

  it('V30 on QEMU 7.0: starts, but the layout reaches beyond phys-bits (the check came in 7.1)', () => {
    const layout = qemuLayout(aVm({ qemuVersion: { major: 7, minor: 0 }, machineVersion: { major: 7, minor: 0 }, memory: g(2), maxmem: g(990) + 4n * KiB, cpu: intel }));
    expect(layout.findings.map((f) => f.code)).toEqual(['qemu_layout_beyond_phys_bits']);
  });

  it('V32 on QEMU 7.2: a 32-bit CPU with phys-bits 32 is never refused (rule of 7.1 – 8.1)', () => {
    const layout = qemuLayout(aVm({ ...v72, machineVersion: { major: 7, minor: 2 }, machine: 'pc', memory: g(10), cpu: pentium(32) }));
    expect(layout.maxUsedGpa).toBe(0xffffffffn);
    expect(layout.findings).toEqual([]);
  });

  it('M1 on QEMU 7.2: a PAE CPU is checked against the 64-bit hole and refused', () => {
    const layout = qemuLayout(aVm({ ...v72, machineVersion: { major: 7, minor: 2 }, memory: m(512), slots: 1, maxmem: 63887638528n, cpu: pentium(36) }));
    expect(layout.maxUsedGpa).toBe(0x17ffffffffn);
    expect(layout.findings.map((f) => f.code)).toEqual(['qemu_phys_bits_too_low']);
  });

  it('pc-q35-2.10 and older keep the hole64 properties at 0 (x-pci-hole64-fix off); 2.11 reports them', () => {
    expect(qemuLayout(aVm({ qemuVersion: { major: 10, minor: 0 }, machineVersion: { major: 2, minor: 10 } })).findings).toContainEqual({ code: 'qemu_pci_hole64_unreported' });
    expect(qemuLayout(aVm({ qemuVersion: { major: 10, minor: 0 }, machineVersion: { major: 2, minor: 11 } })).findings).toEqual([{ code: 'qemu_machine_type_deprecated', machine: 'q35', version: '2.11', qemu: '10.0' }]);
  });

  it('pc-i440fx-2.4 writes only the device-memory base as reserved-memory-end; 2.5 includes the size', () => {
    const vm = (minor: number) => aVm({ ...v72, machine: 'pc', machineVersion: { major: 2, minor }, memory: g(4), slots: 2, maxmem: g(8) });
    expect(qemuLayout(vm(4)).reservedMemoryEnd).toBe(g(5));
    expect(qemuLayout(vm(5)).reservedMemoryEnd).toBe(g(11));
  });

  it('without device memory, CXL starts at the RAM end rounded to 1 GiB before QEMU 8.2 and at the RAM end from 8.2', () => {
    const vm = (minor: number) => aVm({ qemuVersion: { major: 8, minor }, machineVersion: { major: 8, minor }, memory: m(2816), cxlWindows: [g(1)], cpu: intel });
    // RAM above 4 GiB: [4 G, 4.75 G).
    expect(qemuLayout(vm(1)).cxl?.hostRegisters.base).toBe(g(5));
    expect(qemuLayout(vm(2)).cxl?.hostRegisters.base).toBe(g(4.75));
  });

  it('writes reserved-memory-end for CXL without device memory only from QEMU 10.2', () => {
    const vm = (minor: number) => aVm({ qemuVersion: { major: 10, minor }, machineVersion: { major: 10, minor }, cxlWindows: [g(1)], cpu: intel });
    // CXL base 4 G, registers [4 G, 4 G + 1 M), window [4.25 G, 5.25 G) → RU(5.25 G, 1 G) = 6 G.
    expect(qemuLayout(vm(1)).reservedMemoryEnd).toBeNull();
    expect(qemuLayout(vm(2)).reservedMemoryEnd).toBe(g(6));
  });
});
