/** The phys-bits a setting gives the guest on a host (qemu.md §7, vectors K1–K5). */
import { describe, expect, it } from 'vitest';
import { resolveCpu } from '../../src/core/qemu/phys-bits.js';
import { aHost, aVm, type VmOverrides } from '../builders.js';
import type { PhysBitsSetting } from '../../src/core/spec.js';

const host48 = aHost({ vendor: 'amd', physBits: 48 });
const vm = aVm({ cpu: { pdpe1gb: true } });

describe('resolveCpu', () => {
  it('K1: host-phys-bits copies the host\'s 48 bits', () => {
    expect(resolveCpu(vm, { kind: 'host', limit: null }, host48).cpu.physBits).toBe(48);
  });

  it('K4: host-phys-bits-limit=39 caps it at 39', () => {
    expect(resolveCpu(vm, { kind: 'host', limit: 39 }, host48).cpu.physBits).toBe(39);
  });

  it('a limit above the host\'s width leaves the host\'s width', () => {
    expect(resolveCpu(vm, { kind: 'host', limit: 50 }, host48).cpu.physBits).toBe(48);
  });

  it('K3: a fixed phys-bits=42 stays 42 on a 48-bit host (QEMU only warns)', () => {
    expect(resolveCpu(vm, { kind: 'fixed', physBits: 42 }, host48).cpu.physBits).toBe(42);
  });

  it('K5: the guest sees the host\'s vendor', () => {
    expect(resolveCpu(aVm({ cpu: { vendor: 'intel' } }), { kind: 'fixed', physBits: 40 }, host48).cpu.vendor).toBe('amd');
  });

  it('offers 1 GiB pages only where the host has them', () => {
    expect(resolveCpu(vm, { kind: 'fixed', physBits: 40 }, aHost({ pdpe1gb: false })).cpu.pdpe1gb).toBe(false);
  });

  it.each([
    [39, false, 39],
    [52, false, 48],
    [52, true, 52],
  ])('a %i-bit host (la57 %s) maps %i guest-physical bits', (physBits, la57, mappable) => {
    expect(resolveCpu(vm, { kind: 'host', limit: null }, aHost({ physBits, la57 })).mappableBits).toBe(mappable);
  });

  describe('GuestPhysBits (QEMU 9.1+, machine types 9.1+)', () => {
    const host = aHost({ physBits: 52, guestPhysBits: 48 });
    const on = (overrides: VmOverrides, setting: PhysBitsSetting = { kind: 'host', limit: null }) => resolveCpu(aVm(overrides), setting, host).cpu.guestPhysBits;

    it('passes KVM\'s 48 through when the VM sets none', () => {
      expect(on({})).toBe(48);
    });

    it('takes the VM\'s guest-phys-bits over KVM\'s', () => {
      expect(on({ cpu: { guestPhysBits: 40 } })).toBe(40);
    });

    it('caps it at phys-bits', () => {
      expect(on({}, { kind: 'host', limit: 44 })).toBe(44);
    });

    it('reports none on machine types ≤ 9.0 (pc_compat_9_0) or on a QEMU before 9.1', () => {
      expect(on({ machineVersion: { major: 9, minor: 0 } })).toBe(0);
      expect(resolveCpu(aVm({ machineVersion: { major: 9, minor: 0 } }), { kind: 'host', limit: null }, aHost({ guestPhysBits: 46, qemuVersion: { major: 9, minor: 0 } })).cpu.guestPhysBits).toBe(0);
    });
  });
});
