/**
 * A guest CPU as libvirt or QEMU's `-cpu` asks for it → the VM file's `cpu`, resolving what QEMU actually does
 * (qemu.md §7.2–§7.3, §9.2): `-cpu host`/`max` turn host-phys-bits on by default since QEMU 6.0, and then a phys-bits
 * value is ignored; 1 GiB pages and la57 come from the model's definition, the host's, or explicit features.
 */
import type { CpuVendor } from '../../core/spec.js';
import type { VmFile } from '../schema.js';

export interface CpuRequest {
  /** `host`, `max`, a named model, or null when none is named (QEMU's default `qemu64`). */
  readonly model: string | null;
  /** The guest gets the host's features (`host`, `max`, libvirt's host-model). */
  readonly hostFeatures: boolean;
  /** How the source names the CPU, for warnings: `-cpu host` or `<cpu mode='host-passthrough'>`. */
  readonly described: string;
  readonly physBits?: { readonly value: number; readonly written: string };
  /** host-phys-bits as written (absent: the model's default). */
  readonly hostPhysBits?: boolean;
  readonly hostPhysBitsLimit?: { readonly value: number; readonly written: string };
  readonly guestPhysBits?: number;
  readonly vendor?: CpuVendor;
  /** `x-vendor-cpuid-only-v2` as written (absent: the machine type's default). */
  readonly vendorCpuidOnlyV2?: boolean;
  /** Explicit `pdpe1gb` / `la57` settings (`+pdpe1gb`, `la57=off`, `<feature policy='disable' name='la57'/>`). */
  readonly features: ReadonlyMap<string, boolean>;
}

/** What the source says of the QEMU that runs the VM: its release if known, else the machine type's (a lower bound). */
export interface KnownVersions {
  readonly qemu: string | null;
  readonly machine: string | null;
}

/**
 * Model families (a name, or the name followed by `-`: `-v2`, `-IBRS`, `-noTSX`) whose definition includes the feature,
 * from libvirt's src/cpu_map/x86_*.xml (checked: Skylake-Server, Cascadelake-Server, Cooperlake, Icelake-Server,
 * SapphireRapids, GraniteRapids, EPYC, EPYC-Genoa); QEMU's builtin definitions carry the same bits.
 */
const WITH_FEATURE: Readonly<Record<'pdpe1gb' | 'la57', readonly string[]>> = {
  pdpe1gb: ['Skylake-Server', 'Cascadelake-Server', 'Cooperlake', 'Icelake-Server', 'SapphireRapids', 'GraniteRapids', 'EPYC', 'Dhyana'],
  la57: ['Icelake-Server', 'SapphireRapids', 'GraniteRapids', 'EPYC-Genoa', 'EPYC-Turin'],
};

/** Models known to lack both features; any other named model not in WITH_FEATURE draws a warning. */
const WITHOUT_EITHER = ['qemu64', 'qemu32', 'kvm64', 'kvm32', 'core2duo', 'coreduo', 'pentium', 'pentium2', 'pentium3', 'athlon', 'phenom', 'n270',
  'Conroe', 'Penryn', 'Nehalem', 'Westmere', 'SandyBridge', 'IvyBridge', 'Haswell', 'Broadwell', 'Skylake-Client', 'Opteron_G1', 'Opteron_G2', 'Opteron_G3'];

const inFamily = (model: string, families: readonly string[]) => families.some((f) => model === f || model.startsWith(`${f}-`));

/** Whether a named model's definition has the feature; null when the model is not in the tables. */
export function modelHasFeature(model: string, feature: 'pdpe1gb' | 'la57'): boolean | null {
  if (inFamily(model, WITH_FEATURE[feature])) return true;
  if (inFamily(model, WITHOUT_EITHER) || inFamily(model, WITH_FEATURE.pdpe1gb) || inFamily(model, WITH_FEATURE.la57)) return false;
  return null;
}

const atLeast = (version: string, major: number) => Number(version.split('.')[0]) >= major;

