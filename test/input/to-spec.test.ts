/**
 * toSpec: the defaults it applies and every check it makes, with QEMU's own words where QEMU has them
 * (shared/spec/qemu.md §2.3, §4.1, §7 and the parse vectors P1–P4, V35, V41, K6).
 */
import { NO_DEVICES } from '../../src/core/pci/devices.js';
import { describe, expect, it } from 'vitest';
import type { VmSpec } from '../../src/core/spec.js';
import type { QemuVersion } from '../../src/core/qemu/versions.js';
import { GiB, KiB, MiB, TiB } from '../../src/core/units.js';
import { type FirmwareChoice, MAX_SLOTS, toSpec } from '../../src/input/to-spec.js';
import { isInputError } from '../../src/input/input-error.js';
import { FLAG, type VmDraft } from '../../src/input/vm-draft.js';

type DraftValues = { [K in keyof VmDraft]?: NonNullable<VmDraft[K]>['value'] };

/** A draft whose every field carries its flag's label, as `draftFromFlags` would give it. */
function aDraft(values: DraftValues): VmDraft {
  return Object.fromEntries(
    Object.entries(values).map(([field, value]) => [field, { value, label: FLAG[field as keyof VmDraft] }]),
  ) as VmDraft;
}

const v = (major: number, minor: number): QemuVersion => ({ major, minor });

const showBigints = (_key: string, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value);

function specOf(draft: VmDraft, presets?: readonly FirmwareChoice[]): VmSpec {
  const result = toSpec(draft, presets);
  if (isInputError(result)) throw new Error(`expected a VmSpec, got: ${result.message}`);
  return result;
}

function errorOf(draft: VmDraft, presets?: readonly FirmwareChoice[]): string {
  const result = toSpec(draft, presets);
  if (!isInputError(result)) throw new Error(`expected an input error, got ${JSON.stringify(result, showBigints)}`);
  expect(result.message).not.toMatch(/[\r\n]/);
  return result.message;
}

const PRESETS: readonly FirmwareChoice[] = [
  { name: 'debian-12', edk2: 'edk2-stable202211', defaultBuild: 'ia32x64', description: 'Debian 12 ovmf' },
  { name: 'ubuntu-24.04', edk2: 'edk2-stable202402', defaultBuild: 'x64', description: 'Ubuntu 24.04 ovmf' },
  { name: 'old-ia32', edk2: 'edk2-stable202508', defaultBuild: 'ia32', description: 'an OvmfPkgIa32 build' },
];

