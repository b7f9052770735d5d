/** Invariants of the model over generated VM specs (issue 9). `npm run test:props` runs each 100,000 times. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plan } from '../../src/core/plan.js';
import { hasError } from '../../src/core/findings.js';
import { checkPool } from '../../src/core/pool/check.js';
import { recommend } from '../../src/core/pool/recommend.js';
import { GiB, ceilLog2, isAligned, overlaps, pow2, powerOfTwoFloor, rangeEnd } from '../../src/core/units.js';
import { RUNS, hostFor, size, vmSpec } from './arbitraries.js';

const params = { numRuns: RUNS };
/** 100,000 cases take minutes on a loaded 2-core machine. */
const TIMEOUT = 30_000 + RUNS * 5;
const ran: Record<string, number> = {};
const count = (name: string) => {
  ran[name] = (ran[name] ?? 0) + 1;
};

describe(`model invariants (${RUNS} cases each)`, () => {
  it('QEMU refuses exactly when the highest used address does not fit in phys-bits', () => {
    fc.assert(fc.property(vmSpec, (vm) => {
      count('refusal');
      const { qemu } = plan(vm);
      const refuses = qemu.findings.some((f) => f.code === 'qemu_phys_bits_too_low' || f.code === 'qemu_layout_beyond_phys_bits');
      expect(refuses).toBe(qemu.maxUsedGpa > pow2(vm.cpu.physBits) - 1n);
    }), params);
  }, TIMEOUT);

  it('the classic aperture is 1 GiB-aligned and naturally aligned, and the classic width is the smallest ≥ 36 covering it', () => {
    fc.assert(fc.property(vmSpec, (vm) => {
      count('classic');
      const { ovmf } = plan(vm);
      const aperture = ovmf?.classic.aperture;
      if (!ovmf || !aperture) return;
      expect(isAligned(aperture.base, GiB) && isAligned(aperture.size, GiB)).toBe(true);
      expect(isAligned(aperture.base, powerOfTwoFloor(aperture.size))).toBe(true);
      const width = ovmf.classic.width;
      expect(rangeEnd(aperture) <= pow2(width)).toBe(true);
      expect(width === 36 || rangeEnd(aperture) > pow2(width - 1)).toBe(true);
      expect(width).toBe(Math.max(36, ceilLog2(rangeEnd(aperture))));
    }), params);
  }, TIMEOUT);

  it('the published aperture never overlaps RAM or the hotplug area unless a finding says so', () => {
    fc.assert(fc.property(vmSpec, (vm) => {
      count('overlap');
      const result = plan(vm);
      const aperture = result.ovmf?.pci64Aperture;
      if (!aperture) return;
      const codes = new Set(result.findings.map((f) => f.code));
      const ram = result.qemu.e820.filter((e) => e.type === 'ram');
      if (ram.some((e) => overlaps(aperture, e))) expect(codes.has('ovmf_aperture_overlaps_e820') || codes.has('ovmf_aperture_wrapped')).toBe(true);
      const hotplug = result.qemu.deviceMemory;
      if (hotplug && overlaps(aperture, hotplug)) expect(codes.has('ovmf_aperture_overlaps_hotplug') || codes.has('ovmf_aperture_wrapped')).toBe(true);
    }), params);
  }, TIMEOUT);

  it('raising memory never lowers the width QEMU\'s layout needs', () => {
    fc.assert(fc.property(vmSpec, size, (vm, more) => {
      count('monotonic');
      const bigger = { ...vm, memory: vm.memory + more, maxmem: vm.maxmem + more + 8192n };
      const need = (v: typeof vm) => ceilLog2(plan(v).qemu.maxUsedGpa + 1n);
      expect(need(bigger)).toBeGreaterThanOrEqual(need(vm));
    }), params);
  }, TIMEOUT);

  it('a pool of one host passes exactly when plan() on that host has no error', () => {
    fc.assert(fc.property(vmSpec.chain((vm) => hostFor(vm).map((host) => [vm, host] as const)), ([vm, host]) => {
      count('one-host pool');
      // phys-bits equal to the host's, at most 48 (mappable without la57): the pool adds nothing the plan does not know.
      const physBits = Math.min(host.physBits, 48);
      const onHost = { ...host, physBits };
      const report = checkPool(vm, { hosts: [onHost] }, { kind: 'fixed', physBits });
      const direct = report.groups[0]!.plan!;
      expect(report.verdict === 'pass').toBe(!hasError(direct.findings));
    }), { numRuns: Math.max(100, Math.floor(RUNS / 10)) });
  }, TIMEOUT);

  it('the recommendation always passes its own check', () => {
    fc.assert(fc.property(vmSpec.chain((vm) => fc.array(hostFor(vm), { minLength: 1, maxLength: 4 }).map((hosts) => [vm, hosts] as const)), ([vm, hosts]) => {
      count('recommendation');
      const pool = { hosts: hosts.map((h, i) => ({ ...h, name: `h${i}` })) };
      const { best } = recommend(vm, pool);
      if (best) expect(checkPool(vm, pool, best.setting).verdict).toBe('pass');
    }), { numRuns: Math.max(50, Math.floor(RUNS / 100)) });
  }, TIMEOUT);

  it('ran every property', () => {
    console.log(`properties ran: ${Object.entries(ran).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    expect(Object.keys(ran)).toHaveLength(6);
  });
});
