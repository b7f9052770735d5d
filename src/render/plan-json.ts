/** A Plan as the `gpa-planner/plan/v1` JSON contract: bigints as lowercase hex strings, versions as "X.Y". */
import { qemuRefusal } from '../core/findings.js';
import type { RefusalFixes } from '../core/qemu/refusal-fixes.js';
import type { Plan } from '../core/plan.js';
import type { VmSpec } from '../core/spec.js';
import { type Finding, SEVERITY } from '../core/findings.js';
import { formatVersion } from '../core/qemu/versions.js';
import { findingMessage, qemuRefusalLines } from './messages.js';
import { hex } from './format.js';
import type { DeviceAdvice } from '../core/pci/device-fit.js';
import { hasDevices } from '../core/pci/devices.js';
import { devicesToJson, topologyToVmFile } from './devices-json.js';
import { PLAN_SCHEMA } from '../contract/names.js';
// Types only: the contract's zod schemas load in the schema generator and the tests, never on the CLI's start path.
import type { PlanDocument } from '../contract/plan.js';
import type { VmInputDocument } from '../contract/vm-input.js';
import type { FindingDocument } from '../contract/findings.js';

export { PLAN_SCHEMA };

/** A core value as JSON: bigints become hex strings (hex()), and nothing is readonly. */
export type JsonOf<T> = T extends bigint ? string
  : T extends readonly (infer U)[] ? JsonOf<U>[]
  : T extends object ? { -readonly [K in keyof T]: JsonOf<T[K]> }
  : T;

/** Recursively turns bigints into hex strings; everything else the core produces is already JSON. */
export function toJson<T>(value: T): JsonOf<T> {
  if (typeof value === 'bigint') return hex(value) as JsonOf<T>;
  if (Array.isArray(value)) return value.map(toJson) as JsonOf<T>;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, toJson(v)])) as JsonOf<T>;
  }
  return value as JsonOf<T>;
}

/**
 * The VM in the VM-file shape (`plan --vm` reads it back); devices only when it has some. The fields the VM file
 * spells differently are written its way: the QEMU package's name, and the edk2 tag as asked when it is newer than
 * the model's (the plan itself says which rules it used: ovmf.edk2 and ovmf_release_unknown).
 */
export function vmToJson(vm: VmSpec): VmInputDocument {
  const { machine, machineVersion, qemuVersion, qemuPatches, pci, firmware: { unknownNewerTag, ...firmware }, ...rest } = vm;
  return {
    machine,
    machineVersion: formatVersion(machineVersion),
    qemuVersion: formatVersion(qemuVersion),
    ...(qemuPatches === 'proxmox' ? { qemuPackage: 'pve-qemu-kvm' as const } : {}),
    ...toJson(rest),
    firmware: { ...toJson(firmware), ...(unknownNewerTag === undefined ? {} : { edk2: unknownNewerTag }) },
    ...(hasDevices(pci) ? topologyToVmFile(pci) : {}),
  };
}

export function planToJson(plan: Plan, advice: DeviceAdvice | null = null, fixes: RefusalFixes | null = null): PlanDocument {
  const { qemu, ovmf } = plan;
  const refusal = qemuRefusal(qemu.findings);
  return {
    schema: PLAN_SCHEMA,
    input: vmToJson(plan.vm),
    qemu: toJson({
      ramSize: qemu.ramSize,
      ramBelow4g: qemu.ramBelow4g,
      above4gStart: qemu.above4gStart,
      ramAbove4g: qemu.ramAbove4g,
      deviceMemory: qemu.deviceMemory,
      cxl: qemu.cxl,
      reservedMemoryEnd: qemu.reservedMemoryEnd,
      pciHole64: qemu.pciHole64,
      maxUsedGpa: qemu.maxUsedGpa,
      physBits: qemu.physBits,
      addressSpaceLimit: qemu.addressSpaceLimit,
      e820: qemu.e820,
      refusal: refusal ? qemuRefusalLines(refusal).join('\n') : null,
      ...(fixes ? { refusalFixes: { physBits: fixes.physBits, maxmem: fixes.maxmem } } : {}),
    }),
    ovmf: ovmf && toJson({
      edk2: ovmf.edk2,
      family: ovmf.family,
      build: plan.vm.firmware.build,
      widthTrusted: ovmf.cpuid.trusted,
      physMemAddressWidth: ovmf.physMemAddressWidth,
      window: ovmf.window,
      pci64: ovmf.pci64Aperture,
      firstNonAddress: ovmf.firstNonAddress,
      classic: ovmf.classic,
      cpuid: ovmf.cpuid,
      pagingLevels: ovmf.paging.levels,
      dynamicSize: ovmf.dynamicSize,
      moves: ovmf.moves,
    }),
    ...(plan.devices ? { devices: devicesToJson(plan.devices, advice) } : {}),
    findings: plan.findings.map(findingToJson),
  };
}

/** A finding in the JSON contracts: its code, severity and words, then its details (bigints as hex). */
export function findingToJson(finding: Finding): FindingDocument {
  const { code, ...details } = finding;
  return { code, severity: SEVERITY[code], message: findingMessage(finding), ...toJson(details) };
}