describe('toSpec defaults', () => {
  it('fills in every field of the VmSpec when only memory is given', () => {
    const expected: VmSpec = {
      machine: 'q35',
      machineVersion: { major: 11, minor: 1 },
      qemuVersion: { major: 11, minor: 1 },
      memory: 4n * GiB,
      maxmem: 4n * GiB,
      slots: 0,
      maxRamBelow4g: 0n,
      pciHole64Size: null,
      cxlWindows: [],
      pci: NO_DEVICES,
      cpu: { vendor: 'intel', longMode: true, physBits: 40, guestPhysBits: 0, pdpe1gb: true, la57: false },
      firmware: { edk2: 'edk2-stable202608', build: 'x64', fiveLevelPaging: false, fwCfg: {} },
    };
    expect(specOf(aDraft({ memory: 4n * GiB }))).toStrictEqual(expected);
  });

  it('gives a 32-bit CPU (no long mode) 36 physical address bits by default', () => {
    expect(specOf(aDraft({ memory: 2n * GiB, longMode: false })).cpu).toStrictEqual({
      vendor: 'intel', longMode: false, physBits: 36, guestPhysBits: 0, pdpe1gb: true, la57: false,
    });
  });

  it('defaults the machine version to the QEMU version given', () => {
    const spec = specOf(aDraft({ memory: 4n * GiB, qemuVersion: v(9, 0) }));
    expect(spec.machineVersion).toStrictEqual({ major: 9, minor: 0 });
    expect(spec.qemuVersion).toStrictEqual({ major: 9, minor: 0 });
  });

  it('carries every given field through unchanged', () => {
    const draft = aDraft({
      machine: 'q35', machineVersion: v(8, 2), qemuVersion: v(9, 2), memory: 256n * GiB, maxmem: 512n * GiB, slots: 4,
      maxRamBelow4g: 2n * GiB, pciHole64Size: 64n * GiB, cxlWindows: [256n * MiB, 4n * GiB], vendor: 'amd', longMode: true,
      physBits: 48, guestPhysBits: 46, pdpe1gb: false, la57: true, firmware: 'edk2-stable202411', ovmfBuild: 'ia32x64',
      fiveLevelPaging: true, fwCfg: { 'opt/ovmf/X-PciMmio64Mb': '524288' },
    });
    const expected: VmSpec = {
      machine: 'q35',
      machineVersion: { major: 8, minor: 2 },
      qemuVersion: { major: 9, minor: 2 },
      memory: 274877906944n,
      maxmem: 549755813888n,
      slots: 4,
      maxRamBelow4g: 2147483648n,
      pciHole64Size: 68719476736n,
      cxlWindows: [268435456n, 4294967296n],
      pci: NO_DEVICES,
      cpu: { vendor: 'amd', longMode: true, physBits: 48, guestPhysBits: 46, pdpe1gb: false, la57: true },
      firmware: {
        edk2: 'edk2-stable202411', build: 'ia32x64', fiveLevelPaging: true, fwCfg: { 'opt/ovmf/X-PciMmio64Mb': '524288' },
      },
    };
    expect(specOf(draft)).toStrictEqual(expected);
  });

  it('keeps memory as written, before QEMU rounds it up to 8 KiB, when maxmem is given', () => {
    const spec = specOf(aDraft({ memory: 4n * GiB + KiB, maxmem: 8n * GiB, slots: 2 }));
    expect(spec.memory).toBe(4294968320n);
    expect(spec.maxmem).toBe(8589934592n);
  });

  // QEMU (machine_set_mem) aligns the size first and sets maxram_size = ram_size when maxmem is absent, so
  // `-m 4194305K` boots, with maxmem 4 GiB + 8 KiB.
  it('accepts a memory size that is not a multiple of 8 KiB when no maxmem is given, with maxmem the rounded size', () => {
    const spec = specOf(aDraft({ memory: 4n * GiB + KiB }));
    expect([spec.memory, spec.maxmem]).toEqual([4294968320n, 4n * GiB + 8n * KiB]);
  });
});

