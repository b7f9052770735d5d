/**
 * The releases after QEMU 10.2 and edk2-stable202605, and the fixes issue 16 found against real boots
 * (shared/spec/releases-2026.md; the boots are replayed in test/conformance). Each expected value is the real boot's
 * answer quoted in the issue, or derived by hand in the comment beside it.
 */
import { describe, expect, it } from 'vitest';
import { plan } from '../../src/core/plan.js';
import { ovmfRules } from '../../src/core/ovmf/releases.js';
import { EDK2_TAGS, isNewerThanKnown, tagCommits } from '../../src/core/ovmf/tags.js';
import { modelledCommit } from '../../src/core/ovmf/commits.js';
import { isMachineTypeDeprecated, oldestMachineType } from '../../src/core/qemu/machine-types.js';
import { QEMU_RELEASES, type QemuVersion, formatVersion } from '../../src/core/qemu/versions.js';
import { qemuRefusal } from '../../src/core/findings.js';
import { qemuRefusalLines } from '../../src/render/messages.js';
import { aVm, g, type VmOverrides } from '../builders.js';

const v = (major: number, minor: number): QemuVersion => ({ major, minor });
const KNOB = 'opt/ovmf/X-PciMmio64Mb';
/** Debian's packages as the conformance boots ran them: 12 = 202211 Ia32X64, 13 = 202502 X64 + 9ac1704af664, sid = 202608 X64. */
const DEBIAN = {
  12: { edk2: 'edk2-stable202211', build: 'ia32x64' },
  13: { edk2: 'edk2-stable202502', build: 'x64', backports: ['9ac1704af664'] },
  sid: { edk2: 'edk2-stable202608', build: 'x64' },
} as const;

function aperture(overrides: VmOverrides) {
  const result = plan(aVm(overrides));
  return result.ovmf?.pci64Aperture ?? null;
}

describe('QEMU 10.1: x-vendor-cpuid-only-v2 hides the vendor OVMF reads', () => {
  // QEMU 11.1.3, q35, 2 GiB, -cpu qemu64,phys-bits=39,vendor=GenuineIntel,pdpe1gb=on (issue 16, real boots).
  const intel39 = (machineVersion: QemuVersion, firmware: (typeof DEBIAN)[keyof typeof DEBIAN], cpu: VmOverrides['cpu'] = {}) =>
    aperture({ qemuVersion: v(11, 1), machineVersion, cpu: { vendor: 'intel', physBits: 39, pdpe1gb: true, ...cpu }, firmware });

  it.each(Object.entries(DEBIAN))('Debian %s OVMF: pc-q35-10.0 trusts 39 bits, the dynamic window 64 GiB at 0x7000000000', (_name, firmware) => {
    // 2^39 / 8 = 64 GiB at the top of 2^39: 448 GiB = 0x7000000000.
    expect(intel39(v(10, 0), firmware)).toEqual({ base: 0x70_0000_0000n, size: g(64) });
  });

  it.each(Object.entries(DEBIAN))('Debian %s OVMF: pc-q35-10.1 to 11.1 give the classic window, 32 GiB at 0x800000000', (_name, firmware) => {
    for (const machine of [v(10, 1), v(10, 2), v(11, 0), v(11, 1)]) {
      expect(intel39(machine, firmware)).toEqual({ base: 0x8_0000_0000n, size: g(32) });
    }
  });

  it('x-vendor-cpuid-only-v2=off on pc-q35-11.1 brings the dynamic window back', () => {
    expect(intel39(v(11, 1), DEBIAN.sid, { vendorCpuidOnlyV2: false })).toEqual({ base: 0x70_0000_0000n, size: g(64) });
  });

  it('leaves AMD alone (only IS_INTEL_CPU zeroes the leaf): AMD 40 stays trusted on pc-q35-11.1', () => {
    const amd = aperture({ qemuVersion: v(11, 1), machineVersion: v(11, 1), cpu: { vendor: 'amd', physBits: 40, pdpe1gb: true }, firmware: DEBIAN.sid });
    // 2^40 / 8 = 128 GiB at [896 GiB, 1 TiB); 202302+ moves it below the HyperTransport hole at 1012 GiB: 768 GiB.
    expect(amd).toEqual({ base: g(768), size: g(128) });
  });
});

