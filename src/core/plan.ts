/** One VM's plan: QEMU's layout, then OVMF's sizing of what QEMU hands it (the `plan --json` contract's data). */
import { type Finding, qemuRefusal } from './findings.js';
import type { VmSpec } from './spec.js';
import { type QemuLayout, qemuLayout } from './qemu/layout.js';
import { type OvmfSizing, ovmfSizing } from './ovmf/sizing.js';
import { binaryFeatures, machineFlags } from './qemu/machine-types.js';
import { firmwareRules } from './ovmf/releases.js';
import { hasDevices } from './pci/devices.js';
import { type DevicePlacement, placeDevices } from './pci/placement.js';
import { placementFindings } from './pci/findings.js';
import { pow2, rangeEnd } from './units.js';

export interface Plan {
  readonly vm: VmSpec;
  readonly qemu: QemuLayout;
  /** null when QEMU refuses to start: the firmware never runs. */
  readonly ovmf: OvmfSizing | null;
  /** Where OVMF puts the passed-through devices' BARs; null without devices, or when OVMF never runs. */
  readonly devices: DevicePlacement | null;
  /** QEMU's findings, then OVMF's, then the devices'. */
  readonly findings: readonly Finding[];
}

export function plan(vm: VmSpec): Plan {
  const qemu = qemuLayout(vm);
  if (qemuRefusal(qemu.findings)) {
    return { vm, qemu, ovmf: null, devices: null, findings: qemu.findings };
  }
  const { vendor, longMode, physBits, pdpe1gb, la57 } = vm.cpu;
  const cpu = { vendor, longMode, physBits, guestPhysBits: reportedGuestPhysBits(vm), pdpe1gb, la57 };
  const view = { e820: qemu.e820, reservedMemoryEnd: qemu.reservedMemoryEnd, cpu, vendorSignature: vendorSignature(vm), hotplug: qemu.deviceMemory };
  const ovmf = ovmfSizing(view, vm.firmware);
  const devices = hasDevices(vm.pci) ? devicePlacement(vm, ovmf) : null;
  const deviceFindings = devices ? placementFindings(devices, vm.pci, vm.machine) : [];
  return { vm, qemu, ovmf, devices, findings: [...qemu.findings, ...ovmf.findings, ...deviceFindings] };
}

/** The aperture is usable only below 2^PhysMemAddressWidth: beyond it, PciHostBridgeDxe cannot add it to the GCD map. */
function devicePlacement(vm: VmSpec, ovmf: OvmfSizing): DevicePlacement {
  const aperture = ovmf.pci64Aperture;
  const usable = aperture !== null && rangeEnd(aperture) <= pow2(ovmf.physMemAddressWidth);
  return placeDevices(vm.pci, { aperture, usable }, firmwareRules(vm.firmware));
}

/**
 * The guest-phys-bits the user set reaches CPUID from QEMU 9.1 on any machine type: pc_compat_9_0's
 * `guest-phys-bits=0` is a default, and a property given on -cpu outlives it (real boot, QEMU 10.0, pc-q35-7.2:
 * guest-phys-bits=40 gave OVMF a 40-bit width). QEMU refuses a value outside 32..phys-bits (x86_cpu_realizefn).
 */
export function reportedGuestPhysBits(vm: VmSpec): number {
  if (!binaryFeatures(vm.qemuVersion).guestPhysBitsProperty) return 0;
  return Math.min(vm.cpu.guestPhysBits, vm.cpu.physBits);
}

/**
 * The vendor in CPUID 0x80000000 (cpu_x86_cpuid): zero for an Intel vCPU when x-vendor-cpuid-only-v2 is on, which a
 * 10.1+ machine type does by default (216d9bb6d771; pc_compat_10_0 turns it off) unless -cpu says otherwise.
 */
export function vendorSignature(vm: VmSpec): VmSpec['cpu']['vendor'] | null {
  if (vm.cpu.vendor !== 'intel' || !binaryFeatures(vm.qemuVersion).vendorCpuidOnlyV2Property) return vm.cpu.vendor;
  return (vm.cpu.vendorCpuidOnlyV2 ?? machineFlags(vm.machineVersion).vendorCpuidOnlyV2) ? null : 'intel';
}