export function resolveCpuRequest(request: CpuRequest, versions: KnownVersions, warn: (line: string) => void): NonNullable<VmFile['cpu']> {
  const cpu: NonNullable<VmFile['cpu']> = {};
  // vendor= (libvirt <cpu><vendor>) fixes the vendor string whatever the host's (target/i386/cpu.c x86_cpuid_set_vendor).
  if (request.vendor) {
    cpu.vendor = request.vendor;
    cpu.vendorPinned = true;
  }
  const hostPhysBits = request.hostPhysBits ?? (isHostModel(request.model) && hostPhysBitsByDefault(request, versions, warn));
  if (hostPhysBits) {
    cpu.hostPhysBits = true;
    if (request.hostPhysBitsLimit && request.hostPhysBitsLimit.value !== 0) cpu.hostPhysBitsLimit = request.hostPhysBitsLimit.value;
    if (request.physBits) {
      warn(`${request.physBits.written} is ignored: with ${request.described} host-phys-bits is on, so QEMU gives the guest the host's width `
        + `(and warns "Host physical bits (N) does not match phys-bits property"); modelled as host-phys-bits`);
    }
  } else {
    if (request.physBits) cpu.physBits = request.physBits.value;
    if (request.hostPhysBitsLimit) warn(`${request.hostPhysBitsLimit.written} has no effect without host-phys-bits=on (QEMU ignores it)`);
  }
  if (request.guestPhysBits !== undefined) cpu.guestPhysBits = request.guestPhysBits;
  if (request.vendorCpuidOnlyV2 !== undefined) cpu.vendorCpuidOnlyV2 = request.vendorCpuidOnlyV2;
  cpu.pdpe1gb = feature(request, 'pdpe1gb', warn);
  const la57 = hostLa57Unknown(request) ? null : feature(request, 'la57', warn);
  if (la57 === null) {
    warn(`la57 (5-level paging): with ${request.described} the guest has it only where the host has it, and the input does not say the host's; `
      + 'left off (the default), not assumed: set cpu.la57 to true for hosts with la57 (pool check then gives it only to those)');
  } else {
    cpu.la57 = la57;
  }
  return cpu;
}

/** Issue 17: the host's la57 is not the importer's to invent; an explicit la57 setting or a named model's definition is. */
function hostLa57Unknown(request: CpuRequest): boolean {
  return request.hostFeatures && request.features.get('la57') === undefined;
}

function isHostModel(model: string | null): boolean {
  return model === 'host' || model === 'max';
}

/** `-cpu host`/`max` default host-phys-bits=on from QEMU 6.0 (5a140b255df9); a pc-*-6.0+ machine type implies QEMU ≥ 6.0. */
function hostPhysBitsByDefault(request: CpuRequest, versions: KnownVersions, warn: (line: string) => void): boolean {
  if (versions.qemu !== null) return atLeast(versions.qemu, 6);
  if (versions.machine !== null && atLeast(versions.machine, 6)) return true;
  warn(`the QEMU release is not known: assumed 6.0 or later, where ${request.described} has host-phys-bits on by default (before 6.0 the guest got phys-bits 40)`);
  return true;
}

function feature(request: CpuRequest, name: 'pdpe1gb' | 'la57', warn: (line: string) => void): boolean {
  const explicit = request.features.get(name);
  if (explicit !== undefined) return explicit;
  // The host's own: each pool host's features apply in `pool check` (the guest gets them only where the host has them).
  if (request.hostFeatures) return true;
  const model = request.model ?? 'qemu64';
  const known = modelHasFeature(model, name);
  if (known !== null) return known;
  // One warning per model, for the first feature asked.
  if (name === 'pdpe1gb') warn(`CPU model ${model} is not in the planner's table of models: assumed to have 1 GiB pages and no la57 (set cpu.pdpe1gb and cpu.la57 if not)`);
  return name === 'pdpe1gb';
}