describe('a package is its tag plus its backports', () => {
  // QEMU 10.0, q35, 4 GiB, -cpu ...,vendor=GenuineIntel,phys-bits=41,+pdpe1gb, X-PciMmio64Mb=65536 (issue 16).
  const vm = (firmware: VmOverrides['firmware']): VmOverrides => ({
    qemuVersion: v(10, 0), machineVersion: v(10, 0), memory: g(4),
    cpu: { vendor: 'intel', physBits: 41, pdpe1gb: true }, firmware: { ...firmware, fwCfg: { [KNOB]: '65536' } },
  });

  it('Debian 13 (202502 + 9ac1704af664): the knob overrides the dynamic window, 64 GiB at 0x1000000000 as the boot showed', () => {
    // Override: the classic placement of a 64 GiB window above 4 GiB of RAM (2 GiB above 4 GiB ends at 6 GiB): 64 GiB.
    expect(aperture(vm(DEBIAN[13]))).toEqual({ base: 0x10_0000_0000n, size: g(64) });
  });

  it('upstream 202502 alone keeps the dynamic window, 256 GiB at 0x1c000000000 (what the planner said before)', () => {
    expect(aperture(vm({ edk2: 'edk2-stable202502', build: 'x64' }))).toEqual({ base: 0x1c0_0000_0000n, size: g(256) });
  });

  it('rules follow commits: the backport sets knobOverride; tags hold only what they contain', () => {
    expect(ovmfRules('edk2-stable202502').knobOverride).toBe(false);
    expect(ovmfRules('edk2-stable202502', ['9ac1704af664']).knobOverride).toBe(true);
    expect(ovmfRules('edk2-stable202505').knobOverride).toBe(true);
    expect(modelledCommit('9ac1704af6645da45d20fb545294e308ef9c887e')?.since).toBe('edk2-stable202505');
  });

  it('202602 alone has f6489621b8ae: 202605 reverts it (defbd14d6373)', () => {
    expect(['edk2-stable202511', 'edk2-stable202602', 'edk2-stable202605', 'edk2-stable202608'].map((t) => ovmfRules(t as never).mem64ToPmem64))
      .toEqual([false, true, false, false]);
    expect(tagCommits('edk2-stable202605').has('f6489621b8ae')).toBe(false);
  });
});

describe('tags after edk2-stable202605', () => {
  it('knows 202608 and the .01 point tags, each with its base tag\'s rules', () => {
    expect(EDK2_TAGS).toContain('edk2-stable202608');
    const rules = (t: string) => { const { edk2: _e, ...rest } = ovmfRules(t as never); return rest; };
    expect(rules('edk2-stable202408.01')).toEqual(rules('edk2-stable202408'));
    expect(rules('edk2-stable202508.01')).toEqual(rules('edk2-stable202508'));
    expect(rules('edk2-stable202608')).toEqual(rules('edk2-stable202605'));
  });

  it('a well-formed tag newer than the newest known is a finding, one the model never saw is not', () => {
    expect(isNewerThanKnown('edk2-stable202611')).toBe(true);
    expect(isNewerThanKnown('edk2-stable202608.01')).toBe(true);
    expect(isNewerThanKnown('edk2-stable202606')).toBe(false);
    expect(isNewerThanKnown('edk2-stable202608')).toBe(false);
  });
});

describe('machine types QEMU no longer registers', () => {
  it('matches the retirement table: oldest registered 4.2 on 10.1, 5.0 on 10.2, 5.1 on 11.0, 5.2 on 11.1', () => {
    // releases-2026.md §1.3 (computed from MACHINE_VER_DELETION); 11.1.3's -machine help lists 5.2 to 11.1.
    const oldest = (b: QemuVersion) => formatVersion(oldestMachineType('q35', b));
    expect([v(10, 0), v(10, 1), v(10, 2), v(11, 0), v(11, 1)].map(oldest)).toEqual(['2.4', '4.2', '5.0', '5.1', '5.2']);
    expect(formatVersion(oldestMachineType('pc', v(11, 1)))).toBe('5.2');
  });

  it('marks three-year-old types deprecated: up to 8.1 on 11.1', () => {
    expect(QEMU_RELEASES.filter((m) => isMachineTypeDeprecated(m, v(11, 1))).map(formatVersion).at(-1)).toBe('8.1');
  });

  it('QEMU 11.1 with pc-q35-5.1 refuses in its own words, and OVMF never runs', () => {
    const result = plan(aVm({ qemuVersion: v(11, 1), machineVersion: v(5, 1) }));
    expect(qemuRefusalLines(qemuRefusal(result.findings)!)).toEqual([
      'unsupported machine type: "pc-q35-5.1"', 'Use -machine help to list supported machines',
    ]);
    expect(result.ovmf).toBeNull();
  });

  it('a machine type newer than the binary is the same refusal', () => {
    const result = plan(aVm({ qemuVersion: v(10, 0), machineVersion: v(10, 1), machine: 'pc' }));
    expect(qemuRefusalLines(qemuRefusal(result.findings)!)[0]).toBe('unsupported machine type: "pc-i440fx-10.1"');
  });
});

