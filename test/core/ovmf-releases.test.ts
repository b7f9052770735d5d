/**
 * One test per behaviour change in shared/spec/ovmf.md §1: the same input on the last tag before the change and the
 * first tag after it.
 */
import { describe, expect, it } from 'vitest';
import { plan } from '../../src/core/plan.js';
import { ovmfRules } from '../../src/core/ovmf/releases.js';
import type { Edk2Tag } from '../../src/core/ovmf/releases.js';
import { aVm, g, t, type VmOverrides } from '../builders.js';

/**
 * A 2 GiB q35 guest with an Intel vCPU and 1 GiB pages, planned on `tag`, on QEMU 10.0 (pc-q35-10.0): from 10.1 an
 * Intel vCPU's CPUID 0x80000000 has no vendor string, which hides the Intel rows of the trust rule (machine-types.ts).
 */
function ovmfOn(tag: Edk2Tag, overrides: VmOverrides = {}) {
  const vm = aVm({ qemuVersion: v100, machineVersion: v100, ...overrides, cpu: { vendor: 'intel', pdpe1gb: true, ...overrides.cpu }, firmware: { ...overrides.firmware, edk2: tag } });
  const { ovmf } = plan(vm);
  if (!ovmf) throw new Error('QEMU refused');
  return ovmf;
}
const v100 = { major: 10, minor: 0 };
const summary = (o: ReturnType<typeof ovmfOn>) => [o.window, o.pci64Aperture, o.physMemAddressWidth];
const knob = (value: string) => ({ firmware: { fwCfg: { 'opt/ovmf/X-PciMmio64Mb': value } } });

