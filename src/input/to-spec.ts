/**
 * From the user's draft to the normalized VmSpec: defaults applied, then the checks QEMU makes while parsing its
 * options, each reported as one line naming the field (with QEMU's own words where it has them, qemu.md §4.1, §7).
 */
import { GiB, KiB, MiB } from '../core/units.js';
import type { FirmwareImage, VmSpec } from '../core/spec.js';
import { NEWEST_QEMU, QEMU_RELEASES, type QemuVersion, compareVersions, formatVersion, isKnownRelease } from '../core/qemu/versions.js';
import { OLDEST_BINARY, type QEMU_PACKAGES, binaryFeatures, oldestMachineType, qemuPatchesOf } from '../core/qemu/machine-types.js';
import { EDK2_TAGS, type Edk2Tag, NEWEST_EDK2, type OvmfBuild, isEdk2Tag, ovmfRules } from '../core/ovmf/releases.js';
import { isNewerThanKnown } from '../core/ovmf/tags.js';
import { RAM_SIZE_ALIGN } from '../core/qemu/layout.js';
import { alignUp, isAligned } from '../core/units.js';
import { type InputError, inputError } from './input-error.js';
import { FLAG, type VmDraft } from './vm-draft.js';
import { type DevicePreset, resolveDevices } from './pci-devices.js';
import { NO_DEVICES } from '../core/pci/devices.js';
import { MAX_SLOTS, RANGES, physBitsRefusal } from './field-ranges.js';

/** A firmware preset as `--firmware NAME` resolves it. */
export interface FirmwareChoice {
  readonly name: string;
  readonly edk2: Edk2Tag;
  readonly defaultBuild: OvmfBuild;
  readonly description: string;
  /** The firmware files the package installs (pool hosts of this preset have them). */
  readonly images?: readonly FirmwareImage[];
  /** Modelled edk2 commits the package cherry-picks (its changelog's backports), 12-hex prefixes. */
  readonly backports?: readonly string[];
  /** "ovmf 2025.02-8+deb13u1": the package and version the preset speaks for. */
  readonly package?: string;
}

export { MAX_SLOTS } from './field-ranges.js';
const CXL_WINDOW_ALIGN = 256n * MiB;

export function toSpec(draft: VmDraft, firmwarePresets: readonly FirmwareChoice[] = [], devicePresets: readonly DevicePreset[] = []): VmSpec | InputError {
  const label = (field: keyof VmDraft) => draft[field]?.label ?? FLAG[field];

  const qemuVersion = draft.qemuVersion?.value ?? NEWEST_QEMU;
  if (!isKnownRelease(qemuVersion) || compareVersions(qemuVersion, OLDEST_BINARY) < 0) {
    return inputError(label('qemuVersion'), `QEMU ${formatVersion(qemuVersion)} is not modelled (allowed: releases ${formatVersion(OLDEST_BINARY)} to ${formatVersion(NEWEST_QEMU)})`);
  }
  const machine = draft.machine?.value ?? 'q35';
  const machineVersion = draft.machineVersion?.value ?? qemuVersion;
  const machineCheck = checkMachineVersion(machine, machineVersion, qemuVersion, label('machineVersion'));
  if (machineCheck) return machineCheck;

  if (!draft.memory) {
    return inputError(FLAG.memory, 'required: the guest RAM size (for example --memory 4G), or give --vm FILE or --preset NAME');
  }
  const memory = draft.memory.value;
  if (memory === 0n) return inputError(label('memory'), 'must be more than 0 bytes');
  const ramSize = alignUp(memory, RAM_SIZE_ALIGN);
  // Without maxmem QEMU sets it to the RAM size after its 8 KiB rounding (machine_set_mem).
  const maxmem = draft.maxmem?.value ?? ramSize;
  const slots = draft.slots?.value ?? 0;
  const memoryCheck = checkMemoryOptions(draft, ramSize, maxmem, slots, label);
  if (memoryCheck) return memoryCheck;

  const maxRamBelow4g = draft.maxRamBelow4g?.value ?? 0n;
  if (maxRamBelow4g > 4n * GiB) {
    return inputError(label('maxRamBelow4g'), `Machine option 'max-ram-below-4g=${maxRamBelow4g}' expects size less than or equal to 4G`);
  }

  const cxlWindows = draft.cxlWindows?.value ?? [];
  const cxlCheck = checkCxl(cxlWindows, machine, qemuVersion, label('cxlWindows'));
  if (cxlCheck) return cxlCheck;

  const cpu = guestCpu(draft, qemuVersion, label);
  if ('kind' in cpu) return cpu;

  const firmware = firmwareSpec(draft, firmwarePresets, label);
  if ('kind' in firmware) return firmware;

  const pci = draft.devices || draft.emptyRootPorts
    ? resolveDevices(draft.devices?.value ?? [], draft.emptyRootPorts ?? null, machine, devicePresets)
    : NO_DEVICES;
  if ('kind' in pci) return pci;

  const qemuPatches = draft.qemuPackage ? qemuPatchesOf(draft.qemuPackage.value as (typeof QEMU_PACKAGES)[number]) : 'upstream';
  return {
    machine, machineVersion, qemuVersion, ...(qemuPatches !== 'upstream' ? { qemuPatches } : {}), memory, maxmem, slots, maxRamBelow4g,
    pciHole64Size: draft.pciHole64Size?.value ?? null, cxlWindows, cpu, firmware, pci,
  };
}