describe('toSpec: QEMU version and machine type', () => {
  it.each<[string, QemuVersion, string]>([
    ['an unreleased version', v(10, 3), '--qemu-version: QEMU 10.3 is not modelled (allowed: releases 2.11 to 11.1)'],
    ['a version that never existed', v(2, 13), '--qemu-version: QEMU 2.13 is not modelled (allowed: releases 2.11 to 11.1)'],
    ['a release older than 2.11', v(2, 10), '--qemu-version: QEMU 2.10 is not modelled (allowed: releases 2.11 to 11.1)'],
    ['QEMU 1.7', v(1, 7), '--qemu-version: QEMU 1.7 is not modelled (allowed: releases 2.11 to 11.1)'],
  ])('rejects %s', (_what, qemuVersion, message) => {
    expect(errorOf(aDraft({ memory: 4n * GiB, qemuVersion }))).toBe(message);
  });

  it('accepts the oldest and the newest modelled QEMU', () => {
    expect(specOf(aDraft({ memory: 4n * GiB, qemuVersion: v(2, 11) })).qemuVersion).toStrictEqual({ major: 2, minor: 11 });
    expect(specOf(aDraft({ memory: 4n * GiB, qemuVersion: v(10, 2) })).qemuVersion).toStrictEqual({ major: 10, minor: 2 });
  });

  it('checks the QEMU version before asking for memory', () => {
    expect(errorOf(aDraft({ qemuVersion: v(2, 10) }))).toBe(
      '--qemu-version: QEMU 2.10 is not modelled (allowed: releases 2.11 to 11.1)',
    );
  });

  // Whether the binary still registers a machine type is QEMU's refusal (exit 1), in the model: test/core/machine-types.test.ts.
  it('rejects a machine version that is not a QEMU release', () => {
    expect(errorOf(aDraft({ memory: 4n * GiB, machine: 'q35', machineVersion: v(7, 3), qemuVersion: v(10, 2) }))).toBe(
      '--machine-version: pc-q35-7.3 is not a machine type the model knows (allowed: releases 2.0 to 11.1; QEMU 10.2 registers 5.0 to 10.2)',
    );
  });

  it.each<[string, 'q35' | 'pc', QemuVersion, QemuVersion]>([
    ['pc 2.1 on QEMU 10.2 (QEMU refuses it)', 'pc', v(2, 1), v(10, 2)],
    ['pc-q35-10.2 on QEMU 10.1 (QEMU refuses it)', 'q35', v(10, 2), v(10, 1)],
  ])('passes %s on to the model', (_what, machine, machineVersion, qemuVersion) => {
    expect(specOf(aDraft({ memory: 4n * GiB, machine, machineVersion, qemuVersion })).machineVersion).toStrictEqual(machineVersion);
  });

  it.each<[string, 'q35' | 'pc', QemuVersion, QemuVersion]>([
    ['pc 2.3 on QEMU 9.0', 'pc', v(2, 3), v(9, 0)],
    ['pc 2.0 on QEMU 9.0', 'pc', v(2, 0), v(9, 0)],
    ['pc 2.4 on QEMU 9.1', 'pc', v(2, 4), v(9, 1)],
    ['q35 2.4 on QEMU 10.0', 'q35', v(2, 4), v(10, 0)],
    ['q35 2.6 on QEMU 10.1', 'q35', v(2, 6), v(10, 1)],
    ['pc 10.2 on QEMU 10.2', 'pc', v(10, 2), v(10, 2)],
  ])('accepts %s', (_what, machine, machineVersion, qemuVersion) => {
    const spec = specOf(aDraft({ memory: 4n * GiB, machine, machineVersion, qemuVersion }));
    expect([spec.machine, spec.machineVersion, spec.qemuVersion]).toStrictEqual([machine, machineVersion, qemuVersion]);
  });
});

describe('toSpec: memory options (qemu.md §4.1)', () => {
  it('asks for memory when none is given', () => {
    expect(errorOf(aDraft({}))).toBe(
      '--memory: required: the guest RAM size (for example --memory 4G), or give --vm FILE or --preset NAME',
    );
  });

  it('rejects 0 bytes of memory', () => {
    expect(errorOf(aDraft({ memory: 0n }))).toBe('--memory: must be more than 0 bytes');
  });

  it('accepts exactly 256 slots', () => {
    expect(MAX_SLOTS).toBe(256);
    expect(specOf(aDraft({ memory: 4n * GiB, slots: 256, maxmem: 8n * GiB })).slots).toBe(256);
  });

  it('rejects slots without maxmem with QEMU\'s message (P1)', () => {
    expect(errorOf(aDraft({ memory: 4n * GiB, slots: 2 }))).toBe(
      '--slots: slots specified but no max-size (give --maxmem too)',
    );
  });

  it('rejects maxmem below memory with QEMU\'s hex sizes (P2)', () => {
    expect(errorOf(aDraft({ memory: 4n * GiB, maxmem: 3n * GiB }))).toBe(
      '--maxmem: invalid value of maxmem: maximum memory size (0xc0000000) must be at least the initial memory size (0x100000000)',
    );
  });

  it('compares maxmem with the RAM size rounded up to 8 KiB, as QEMU prints it', () => {
    expect(errorOf(aDraft({ memory: 4n * GiB + KiB, maxmem: 4n * GiB + KiB }))).toBe(
      '--maxmem: invalid value of maxmem: maximum memory size (0x100000400) must be at least the initial memory size (0x100002000)',
    );
  });

  it('rejects slots with maxmem equal to memory with QEMU\'s message (V35)', () => {
    expect(errorOf(aDraft({ memory: 8n * GiB, slots: 2, maxmem: 8n * GiB }))).toBe(
      '--maxmem: invalid value of maxmem: memory slots were specified but maximum memory size (0x200000000) is equal to the initial memory size (0x200000000)',
    );
  });

  it('accepts maxmem above memory without slots (V14) and slots 0 with maxmem equal to memory (V36)', () => {
    const v14 = specOf(aDraft({ memory: 8n * GiB, maxmem: 32n * GiB }));
    expect([v14.memory, v14.maxmem, v14.slots]).toStrictEqual([8589934592n, 34359738368n, 0]);
    const v36 = specOf(aDraft({ memory: 8n * GiB, slots: 0, maxmem: 8n * GiB }));
    expect([v36.memory, v36.maxmem, v36.slots]).toStrictEqual([8589934592n, 8589934592n, 0]);
  });

  it('rejects max-ram-below-4g above 4G with QEMU\'s message in bytes (P4)', () => {
    expect(errorOf(aDraft({ machine: 'pc', memory: 4n * GiB, maxRamBelow4g: 5n * GiB }))).toBe(
      "--max-ram-below-4g: Machine option 'max-ram-below-4g=5368709120' expects size less than or equal to 4G",
    );
  });

  it('accepts max-ram-below-4g of exactly 4G', () => {
    expect(specOf(aDraft({ machine: 'pc', memory: 4n * GiB, maxRamBelow4g: 4n * GiB })).maxRamBelow4g).toBe(4294967296n);
  });
});