describe('edk2 release boundaries', () => {
  it('202002 → 202005: "0x10000" disables the aperture, then is malformed and ignored (98800cce65)', () => {
    expect(summary(ovmfOn('edk2-stable202002', knob('0x10000')))).toEqual(['disabled', null, 36]);
    expect(summary(ovmfOn('edk2-stable202005', knob('0x10000')))).toEqual(['classic', { base: g(32), size: g(32) }, 36]);
  });

  it('202002 → 202005: an 8-byte knob is malformed for the old 7-character buffer, 64 GiB for the new parser', () => {
    expect(summary(ovmfOn('edk2-stable202002', knob('00065536')))).toEqual(['classic', { base: g(32), size: g(32) }, 36]);
    expect(summary(ovmfOn('edk2-stable202005', knob('00065536')))).toEqual(['classic', { base: g(64), size: g(64) }, 37]);
  });

  it('202202 → 202205: the X64 PEI allows width 49 (assert ≤ 48 raised to ≤ 52, e23f8f52fd)', () => {
    const vm: VmOverrides = { memory: g(2), slots: 1, maxmem: t(250), ...knob('16777216'), cpu: { physBits: 50 } };
    expect(ovmfOn('edk2-stable202202', vm).findings.map((f) => f.code)).toContain('ovmf_width_above_pei_max');
    expect(ovmfOn('edk2-stable202205', vm).findings.map((f) => f.code)).not.toContain('ovmf_width_above_pei_max');
  });

  it('202208 → 202211: Intel 39 goes from the classic window to the trusted dynamic window (8f9ef9c9a0, ecb778d0ac)', () => {
    expect(summary(ovmfOn('edk2-stable202208', { cpu: { physBits: 39 } }))).toEqual(['classic', { base: g(32), size: g(32) }, 36]);
    expect(summary(ovmfOn('edk2-stable202211', { cpu: { physBits: 39 } }))).toEqual(['dynamic', { base: g(448), size: g(64) }, 39]);
  });

  it('202211 → 202302: AMD 40 on QEMU ≥ 7.1 moves from the HyperTransport hole to 768 GiB (c0a0b9bc35)', () => {
    const amd: VmOverrides = { cpu: { vendor: 'amd', physBits: 40 } };
    expect(summary(ovmfOn('edk2-stable202211', amd))).toEqual(['dynamic', { base: g(896), size: g(128) }, 40]);
    expect(summary(ovmfOn('edk2-stable202302', amd))).toEqual(['dynamic', { base: g(768), size: g(128) }, 40]);
    // FirstNonAddress: reset to the classic 64 GiB in 202211, 2^40 from 202302 (e037530468).
    expect(ovmfOn('edk2-stable202211', amd).firstNonAddress).toBe(g(64));
    expect(ovmfOn('edk2-stable202302', amd).firstNonAddress).toBe(t(1));
  });

  it('202305 → 202308: the paging cap goes from 47 to 46 (c1e8537690)', () => {
    expect(ovmfOn('edk2-stable202305', { cpu: { physBits: 48 } }).physMemAddressWidth).toBe(47);
    expect(ovmfOn('edk2-stable202308', { cpu: { physBits: 48 } }).physMemAddressWidth).toBe(46);
  });

  it('202305 → 202308: Ia32X64 gets 1 GiB page tables, so the 256.5 MiB identity map of width 46 shrinks (b63e17d746)', () => {
    const vm: VmOverrides = { cpu: { physBits: 46 }, firmware: { build: 'ia32x64' } };
    expect(ovmfOn('edk2-stable202305', vm).pageTables).toEqual({ bytes: 65665n * 4096n, uses1GPages: false });
    expect(ovmfOn('edk2-stable202308', vm).pageTables).toEqual({ bytes: 129n * 4096n, uses1GPages: true });
  });

  it('202402 → 202405: with a 5-level build and an la57 CPU the cap becomes 48 (adebfe121c)', () => {
    const vm: VmOverrides = { cpu: { physBits: 52, la57: true }, firmware: { fiveLevelPaging: true } };
    expect(summary(ovmfOn('edk2-stable202402', vm))).toEqual(['dynamic', { base: t(56), size: t(8) }, 46]);
    expect(summary(ovmfOn('edk2-stable202405', vm))).toEqual(['dynamic', { base: t(224), size: t(32) }, 48]);
  });

  it('202405 → 202408: GuestPhysBits 39 makes Intel 40 trusted (603ad2d6ae)', () => {
    const vm: VmOverrides = { cpu: { physBits: 40, guestPhysBits: 39 } };
    expect(summary(ovmfOn('edk2-stable202405', vm))).toEqual(['classic', { base: g(32), size: g(32) }, 36]);
    expect(summary(ovmfOn('edk2-stable202408', vm))).toEqual(['dynamic', { base: g(448), size: g(64) }, 39]);
  });

  it('202408 → 202411: a small guest drops from 5- to 4-level paging and gets 46 (2069a63a8e)', () => {
    const vm: VmOverrides = { cpu: { physBits: 52, la57: true }, firmware: { fiveLevelPaging: true } };
    expect(ovmfOn('edk2-stable202408', vm).physMemAddressWidth).toBe(48);
    expect(ovmfOn('edk2-stable202411', vm).physMemAddressWidth).toBe(46);
  });

  it('202502 → 202505: X-PciMmio64Mb=0 stops being ignored and disables the aperture (9ac1704af6)', () => {
    const vm: VmOverrides = { ...knob('0'), cpu: { physBits: 39 } };
    expect(summary(ovmfOn('edk2-stable202502', vm))).toEqual(['dynamic', { base: g(448), size: g(64) }, 39]);
    expect(summary(ovmfOn('edk2-stable202505', vm))).toEqual(['disabled', null, 39]);
  });

  it('202502 → 202505: PagingLevel=5 is read under its corrected name (6234d09f75)', () => {
    const vm: VmOverrides = { cpu: { physBits: 52, la57: true }, firmware: { fiveLevelPaging: true, fwCfg: { 'opt/org.tianocore/PagingLevel': '5' } } };
    expect(ovmfOn('edk2-stable202502', vm).physMemAddressWidth).toBe(46);
    expect(ovmfOn('edk2-stable202505', vm).physMemAddressWidth).toBe(48);
  });

  it('202502 accepts the misspelled opt/org.tianocode/PagingLevel, which 202505 ignores', () => {
    const vm: VmOverrides = { cpu: { physBits: 52, la57: true }, firmware: { fiveLevelPaging: true, fwCfg: { 'opt/org.tianocode/PagingLevel': '5' } } };
    expect(ovmfOn('edk2-stable202502', vm).physMemAddressWidth).toBe(48);
    expect(ovmfOn('edk2-stable202505', vm).findings).toContainEqual({ code: 'ovmf_knob_not_read', name: 'opt/org.tianocode/PagingLevel', readsName: 'opt/org.tianocore/PagingLevel', reason: 'release' });
  });

  it('202508 → 202511: OvmfPkgIa32 is gone (1fb88ffe28)', () => {
    expect(ovmfRules('edk2-stable202508').ia32Build).toBe(true);
    expect(ovmfRules('edk2-stable202511').ia32Build).toBe(false);
  });

  it('maps each tag to the family of the spec\'s vectors', () => {
    const families = (['edk2-stable201808', 'edk2-stable202005', 'edk2-stable202211', 'edk2-stable202305', 'edk2-stable202402', 'edk2-stable202405', 'edk2-stable202408', 'edk2-stable202502', 'edk2-stable202605'] as const).map((tag) => ovmfRules(tag).family);
    expect(families).toEqual(['C-old', 'C-new', 'D22', 'D23a', 'D23b', 'D24a', 'D24b', 'D24c', 'D25']);
  });
});