/**
 * A machine-type version must be a QEMU release; whether this binary still registers it is QEMU's own refusal
 * (`unsupported machine type`, exit 1), decided by the model in QEMU's order.
 */
function checkMachineVersion(machine: VmSpec['machine'], version: QemuVersion, binary: QemuVersion, label: string): InputError | null {
  if (isKnownRelease(version)) return null;
  const name = `pc-${machine === 'q35' ? 'q35' : 'i440fx'}-${formatVersion(version)}`;
  const first = formatVersion(QEMU_RELEASES[0]!);
  return inputError(label, `${name} is not a machine type the model knows (allowed: releases ${first} to ${formatVersion(NEWEST_QEMU)}; QEMU ${formatVersion(binary)} registers ${formatVersion(oldestMachineType(machine, binary))} to ${formatVersion(binary)})`);
}

/** QEMU's -m checks (machine_set_mem, pc_memory_init; qemu.md §4.1, vectors P1–P3, V35, V41). */
function checkMemoryOptions(draft: VmDraft, ramSize: bigint, maxmem: bigint, slots: number, label: (f: keyof VmDraft) => string): InputError | null {
  const hex = (x: bigint) => `0x${x.toString(16)}`;
  // -m parsing (machine_set_mem), before the machine exists.
  if (slots > 0 && !draft.maxmem) return inputError(label('slots'), 'slots specified but no max-size (give --maxmem too)');
  if (maxmem < ramSize) {
    return inputError(label('maxmem'), `invalid value of maxmem: maximum memory size (${hex(maxmem)}) must be at least the initial memory size (${hex(ramSize)})`);
  }
  if (slots > 0 && maxmem === ramSize) {
    return inputError(label('maxmem'), `invalid value of maxmem: memory slots were specified but maximum memory size (${hex(maxmem)}) is equal to the initial memory size (${hex(ramSize)})`);
  }
  // More than 256 slots and an unaligned maxmem are refused by pc_memory_init after the phys-bits check: the model's
  // refusals (qemu/layout.ts), in QEMU's order.
  return null;
}

function checkCxl(windows: readonly bigint[], machine: VmSpec['machine'], qemuVersion: QemuVersion, label: string): InputError | null {
  if (windows.length === 0) return null;
  if (machine !== 'q35') return inputError(label, 'CXL needs a q35 machine (pxb-cxl)');
  if (!binaryFeatures(qemuVersion).cxl) return inputError(label, 'CXL fixed memory windows are modelled from QEMU 7.2');
  const bad = windows.find((size) => size === 0n || !isAligned(size, CXL_WINDOW_ALIGN));
  return bad === undefined ? null : inputError(label, `${bad} bytes is not a positive multiple of 256 MiB`);
}

function guestCpu(draft: VmDraft, qemuVersion: QemuVersion, label: (f: keyof VmDraft) => string): VmSpec['cpu'] | InputError {
  const longMode = draft.longMode?.value ?? true;
  // phys-bits=0 is QEMU's "not set": the default applies (qemu.md §7.1).
  const physBits = draft.physBits?.value || (longMode ? 40 : 36);
  if (longMode && (physBits < RANGES.physBits.min || physBits > RANGES.physBits.max)) {
    return inputError(label('physBits'), physBitsRefusal(physBits));
  }
  // 32-bit models get 36 with PAE/PSE36, else 32; QEMU refuses a user value ("not user-configurable in 32 bit").
  if (!longMode && physBits !== 32 && physBits !== 36) {
    return inputError(label('physBits'), `a 32-bit CPU has 36 (PAE or PSE-36) or 32 physical address bits, not ${physBits}`);
  }
  const guestPhysBits = draft.guestPhysBits?.value ?? 0;
  if (guestPhysBits !== 0) {
    if (!binaryFeatures(qemuVersion).guestPhysBitsProperty) return inputError(label('guestPhysBits'), 'guest-phys-bits needs QEMU 9.1 or later');
    if (!longMode) return inputError(label('guestPhysBits'), 'guest-phys-bits is not settable on a 32-bit CPU');
    if (guestPhysBits < 32 || guestPhysBits > physBits) {
      return inputError(label('guestPhysBits'), `${guestPhysBits} is outside 32 to phys-bits (${physBits})`);
    }
  }
  const vendorCpuidOnlyV2 = draft.vendorCpuidOnlyV2?.value;
  if (vendorCpuidOnlyV2 !== undefined && !binaryFeatures(qemuVersion).vendorCpuidOnlyV2Property) {
    return inputError(label('vendorCpuidOnlyV2'), 'x-vendor-cpuid-only-v2 needs QEMU 10.1 or later (QEMU 10.0 and older have no such property)');
  }
  const vendorPinned = draft.vendorPinned?.value ?? false;
  if (vendorPinned && !draft.vendor) return inputError(label('vendorPinned'), 'names no vendor: give the pinned vendor too (--vendor, cpu.vendor)');
  return {
    vendor: draft.vendor?.value ?? 'intel',
    ...(vendorPinned ? { vendorPinned } : {}),
    longMode,
    physBits,
    guestPhysBits,
    pdpe1gb: draft.pdpe1gb?.value ?? true,
    la57: draft.la57?.value ?? false,
    ...(vendorCpuidOnlyV2 !== undefined ? { vendorCpuidOnlyV2 } : {}),
  };
}

