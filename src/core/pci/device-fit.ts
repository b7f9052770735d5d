/**
 * The smallest change that makes a VM's devices fit: an X-PciMmio64Mb value, or a phys-bits OVMF trusts; and whether
 * they fit under each modelled edk2 release. Every answer is checked by planning the changed VM in full.
 */
import { type Edk2Tag, EDK2_TAGS, behaviourKey, firmwareRules, ovmfRules } from '../ovmf/releases.js';
import { type Plan, plan } from '../plan.js';
import { PCI64_KNOB, type VmSpec } from '../spec.js';
import type { FindingCode } from '../findings.js';
import { GiB, MiB, alignUp, pow2, rangeEnd } from '../units.js';
import { NOTHING_EXCLUDED, rootPorts, rootBlock } from './resource-tree.js';

/** What keeps the devices from working: their own placement, or an aperture the guest cannot use. */
const DEVICE_BLOCKERS: ReadonlySet<FindingCode> = new Set<FindingCode>([
  'qemu_phys_bits_too_low', 'ovmf_devices_rejected', 'ovmf_pci_allocation_failed', 'ovmf_bars_exceed_32bit_window',
  'ovmf_aperture_beyond_width', 'ovmf_aperture_beyond_phys_bits', 'ovmf_aperture_wrapped', 'ovmf_aperture_overlaps_e820',
  'ovmf_aperture_overlaps_hotplug',
]);

/** A plan in which every device has all its BARs, at addresses the guest can use. */
export function devicesFit(result: Plan): boolean {
  const devices = result.devices;
  if (result.ovmf === null || devices === null) return false;
  return (devices.outcome === 'placed' || devices.outcome === 'below-4g') && !result.findings.some((f) => DEVICE_BLOCKERS.has(f.code));
}

export interface KnobFix {
  /** The X-PciMmio64Mb value, in MiB (a whole number of GiB: OVMF rounds the size up to 1 GiB anyway). */
  readonly mib: bigint;
  readonly plan: Plan;
}

export interface PhysBitsFix {
  readonly physBits: number;
  readonly plan: Plan;
}

export interface DeviceFixes {
  /** null: no knob value works with this VM's phys-bits (the aperture would end beyond it), or the knob is not read. */
  readonly knob: KnobFix | null;
  /** null: no width from 32 to 52 that OVMF trusts makes them fit. */
  readonly physBits: PhysBitsFix | null;
}

/** X-PciMmio64Mb's upper bound: 16 TiB for the uint32 parser (≥ 202005), 9,999,999 MiB for the raw one (ovmf.md §2.3). */
function knobMax(edk2: Edk2Tag): bigint {
  return ovmfRules(edk2).knobParser === 'uint32' ? 0x100_0000n * MiB : 9_999_999n * MiB;
}

export function withKnob(vm: VmSpec, size: bigint): VmSpec {
  return { ...vm, firmware: { ...vm.firmware, fwCfg: { ...vm.firmware.fwCfg, [PCI64_KNOB]: String(size / MiB) } } };
}

export function withPhysBits(vm: VmSpec, physBits: number): VmSpec {
  return { ...vm, cpu: { ...vm.cpu, physBits } };
}

/**
 * The smallest knob: sizes in whole GiB from the devices' request up. The classic aperture's end only grows with its
 * size (ovmf.md §2.6), so once it passes what the vCPU addresses, no larger value helps; while the dynamic window
 * still wins over the knob (202211–202502 read it as a minimum, §3.4), jump to the size that beats it.
 */
export function smallestKnob(vm: VmSpec): KnobFix | null {
  const max = knobMax(vm.firmware.edk2);
  let size = alignUp(requestAt(vm, GiB), GiB);
  while (size <= max) {
    const result = plan(withKnob(vm, size));
    if (devicesFit(result)) return { mib: size / MiB, plan: result };
    const ovmf = result.ovmf;
    // Placed but still failing: something else is wrong with the VM, which no knob value mends.
    if (ovmf === null || ovmf.pci64Aperture === null || result.devices?.outcome === 'placed') return null;
    if (rangeEnd(ovmf.pci64Aperture) > pow2(vm.cpu.physBits) && ovmf.window !== 'dynamic') return null;
    const jump = ovmf.window === 'dynamic' && ovmf.dynamicSize !== null ? ovmf.dynamicSize : 0n;
    // The hot-plug padding grows with the aperture (1/256 of it), so the request is read again at the new size.
    size = [size + GiB, jump, alignUp(requestAt(vm, size), GiB)].reduce((a, b) => (a > b ? a : b));
  }
  return null;
}

/** The root bridge's 64-bit request when the aperture has `size` bytes (the padding depends on it). */
function requestAt(vm: VmSpec, size: bigint): bigint {
  return rootBlock(vm.pci, rootPorts(vm.pci), size, firmwareRules(vm.firmware), NOTHING_EXCLUDED).length;
}

/** The smallest phys-bits from 32 to 52 that this OVMF trusts (its CPUID width is used) and that makes them fit. */
export function smallestTrustedPhysBits(vm: VmSpec): PhysBitsFix | null {
  for (let physBits = 32; physBits <= 52; physBits++) {
    const result = plan(withPhysBits(vm, physBits));
    if (result.ovmf?.cpuid.trusted && devicesFit(result)) return { physBits, plan: result };
  }
  return null;
}

export function deviceFixes(vm: VmSpec): DeviceFixes {
  return { knob: smallestKnob(vm), physBits: smallestTrustedPhysBits(vm) };
}

/** Consecutive releases with the same answer. */
export interface ReleaseSpan {
  readonly from: Edk2Tag;
  readonly to: Edk2Tag;
  readonly fits: boolean;
  /** The aperture the last release of the span publishes; null = none. */
  readonly apertureSize: bigint | null;
}

/** Whether the devices fit with each modelled edk2 release (the VM otherwise unchanged), as spans of releases. */
export function fitsByRelease(vm: VmSpec): ReleaseSpan[] {
  const spans: ReleaseSpan[] = [];
  // The 35 tags hold 12 distinct rule sets (test/core/device-fit.test.ts): each is planned once.
  const answers = new Map<string, { fits: boolean; apertureSize: bigint | null }>();
  for (const edk2 of EDK2_TAGS) {
    const rules = ovmfRules(edk2);
    if (vm.firmware.build === 'ia32' && !rules.ia32Build) continue;
    let answer = answers.get(behaviourKey(rules));
    if (!answer) {
      const result = plan({ ...vm, firmware: { ...vm.firmware, edk2, backports: [] } }); // upstream releases: no package backports
      answer = { fits: devicesFit(result), apertureSize: result.ovmf?.pci64Aperture?.size ?? null };
      answers.set(behaviourKey(rules), answer);
    }
    const { fits, apertureSize } = answer;
    const last = spans.at(-1);
    if (last && last.fits === fits && last.apertureSize === apertureSize) spans[spans.length - 1] = { ...last, to: edk2 };
    else spans.push({ from: edk2, to: edk2, fits, apertureSize });
  }
  return spans;
}

/** What `plan` says about the devices beyond their placement: the fixes when they do not fit, and every release's answer. */
export interface DeviceAdvice {
  readonly fits: boolean;
  /** null when they fit already. */
  readonly fixes: DeviceFixes | null;
  readonly byRelease: readonly ReleaseSpan[];
}

export function deviceAdvice(vm: VmSpec, result: Plan): DeviceAdvice | null {
  if (result.devices === null) return null;
  const fits = devicesFit(result);
  return { fits, fixes: fits ? null : deviceFixes(vm), byRelease: fitsByRelease(vm) };
}
