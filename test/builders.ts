/** Test builders: a baseline VM and overrides, each call a new object (style.md §6 rule 10). */
import type { FirmwareSpec, GuestCpu, HostSpec, PoolSpec, VmSpec } from '../src/core/spec.js';
import { GiB, MiB, TiB } from '../src/core/units.js';
import { NO_DEVICES } from '../src/core/pci/devices.js';

export type VmOverrides = Partial<Omit<VmSpec, 'cpu' | 'firmware'>> & {
  cpu?: Partial<GuestCpu>;
  firmware?: Partial<FirmwareSpec>;
};

/**
 * The spec's common settings (qemu.md §10.1): current machine type, TCG `qemu64` (vendor AMD, phys-bits 40, no 1 GiB
 * pages), 2 GiB of RAM, the newest modelled edk2 with the X64 build.
 */
export function aVm(overrides: VmOverrides = {}): VmSpec {
  const memory = overrides.memory ?? 2n * GiB;
  return {
    machine: 'q35',
    machineVersion: { major: 10, minor: 2 },
    qemuVersion: { major: 10, minor: 2 },
    maxmem: overrides.maxmem ?? memory,
    slots: 0,
    maxRamBelow4g: 0n,
    pciHole64Size: null,
    cxlWindows: [],
    pci: NO_DEVICES,
    ...overrides,
    memory,
    cpu: { vendor: 'amd', longMode: true, physBits: 40, guestPhysBits: 0, pdpe1gb: false, la57: false, ...overrides.cpu },
    firmware: { edk2: 'edk2-stable202605', build: 'x64', fiveLevelPaging: false, fwCfg: {}, ...overrides.firmware },
  };
}

/** Sizes written as in the spec's tables: g(2.75) = 2.75 GiB, exact for multiples of 1/1024. */
export const g = (n: number): bigint => (BigInt(Math.round(n * 1024)) * GiB) / 1024n;
export const m = (n: number): bigint => BigInt(n) * MiB;
export const t = (n: number): bigint => BigInt(n) * TiB;

/** A 46-bit Intel host with 1 GiB pages, QEMU 9.2 and edk2-stable202502 (x64). */
export function aHost(overrides: Partial<HostSpec> = {}): HostSpec {
  return {
    name: 'host', count: 1, vendor: 'intel', physBits: 46, guestPhysBits: 0, pdpe1gb: true, la57: false, iommuBits: null,
    qemuVersion: { major: 9, minor: 2 }, firmware: { edk2: 'edk2-stable202502', build: 'x64' }, ...overrides,
  };
}

export function aPool(...hosts: HostSpec[]): PoolSpec {
  return { hosts };
}
