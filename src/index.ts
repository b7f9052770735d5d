/** The library API: plan a VM from a spec, or build the spec from the same written form the CLI reads. */
export { plan, type Plan } from './core/plan.js';
export type { VmSpec, GuestCpu, FirmwareSpec, MachineType, CpuVendor } from './core/spec.js';
export type { Finding, FindingCode, Severity, E820Entry } from './core/findings.js';
export { SEVERITY, hasError } from './core/findings.js';
export type { QemuLayout } from './core/qemu-layout.js';
export type { OvmfSizing, WindowKind } from './core/ovmf-sizing.js';
export { EDK2_TAGS, type Edk2Tag, type OvmfBuild } from './core/ovmf-releases.js';
export { planToJson } from './render/plan-json.js';
export { findingMessage } from './render/messages.js';
export { parseSize } from './input/size.js';
