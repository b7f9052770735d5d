/**
 * `gpa-planner import vm FILE|-` and `import host FILE|-…`: what users already have (libvirt domain XML, a QEMU command
 * line; virsh capabilities, /proc/cpuinfo, lscpu --json, with QEMU firmware descriptors and a kernel log for one host)
 * as the VM file `plan --vm` reads or a pool file's hosts. The output is checked as those commands would check it;
 * warnings go to standard error, one line each.
 */
import { isEdk2Tag } from '../core/ovmf/releases.js';
import { isInputError } from '../input/input-error.js';
import { toSpec } from '../input/to-spec.js';
import { firmwarePresets } from '../io/presets.js';
import { hostSpecOf, importHostFiles, warningLines } from './import-sources.js';
import { type ExitCode, type Io, readUserFile, refuse } from './io.js';
import { INPUT_LIMITS } from '../input/input-limits.js';

export async function importVm(file: string, io: Io): Promise<ExitCode> {
  const read = await readUserFile(io, file, 'import vm', INPUT_LIMITS.vmDescription);
  if (isInputError(read)) return refuse(io, read);
  const { text, source } = read;
  const { importVm: importForeignVm } = await import('../input/importers/detect.js');
  const imported = importForeignVm(text, source);
  if (isInputError(imported)) return refuse(io, imported);
  // What is printed must be a VM that plan --vm accepts.
  const { vmDraftFromJson } = await import('../input/vm-file.js');
  const draft = await vmDraftFromJson(JSON.stringify(imported.vm), source);
  if (isInputError(draft)) return refuse(io, draft);
  const presets = draft.firmware !== undefined && !isEdk2Tag(draft.firmware.value) ? await firmwarePresets([draft.firmware.value]) : [];
  if (isInputError(presets)) return refuse(io, presets);
  const spec = toSpec(draft, presets);
  if (isInputError(spec)) return refuse(io, spec);
  io.stderr(warningLines(imported.warnings.map((w) => `${source}: ${w}`)));
  io.stdout(`${JSON.stringify(imported.vm, null, 2)}\n`);
  return 0;
}

export interface ImportHostOptions {
  name?: string[];
  qemu?: string;
  firmware?: string;
  firmwareDir?: string;
  iommuCap?: string[];
}

export async function importHost(files: readonly string[], options: ImportHostOptions, io: Io): Promise<ExitCode> {
  const imported = await importHostFiles(files, 'import host', io, {
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