describe('toSpec: CXL windows', () => {
  it('rejects CXL on a pc machine', () => {
    expect(errorOf(aDraft({ machine: 'pc', memory: 4n * GiB, cxlWindows: [GiB] }))).toBe(
      '--cxl-window: CXL needs a q35 machine (pxb-cxl)',
    );
  });

  it('rejects CXL on QEMU 7.1', () => {
    expect(errorOf(aDraft({ memory: 4n * GiB, qemuVersion: v(7, 1), cxlWindows: [GiB] }))).toBe(
      '--cxl-window: CXL fixed memory windows are modelled from QEMU 7.2',
    );
  });

  it('rejects a CXL window that is not a multiple of 256 MiB', () => {
    expect(errorOf(aDraft({ memory: 4n * GiB, cxlWindows: [GiB, 384n * MiB] }))).toBe(
      '--cxl-window: 402653184 bytes is not a positive multiple of 256 MiB',
    );
  });

  it('rejects an empty CXL window', () => {
    expect(errorOf(aDraft({ memory: 4n * GiB, cxlWindows: [0n] }))).toBe(
      '--cxl-window: 0 bytes is not a positive multiple of 256 MiB',
    );
  });

  it('accepts CXL windows on q35 from QEMU 7.2', () => {
    const spec = specOf(aDraft({ memory: 4n * GiB, qemuVersion: v(7, 2), cxlWindows: [256n * MiB, TiB] }));
    expect(spec.cxlWindows).toStrictEqual([268435456n, 1099511627776n]);
  });
});