describe('a QEMU package is its release plus its patches: Proxmox VE\'s pve-qemu-kvm', () => {
  // proxmox/pve-qemu 0040-adapt-machine-version-deprecation-for-Proxmox-VE.patch: X.Y is deleted when
  // X < QEMU_MAJOR − 6 or (X = QEMU_MAJOR − 6 and Y < QEMU_MINOR); deprecated below the 6.0 baseline.
  it('keeps pc-q35-5.0 on 11.0, which upstream 11.0 no longer registers', () => {
    expect(formatVersion(oldestMachineType('q35', v(11, 0), 'proxmox'))).toBe('5.0');
    expect(formatVersion(oldestMachineType('q35', v(11, 0)))).toBe('5.1');
    const result = plan(aVm({ qemuVersion: v(11, 0), machineVersion: v(5, 0), qemuPatches: 'proxmox' }));
    expect(qemuRefusal(result.findings)).toBeUndefined();
    expect(result.findings.map((f) => f.code)).toContain('qemu_machine_type_deprecated');
  });

  it('deprecates by the baseline, not by age: 5.2 is deprecated on pve 10.1, 6.0 is not', () => {
    expect(isMachineTypeDeprecated(v(5, 2), v(10, 1), 'proxmox')).toBe(true);
    expect(isMachineTypeDeprecated(v(6, 0), v(11, 1), 'proxmox')).toBe(false);
    expect(isMachineTypeDeprecated(v(6, 0), v(11, 1))).toBe(true);
  });
});

describe('an explicit guest-phys-bits outlives pc_compat_9_0', () => {
  it('QEMU 10.0, pc-q35-7.2, phys-bits 42, guest-phys-bits 40, Debian 13: 128 GiB at 0xe000000000 as the boot showed', () => {
    // GuestPhysBits 40 → trusted, width 40: 2^40 / 8 = 128 GiB at [896 GiB, 1 TiB) = 0xe000000000.
    const overrides: VmOverrides = {
      qemuVersion: v(10, 0), machineVersion: v(7, 2), cpu: { vendor: 'intel', physBits: 42, guestPhysBits: 40, pdpe1gb: true }, firmware: DEBIAN[13],
    };
    expect(aperture(overrides)).toEqual({ base: 0xe0_0000_0000n, size: g(128) });
  });
});

describe('QEMU\'s order of checks', () => {
  // -m 2G,slots=300,maxmem=64G: device memory [4 GiB, 4 + 62 + 300 GiB), the 64-bit hole from 366 GiB for 32 GiB.
  const slots300 = (physBits: number) =>
    plan(aVm({ qemuVersion: v(7, 2), machineVersion: v(7, 2), memory: g(2), maxmem: g(64), slots: 300, cpu: { vendor: 'intel', physBits } }));

  it('phys-bits 36: the phys-bits check comes first (real QEMU 7.2)', () => {
    expect(qemuRefusalLines(qemuRefusal(slots300(36).findings)!)).toEqual(['Address space limit 0xfffffffff < 0x637fffffff phys-bits too low (36)']);
  });

  it('phys-bits 40: then the slot count (real QEMU 7.2)', () => {
    expect(qemuRefusalLines(qemuRefusal(slots300(40).findings)!)).toEqual(['unsupported amount of memory slots: 300']);
    expect(slots300(40).findings.filter((f) => f.code.startsWith('qemu_'))).toHaveLength(1);
  });
});
