/**
 * The library API, for VM-template tests and automation:
 *   const vm = await vmSpec({ memory: '32G', machineVersion: '7.2' });
 *   const report = checkPool(vm, await poolPreset('mixed-39-46-48'), { kind: 'fixed', physBits: 39 });
 */
export type { Plan } from './core/plan.js';
export { groupHosts, type PoolReport, type GroupResult, type PairResult, type HostGroup } from './core/pool/check.js';
export { type Recommendation, type Candidate } from './core/pool/recommend.js';
export { type ReverseLayout } from './core/ovmf/reverse-layout.js';
export { checkFirmware, type FirmwareReport, type FirmwareHost } from './core/firmware/compat.js';
export type { VmSpec, GuestCpu, FirmwareSpec, MachineType, CpuVendor, HostSpec, PoolSpec, PhysBitsSetting, FirmwareImage, FirmwareLoader, FlashLayout } from './core/spec.js';
export type { Finding, FindingCode, Severity, E820Entry } from './core/findings.js';
export { SEVERITY, hasError } from './core/findings.js';
export type { QemuLayout } from './core/qemu/layout.js';
export type { PciTopology, PciDevice, PciBar, PciAttachment } from './core/pci/devices.js';
export type { DevicePlacement, BarPlacement, PortWindow, Rejection, PlacementOutcome } from './core/pci/placement.js';
export { deviceAdvice, fitsByRelease, devicesFit, type DeviceAdvice, type DeviceFixes, type ReleaseSpan } from './core/pci/device-fit.js';
export type { OvmfSizing, WindowKind } from './core/ovmf/sizing.js';
export { EDK2_TAGS, type Edk2Tag, type OvmfBuild } from './core/ovmf/releases.js';
export type { VmFile, PoolFile } from './input/schema.js';
export { vmSpec, vmPreset, poolSpec, poolPreset, GpaInputError, plan, checkPool, recommend, reverseLayout, deviceFixes } from './api.js';
export { planToJson } from './render/plan-json.js';
export { reverseToJson } from './render/reverse-json.js';
export { poolToJson } from './render/pool-json.js';
// The JSON documents' types (schemas/*.schema.json is generated from the same zod schemas).
export type { PlanDocument, PlanOvmf } from './contract/plan.js';
export type { ReverseDocument } from './contract/reverse.js';
export type { PoolDocument, PoolPair } from './contract/pool.js';
export type { PresetsDocument } from './contract/presets.js';
export type { ExplanationDocument } from './contract/explain.js';
export type { FindingDocument } from './contract/findings.js';
export type { VmInputDocument } from './contract/vm-input.js';
export { PLAN_SCHEMA, REVERSE_SCHEMA, POOL_SCHEMA } from './contract/names.js';
export { applySetting, type AppliedSetting } from './render/settings.js';
export { findingMessage } from './render/messages.js';
export { parseSize } from './input/size.js';
export { importVm, importHost, detectFormat } from './input/importers/detect.js';
export type { ImportedVm, ImportedHost, HostFile, HostImportOptions } from './input/importers/imported.js';
export { emitLibvirt, emitQemu, type EmitContext } from './render/emit.js';