describe('toSpec: CPU (qemu.md §7)', () => {
  it('rejects phys-bits 53 with QEMU\'s message, two spaces included (K6)', () => {
    expect(errorOf(aDraft({ memory: 4n * GiB, physBits: 53 }))).toBe(
      '--phys-bits: phys-bits should be between 32 and 52  (but is 53)',
    );
  });

  it('rejects phys-bits 31 with QEMU\'s message', () => {
    expect(errorOf(aDraft({ memory: 4n * GiB, physBits: 31 }))).toBe(
      '--phys-bits: phys-bits should be between 32 and 52  (but is 31)',
    );
  });

  it('accepts phys-bits 32 and 52', () => {
    expect(specOf(aDraft({ memory: 2n * GiB, physBits: 32 })).cpu.physBits).toBe(32);
    expect(specOf(aDraft({ memory: 2n * GiB, physBits: 52 })).cpu.physBits).toBe(52);
  });

  // QEMU treats phys-bits=0 as "not set" (qemu.md §7.1; §7.2 step 2 errors only when phys-bits ≠ 0, step 3 makes it 40).
  it('treats phys-bits 0 as QEMU does: not set, so the default 40', () => {
    expect(specOf(aDraft({ memory: 4n * GiB, physBits: 0 })).cpu.physBits).toBe(40);
  });

  it('rejects a 32-bit CPU with 40 physical address bits', () => {
    expect(errorOf(aDraft({ memory: 2n * GiB, longMode: false, physBits: 40 }))).toBe(
      '--phys-bits: a 32-bit CPU has 36 (PAE or PSE-36) or 32 physical address bits, not 40',
    );
  });

  it('accepts a 32-bit CPU with 32 physical address bits (no PAE)', () => {
    expect(specOf(aDraft({ memory: 2n * GiB, longMode: false, physBits: 32 })).cpu.physBits).toBe(32);
  });

  it('rejects guest-phys-bits on QEMU 9.0', () => {
    expect(errorOf(aDraft({ memory: 4n * GiB, qemuVersion: v(9, 0), guestPhysBits: 40 }))).toBe(
      '--guest-phys-bits: guest-phys-bits needs QEMU 9.1 or later',
    );
  });

  it('accepts guest-phys-bits equal to phys-bits on QEMU 9.1', () => {
    const spec = specOf(aDraft({ memory: 4n * GiB, qemuVersion: v(9, 1), physBits: 48, guestPhysBits: 48 }));
    expect(spec.cpu.guestPhysBits).toBe(48);
  });

  it('rejects guest-phys-bits above phys-bits', () => {
    expect(errorOf(aDraft({ memory: 4n * GiB, guestPhysBits: 41 }))).toBe(
      '--guest-phys-bits: 41 is outside 32 to phys-bits (40)',
    );
  });

  it('rejects guest-phys-bits below 32', () => {
    expect(errorOf(aDraft({ memory: 4n * GiB, physBits: 48, guestPhysBits: 31 }))).toBe(
      '--guest-phys-bits: 31 is outside 32 to phys-bits (48)',
    );
  });

  it('rejects guest-phys-bits on a 32-bit CPU', () => {
    expect(errorOf(aDraft({ memory: 2n * GiB, longMode: false, guestPhysBits: 36 }))).toBe(
      '--guest-phys-bits: guest-phys-bits is not settable on a 32-bit CPU',
    );
  });
});

