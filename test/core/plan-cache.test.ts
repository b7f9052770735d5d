/** The plan cache of a pool check: one plan per QEMU, OVMF and guest CPU, equal to planning directly. */
import { describe, expect, it } from 'vitest';
import { type PlanCache, planOn } from '../../src/core/plan-cache.js';
import { plan } from '../../src/core/plan.js';
import type { GuestCpu, HostSpec } from '../../src/core/spec.js';
import { aHost, aVm, g } from '../builders.js';

const vm = aVm({ machineVersion: { major: 7, minor: 2 }, memory: g(8), cpu: { pdpe1gb: true }, firmware: { fwCfg: { 'opt/ovmf/X-PciMmio64Mb': '65536' } } });
const cpu: GuestCpu = { vendor: 'intel', longMode: true, physBits: 39, guestPhysBits: 0, pdpe1gb: true, la57: false };

/** What the pool check plans on a host, written out: the host's QEMU and OVMF build, the VM's knobs. */
function direct(on: HostSpec, guest: GuestCpu) {
  return plan({ ...vm, qemuVersion: on.qemuVersion, cpu: guest, firmware: { edk2: on.firmware.edk2, build: on.firmware.build, fiveLevelPaging: false, fwCfg: vm.firmware.fwCfg } });
}

describe('planOn', () => {
  it('plans the VM as the host runs it', () => {
    const host = aHost({ qemuVersion: { major: 8, minor: 2 }, firmware: { edk2: 'edk2-stable202402', build: 'x64' } });
    expect(planOn(vm, cpu, host, new Map())).toEqual(direct(host, cpu));
  });

  it('makes one plan for two hosts with the same QEMU and OVMF that give the guest the same CPU', () => {
    const plans: PlanCache = new Map();
    // Other host objects, another width and name: the guest CPU is what counts, not the host's own width.
    const first = planOn(vm, cpu, aHost({ name: 'a', physBits: 46 }), plans);
    expect(planOn(vm, cpu, aHost({ name: 'b', physBits: 39 }), plans)).toBe(first);
  });

  it.each<[string, Partial<HostSpec>, Partial<GuestCpu>]>([
    ['another QEMU release', { qemuVersion: { major: 9, minor: 1 } }, {}],
    ['another edk2 release', { firmware: { edk2: 'edk2-stable202211', build: 'x64' } }, {}],
    ['another OVMF build', { firmware: { edk2: 'edk2-stable202502', build: 'ia32x64' } }, {}],
    ['another phys-bits', {}, { physBits: 40 }],
    ['another GuestPhysBits', {}, { guestPhysBits: 38 }],
    ['another vendor', {}, { vendor: 'amd' }],
    ['no 1 GiB pages', {}, { pdpe1gb: false }],
    ['5-level paging', {}, { la57: true }],
  ])('plans apart for %s', (_, hostChange, cpuChange) => {
    const plans: PlanCache = new Map();
    const first = planOn(vm, cpu, aHost(), plans);
    const other = planOn(vm, { ...cpu, ...cpuChange }, aHost(hostChange), plans);
    expect(other).not.toBe(first);
    expect(other).toEqual(direct(aHost(hostChange), { ...cpu, ...cpuChange }));
  });

  it('plans, without keeping the plan, a width no CPUID byte holds', () => {
    const plans: PlanCache = new Map();
    // Packed into one number, widths past a byte could collide: phys-bits 295 with 0 and 294 with 256 alike.
    const wide = { ...cpu, physBits: 256 + 39 };
    expect(planOn(vm, wide, aHost(), plans)).toEqual(direct(aHost(), wide));
    expect(plans.size).toBe(0);
  });
});
