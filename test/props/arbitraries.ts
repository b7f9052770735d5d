/** fast-check generators of valid VM specs (the shapes toSpec accepts) and hosts. */
import { NO_DEVICES } from '../../src/core/pci/devices.js';
import fc from 'fast-check';
import type { HostSpec, VmSpec } from '../../src/core/spec.js';
import { EDK2_TAGS, ovmfRules } from '../../src/core/ovmf/releases.js';
import { QEMU_RELEASES, compareVersions } from '../../src/core/qemu/versions.js';
import { OLDEST_BINARY, oldestMachineType } from '../../src/core/qemu/machine-types.js';
import { GiB, KiB, MiB, TiB } from '../../src/core/units.js';

const binaries = QEMU_RELEASES.filter((v) => compareVersions(v, OLDEST_BINARY) >= 0);

/** Sizes from 1 MiB to 4 TiB, as multiples of 4 KiB and sometimes of 1 GiB (both shapes occur in practice). */
export const size = fc.oneof(
  fc.bigInt({ min: 1n, max: 4096n }).map((n) => n * GiB),
  fc.bigInt({ min: 256n, max: (4n * TiB) / (4n * KiB) }).map((n) => n * 4n * KiB),
);

export const vmSpec: fc.Arbitrary<VmSpec> = fc
  .record({
    machine: fc.constantFrom('q35' as const, 'pc' as const),
    qemu: fc.constantFrom(...binaries),
    memory: size,
    extra: fc.oneof(fc.constant(0n), size),
    slots: fc.integer({ min: 0, max: 16 }),
    lowMemoryLimit: fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 4n }).map((n) => n * GiB), fc.constant(2560n * MiB)),
    hole64: fc.oneof(fc.constant(null), fc.bigInt({ min: 1n, max: 2048n }).map((n) => n * GiB)),
    vendor: fc.constantFrom('intel' as const, 'amd' as const, 'hygon' as const),
    physBits: fc.integer({ min: 32, max: 52 }),
    guestPhysBits: fc.integer({ min: 0, max: 52 }),
    pdpe1gb: fc.boolean(),
    la57: fc.boolean(),
    edk2: fc.constantFrom(...EDK2_TAGS),
    build: fc.constantFrom('x64' as const, 'ia32x64' as const, 'ia32' as const),
    fiveLevelPaging: fc.boolean(),
    knob: fc.oneof(fc.constant(null), fc.constantFrom('0', '1000', '32768', '49152', '65536', '131072', '524288', '16777216', '0x10000', 'junk')),
  })
  .chain((r) => {
    const oldest = oldestMachineType(r.machine, r.qemu);
    const machines = QEMU_RELEASES.filter((v) => compareVersions(v, oldest) >= 0 && compareVersions(v, r.qemu) <= 0);
    return fc.constantFrom(...machines).map((machineVersion): VmSpec => {
      const memory = r.memory;
      const ramSize = ((memory + 8191n) / 8192n) * 8192n;
      const maxmem = r.extra === 0n ? ramSize : ramSize + r.extra;
      const build = r.build === 'ia32' && !ovmfRules(r.edk2).ia32Build ? 'x64' : r.build;
      return {
        machine: r.machine, machineVersion, qemuVersion: r.qemu, memory, maxmem,
        slots: maxmem > ramSize ? r.slots : 0, maxRamBelow4g: r.lowMemoryLimit, pciHole64Size: r.hole64, cxlWindows: [], pci: NO_DEVICES,
        cpu: { vendor: r.vendor, longMode: true, physBits: r.physBits, guestPhysBits: Math.min(r.guestPhysBits, r.physBits) < 32 ? 0 : Math.min(r.guestPhysBits, r.physBits), pdpe1gb: r.pdpe1gb, la57: r.la57 },
        firmware: { edk2: r.edk2, build, fiveLevelPaging: r.fiveLevelPaging, fwCfg: r.knob === null ? {} : { 'opt/ovmf/X-PciMmio64Mb': r.knob } },
      };
    });
  });

/** A host whose QEMU offers the VM's machine type. */
export function hostFor(vm: VmSpec): fc.Arbitrary<HostSpec> {
  return fc.record({
    physBits: fc.integer({ min: 36, max: 52 }),
    vendor: fc.constantFrom('intel' as const, 'amd' as const),
    pdpe1gb: fc.boolean(),
    edk2: fc.constantFrom(...EDK2_TAGS),
    build: fc.constantFrom('x64' as const, 'ia32x64' as const),
  }).map((h) => ({
    name: 'h', count: 1, vendor: h.vendor, physBits: h.physBits, guestPhysBits: 0, pdpe1gb: h.pdpe1gb, la57: false, iommuBits: null,
    qemuVersion: vm.qemuVersion, firmware: { edk2: h.edk2, build: h.build },
  }));
}

/** How many cases each property runs: PROPS_RUNS (100,000 in `npm run test:props`), fewer in `npm test`. */
export const RUNS = Number(process.env.PROPS_RUNS ?? 2000);