describe('toSpec: firmware', () => {
  it('rejects an unknown firmware, listing the presets passed in', () => {
    expect(errorOf(aDraft({ memory: 4n * GiB, firmware: 'debian-99' }), PRESETS)).toBe(
      '--firmware: "debian-99" is not an edk2 stable tag (edk2-stable201808 to edk2-stable202608) or a firmware preset (debian-12, ubuntu-24.04, old-ia32)',
    );
  });

  it('rejects an unknown firmware without a preset list when none is passed in', () => {
    expect(errorOf(aDraft({ memory: 4n * GiB, firmware: 'edk2-stable202606' }))).toBe(
      '--firmware: "edk2-stable202606" is not an edk2 stable tag (edk2-stable201808 to edk2-stable202608)',
    );
  });

  it('resolves a preset name to its edk2 tag and default build', () => {
    expect(specOf(aDraft({ memory: 4n * GiB, firmware: 'debian-12' }), PRESETS).firmware).toStrictEqual({
      edk2: 'edk2-stable202211', build: 'ia32x64', fiveLevelPaging: false, fwCfg: {},
    });
  });

  it('lets --ovmf-build override the preset\'s default build', () => {
    expect(specOf(aDraft({ memory: 4n * GiB, firmware: 'debian-12', ovmfBuild: 'x64' }), PRESETS).firmware).toStrictEqual({
      edk2: 'edk2-stable202211', build: 'x64', fiveLevelPaging: false, fwCfg: {},
    });
  });

  it('takes an edk2 tag as it is, with the x64 build', () => {
    expect(specOf(aDraft({ memory: 4n * GiB, firmware: 'edk2-stable202011' }), PRESETS).firmware).toStrictEqual({
      edk2: 'edk2-stable202011', build: 'x64', fiveLevelPaging: false, fwCfg: {},
    });
  });

  it('passes five-level paging and fw_cfg files through', () => {
    const draft = aDraft({ memory: 4n * GiB, fiveLevelPaging: true, fwCfg: { 'opt/ovmf/X-PciMmio64Mb': '65536', 'opt/x': 'y' } });
    expect(specOf(draft).firmware).toStrictEqual({
      edk2: 'edk2-stable202608', build: 'x64', fiveLevelPaging: true, fwCfg: { 'opt/ovmf/X-PciMmio64Mb': '65536', 'opt/x': 'y' },
    });
  });

  it('rejects the ia32 build on edk2-stable202511', () => {
    expect(errorOf(aDraft({ memory: 4n * GiB, firmware: 'edk2-stable202511', ovmfBuild: 'ia32' }))).toBe(
      '--ovmf-build: OvmfPkgIa32 was removed in edk2-stable202511; edk2-stable202511 has x64 and ia32x64',
    );
  });

  it('rejects the ia32 build on the newest edk2 by default', () => {
    expect(errorOf(aDraft({ memory: 4n * GiB, ovmfBuild: 'ia32' }))).toBe(
      '--ovmf-build: OvmfPkgIa32 was removed in edk2-stable202511; edk2-stable202608 has x64 and ia32x64',
    );
  });

  it('accepts the ia32 build on edk2-stable202508, from a preset\'s default build', () => {
    expect(specOf(aDraft({ memory: 4n * GiB, firmware: 'old-ia32' }), PRESETS).firmware).toStrictEqual({
      edk2: 'edk2-stable202508', build: 'ia32', fiveLevelPaging: false, fwCfg: {},
    });
  });
});

describe('toSpec: labels', () => {
  it('names the label the draft carries, not the flag', () => {
    const draft: VmDraft = { memory: { value: 0n, label: 'vm.json: memory' } };
    expect(errorOf(draft)).toBe('vm.json: memory: must be more than 0 bytes');
  });

  it('names each field by its own label', () => {
    const draft: VmDraft = {
      memory: { value: 4n * GiB, label: 'vm.json: memory' },
      maxmem: { value: 3n * GiB, label: 'vm.json: maxmem' },
    };
    expect(errorOf(draft)).toBe(
      'vm.json: maxmem: invalid value of maxmem: maximum memory size (0xc0000000) must be at least the initial memory size (0x100000000)',
    );
    expect(errorOf({ memory: { value: 4n * GiB, label: '--memory' }, physBits: { value: 53, label: 'vm.json: cpu.physBits' } })).toBe(
      'vm.json: cpu.physBits: phys-bits should be between 32 and 52  (but is 53)',
    );
  });

  it('names the file\'s field for slots without maxmem and for the OVMF build', () => {
    const draft: VmDraft = {
      memory: { value: 4n * GiB, label: 'vm.json: memory' },
      slots: { value: 2, label: 'vm.json: slots' },
    };
    expect(errorOf(draft)).toBe('vm.json: slots: slots specified but no max-size (give --maxmem too)');
    expect(errorOf({ memory: { value: 4n * GiB, label: 'vm.json: memory' }, ovmfBuild: { value: 'ia32', label: 'vm.json: firmware.build' } })).toBe(
      'vm.json: firmware.build: OvmfPkgIa32 was removed in edk2-stable202511; edk2-stable202608 has x64 and ia32x64',
    );
  });

  it('names --memory when memory is missing, whatever the other labels', () => {
    expect(errorOf({ slots: { value: 2, label: 'vm.json: slots' } })).toBe(
      '--memory: required: the guest RAM size (for example --memory 4G), or give --vm FILE or --preset NAME',
    );
  });
});
