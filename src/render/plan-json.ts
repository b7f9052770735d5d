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

export const PLAN_SCHEMA = 'gpa-planner/plan/v1';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Recursively turns bigints into hex strings; everything else the core produces is already JSON. */
export function toJson(value: unknown): Json {
  if (typeof value === 'bigint') return hex(value);
  if (Array.isArray(value)) return value.map(toJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, toJson(v)]));
  }
  return value as Json;
}

/** The VM in the VM-file shape (`plan --vm` reads it back); devices only when it has some. */
export function vmToJson(vm: VmSpec): Json {
  const { pci, ...rest } = vm;
  const devices = hasDevices(pci) ? (topologyToVmFile(pci) as Record<string, Json>) : {};
  return toJson({ ...rest, machineVersion: formatVersion(vm.machineVersion), qemuVersion: formatVersion(vm.qemuVersion), ...devices });
}

export function planToJson(plan: Plan, advice: DeviceAdvice | null = null, fixes: RefusalFixes | null = null): Json {
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
export function findingToJson(finding: Finding): { [key: string]: Json } {
  const { code, ...details } = finding;
  return { code, severity: SEVERITY[code], message: findingMessage(finding), ...(toJson(details) as Record<string, Json>) };
}
