/**
 * `gpa-planner import vm FILE|-` and `import host FILE|-…`: what users already have (libvirt domain XML, a QEMU command
 * line; virsh capabilities, /proc/cpuinfo, lscpu --json, with QEMU firmware descriptors and a kernel log for one host)
 * as the VM file `plan --vm` reads or a pool file's hosts. The output is checked as those commands would check it;
 * warnings go to standard error, one line each.
 */
import { isEdk2Tag } from '../core/ovmf/releases.js';
import { type InputError, inputError, isInputError } from '../input/input-error.js';
import { RANGES, readChoice, readInteger } from '../input/fields.js';
import type { ProxmoxImportOptions } from '../input/importers/proxmox-vm.js';
import type { DevicePreset } from '../input/pci-devices.js';
import { toSpec } from '../input/to-spec.js';
import { devicePresetNames, devicePresets, firmwarePresets } from '../io/presets.js';
import { hostSpecOf, importHostFiles, warningLines } from './import-sources.js';
import { type ExitCode, type Io, readUserFile, refuse } from './io.js';
import { INPUT_LIMITS } from '../input/input-limits.js';

export interface ImportVmOptions {
  from?: string;
  nodePhysBits?: string;
  hostpci?: string[];
}

export async function importVm(file: string, options: ImportVmOptions, io: Io): Promise<ExitCode> {
  const { importVm: importForeignVm, VM_FORMATS } = await import('../input/importers/detect.js');
  const from = options.from === undefined ? undefined : readChoice(options.from, VM_FORMATS, '--from');
  if (isInputError(from)) return refuse(io, from);
  const proxmox = proxmoxOptions(options);
  if (isInputError(proxmox)) return refuse(io, proxmox);
  // --hostpci names device presets: all are read to check them (the error lists them), and serve the plan check below.
  const known = proxmox.hostpciPresets ? await devicePresets() : null;
  if (isInputError(known)) return refuse(io, known);
  const unknownPreset = known && unknownHostpciPreset(proxmox.hostpciPresets!, known);
  if (unknownPreset) return refuse(io, unknownPreset);
  const read = await readUserFile(io, file, 'import vm', INPUT_LIMITS.vmDescription);
  if (isInputError(read)) return refuse(io, read);
  const { text, source } = read;
  const imported = importForeignVm(text, source, from?.value, proxmox);
  if (isInputError(imported)) return refuse(io, imported);
  // What is printed must be a VM that plan --vm accepts.
  const { vmDraftFromJson } = await import('../input/vm-file.js');
  const draft = await vmDraftFromJson(JSON.stringify(imported.vm), source);
  if (isInputError(draft)) return refuse(io, draft);
  const presets = draft.firmware !== undefined && !isEdk2Tag(draft.firmware.value) ? await firmwarePresets([draft.firmware.value]) : [];
  if (isInputError(presets)) return refuse(io, presets);
  // The VM's device presets (--hostpci's, or none), checked as plan --vm will.
  const deviceNames = devicePresetNames(draft);
  const devices = known ?? (deviceNames.length > 0 ? await devicePresets(deviceNames) : []);
  if (isInputError(devices)) return refuse(io, devices);
  const spec = toSpec(draft, presets, devices);
  if (isInputError(spec)) return refuse(io, spec);
  io.stderr(warningLines(imported.warnings.map((w) => `${source}: ${w}`)));
  io.stdout(`${JSON.stringify(imported.vm, null, 2)}\n`);
  return 0;
}

/** `--node-phys-bits N` and `--hostpci KEY=PRESET`, which only a Proxmox config reads. */
function proxmoxOptions(options: ImportVmOptions): ProxmoxImportOptions | InputError {
  const bits = options.nodePhysBits === undefined ? undefined : readInteger(options.nodePhysBits, '--node-phys-bits', RANGES.hostPhysBits);
  if (isInputError(bits)) return bits;
  const presets = new Map<string, string>();
  for (const spec of options.hostpci ?? []) {
    const match = /^(hostpci\d{1,2})=([\w.+-]+)$/.exec(spec.trim());
    if (!match) return inputError('--hostpci', `${JSON.stringify(spec)} is not KEY=PRESET (for example hostpci0=nvidia-l40s; see gpa-planner presets)`);
    if (presets.has(match[1]!)) return inputError('--hostpci', `${match[1]} is given twice`);
    presets.set(match[1]!, match[2]!);
  }
  return { ...(bits ? { nodePhysBits: bits.value } : {}), ...(presets.size > 0 ? { hostpciPresets: presets } : {}) };
}

/** Each --hostpci preset is a device preset, refused under the flag's name rather than as the VM file's devices[N]. */
function unknownHostpciPreset(presets: ReadonlyMap<string, string>, known: readonly DevicePreset[]): InputError | null {
  for (const [key, name] of presets) {
    if (!known.some((p) => p.name === name)) return inputError(`--hostpci ${key}`, `${JSON.stringify(name)} is not a device preset (${known.map((p) => p.name).join(', ')})`);
  }
  return null;
}

export interface ImportHostOptions {
  from?: string;
  name?: string[];
  qemu?: string;
  firmware?: string;
  firmwareDir?: string;
  iommuCap?: string[];
}

export async function importHost(files: readonly string[], options: ImportHostOptions, io: Io): Promise<ExitCode> {
  const { HOST_FORMATS } = await import('../input/importers/detect.js');
  const from = options.from === undefined ? undefined : readChoice(options.from, HOST_FORMATS, '--from');
  if (isInputError(from)) return refuse(io, from);
  const imported = await importHostFiles(files, 'import host', io, {
    ...(from ? { from: from.value } : {}),
    ...(options.name ? { names: options.name } : {}),
    ...(options.qemu !== undefined ? { qemu: options.qemu } : {}),
    ...(options.firmware !== undefined ? { firmware: options.firmware } : {}),
    ...(options.firmwareDir !== undefined ? { firmwareDir: options.firmwareDir } : {}),
    ...(options.iommuCap ? { iommuCaps: options.iommuCap } : {}),
  });
  if (isInputError(imported)) return refuse(io, imported);
  for (const { host, source } of imported.hosts) {
    const spec = await hostSpecOf(host, source);
    if (isInputError(spec)) return refuse(io, spec);
  }
  io.stderr(warningLines(imported.warnings));
  const hosts = imported.hosts.map((h) => h.host);
  io.stdout(`${JSON.stringify(hosts.length === 1 ? hosts[0] : { hosts }, null, 2)}\n`);
  return 0;
}