function firmwareSpec(draft: VmDraft, presets: readonly FirmwareChoice[], label: (f: keyof VmDraft) => string): VmSpec['firmware'] | InputError {
  const wanted = draft.firmware?.value ?? NEWEST_EDK2;
  const preset = isEdk2Tag(wanted) ? null : presets.find((p) => p.name === wanted);
  // A well-formed tag newer than the model knows is planned with the newest known rules and a finding, not refused.
  const newer = !preset && isNewerThanKnown(wanted);
  if (!isEdk2Tag(wanted) && !preset && !newer) {
    const names = presets.map((p) => p.name).join(', ');
    return inputError(label('firmware'), `${JSON.stringify(wanted)} is not an edk2 stable tag (${EDK2_TAGS[0]} to ${NEWEST_EDK2})${names ? ` or a firmware preset (${names})` : ''}`);
  }
  const edk2 = preset ? preset.edk2 : newer ? NEWEST_EDK2 : (wanted as Edk2Tag);
  const backports = draft.firmwareBackports?.value ?? preset?.backports ?? [];
  const packageName = draft.firmwarePackage?.value ?? preset?.package;
  const build = draft.ovmfBuild?.value ?? preset?.defaultBuild ?? 'x64';
  if (build === 'ia32' && !ovmfRules(edk2, backports).ia32Build) {
    return inputError(draft.ovmfBuild ? label('ovmfBuild') : label('firmware'), `OvmfPkgIa32 was removed in edk2-stable202511; ${edk2} has x64 and ia32x64`);
  }
  const files = firmwareFiles(draft, label);
  if ('kind' in files) return files;
  return {
    edk2, build, fiveLevelPaging: draft.fiveLevelPaging?.value ?? false, fwCfg: draft.fwCfg?.value ?? {},
    ...(backports.length > 0 ? { backports } : {}),
    ...(packageName ? { package: packageName } : {}),
    ...(newer ? { unknownNewerTag: wanted } : {}),
    ...files,
  };
}

/** The firmware files the VM is bound to, present only when it names a CODE image (qemu.md §8.2, §9.4). */
function firmwareFiles(draft: VmDraft, label: (f: keyof VmDraft) => string): Pick<VmSpec['firmware'], 'loader' | 'code' | 'vars' | 'nvramSize'> | InputError {
  const { ovmfLoader, ovmfCode, ovmfVars, nvramSize } = draft;
  if (!ovmfCode) {
    const orphan = ovmfLoader ?? ovmfVars ?? nvramSize;
    return orphan ? inputError(orphan.label, 'applies only with the VM\'s CODE image (--ovmf-code, or firmware.code in a VM file)') : {};
  }
  const loader = ovmfLoader?.value ?? 'pflash';
  if (loader === 'rom' && (ovmfVars || nvramSize)) {
    return inputError((ovmfVars ?? nvramSize)!.label, 'a firmware loaded with -bios (loader rom) has no varstore drive; bind a varstore only with pflash');
  }
  if (nvramSize && !ovmfVars) {
    return inputError(label('nvramSize'), 'needs the varstore template too (--ovmf-vars, or firmware.vars): libvirt creates the NVRAM file on a destination from it');
  }
  if (nvramSize && (nvramSize.value === 0n || !isAligned(nvramSize.value, 4n * KiB))) {
    return inputError(label('nvramSize'), `${nvramSize.value} bytes is not a pflash image size: QEMU needs a non-zero multiple of 4 KiB`);
  }
  return {
    loader, code: ovmfCode.value,
    ...(ovmfVars ? { vars: ovmfVars.value } : {}),
    ...(nvramSize ? { nvramSize: nvramSize.value } : {}),
  };
}

