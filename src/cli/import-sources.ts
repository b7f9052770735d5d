/**
 * Foreign files as command inputs: `--vm-xml` and `--qemu-cmdline` become the VM's draft (flags still override it),
 * `--host-caps` files become pool hosts (with or instead of --pool). Warnings are returned, to print once all input is read.
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { FirmwareImage, HostSpec } from '../core/spec.js';
import { type OvmfBuild, isEdk2Tag } from '../core/ovmf/releases.js';
import { type InputError, inputError, isInputError } from '../input/input-error.js';
import type { VmDraft } from '../input/vm-draft.js';
import type { HostFile, HostImportOptions, ImportedVm } from '../input/importers/imported.js';
import type { ForeignFormat, HostFormat } from '../input/importers/detect.js';
import type { IommuWidth } from '../input/importers/iommu-width.js';
import type { DescribedSource } from '../input/importers/descriptor-images.js';
import { firmwarePresets } from '../io/presets.js';
import { type Io, readUserFile } from './io.js';
import { INPUT_LIMITS } from '../input/input-limits.js';

/** The VM sources besides --vm and --preset (plan, reverse, pool check and recommend; the TUI does not read them). */
export function addImportOptions(command: Command): Command {
  return command
    .option('--vm-xml <file>', 'libvirt domain XML (virsh dumpxml; "-" for standard input); flags override its values')
    .option('--qemu-cmdline <file>', 'a QEMU command line (ps, /proc/PID/cmdline, or a libvirt QEMU log; "-" for standard input)');
}

interface VmSourceOptions {
  vm?: string;
  preset?: string;
  vmXml?: string;
  qemuCmdline?: string;
}

export async function importedVmDraft(options: VmSourceOptions, io: Io): Promise<{ draft: VmDraft | InputError; imported: ImportedVm } | InputError> {
  const given = (['vm', 'preset', 'vmXml', 'qemuCmdline'] as const).filter((key) => options[key] !== undefined);
  if (given.length > 1) return inputError(flagOf(given[1]!), 'give one VM source: --vm, --preset, --vm-xml or --qemu-cmdline');
  const xml = options.vmXml !== undefined;
  const file = (xml ? options.vmXml : options.qemuCmdline)!;
  const read = await readUserFile(io, file, xml ? '--vm-xml' : '--qemu-cmdline', INPUT_LIMITS.vmDescription);
  if (isInputError(read)) return read;
  const { text, source } = read;
  const imported = xml
    ? (await import('../input/importers/libvirt-domain.js')).importLibvirtDomain(text, source)
    : (await import('../input/importers/qemu-argv.js')).importQemuArgv(text, source);
  if (isInputError(imported)) return imported;
  const { vmDraftFromJson } = await import('../input/vm-file.js');
  const draft = await vmDraftFromJson(JSON.stringify(imported.vm), source);
  return { draft, imported: { ...imported, warnings: imported.warnings.map((w) => `${source}: ${w}`) } };
}

/** What a host source does not say is taken from the VM's flags when given. */
export interface HostAssumptions {
  readonly qemu?: string;
  readonly firmware?: string;
}

/** `--host-caps FILE` (repeatable): virsh capabilities, /proc/cpuinfo or lscpu --json, each one host named after its file. */
export async function readHostFiles(files: readonly string[], io: Io, assumptions: HostAssumptions): Promise<{ hosts: HostSpec[]; warnings: string[] } | InputError> {
  // Without --host-caps, nothing to import: the importers (XML parser, zod) stay out of plan's start-up (issue 8).
  if (files.length === 0) return { hosts: [], warnings: [] };
  const imported = await importHostFiles(files, '--host-caps', io, {}, {
    ...(assumptions.qemu !== undefined ? { qemu: { value: assumptions.qemu, from: 'the VM\'s --qemu-version' } } : {}),
    ...(assumptions.firmware !== undefined ? { firmware: { value: assumptions.firmware, from: 'the VM\'s --firmware' } } : {}),
  });
  if (isInputError(imported)) return imported;
  const hosts: HostSpec[] = [];
  for (const { host, source } of imported.hosts) {
    const spec = await hostSpecOf(host, source);
    if (isInputError(spec)) return spec;
    hosts.push(spec);
  }
  return { hosts, warnings: imported.warnings };
}

export interface HostFileOptions {
  /** `import host --from`: the host inputs' format instead of detecting it (additions are still recognised). */
  readonly from?: HostFormat;
  /** one name per host input, in order */
  readonly names?: readonly string[];
  readonly qemu?: string;
  readonly firmware?: string;
  /** `import host --firmware-dir DIR`: the machine's QEMU firmware descriptors. */
  readonly firmwareDir?: string;
  /** `import host --iommu-cap FILE`: VT-d capability registers of the machine's IOMMU units. */
  readonly iommuCaps?: readonly string[];
}

/** A file given to `import host` or `--host-caps`, read and recognised. */
interface ReadInput {
  readonly file: string;
  readonly source: string;
  readonly text: string;
  readonly format: ForeignFormat;
}

/**
 * Each host input's entry, named (unique), with its warnings prefixed by the file. For `import host`, firmware
 * descriptors and kernel logs among the inputs, `--firmware-dir` and `--iommu-cap` add to the one host entry.
 */
export async function importHostFiles(files: readonly string[], flag: string, io: Io, options: HostFileOptions, assumed: HostImportOptions['assumed'] = {}) {
  if (files.filter((f) => f === '-').length > 1) return inputError(flag, 'standard input ("-") can be read once');
  const { detectFormat, importHost } = await import('../input/importers/detect.js');
  const inputs: ReadInput[] = [];
  for (const file of files) {
    const read = await readUserFile(io, file, flag, INPUT_LIMITS.hostDescription);
    if (isInputError(read)) return read;
    inputs.push({ file, source: read.source, text: read.text, format: detectFormat(read.text) });
  }
  const additive = flag === 'import host' ? inputs.filter((i) => i.format === 'firmware-descriptor' || i.format === 'kernel-log') : [];
  const hostInputs = inputs.filter((i) => !additive.includes(i));
  const adds = additive.length > 0 || options.firmwareDir !== undefined || (options.iommuCaps?.length ?? 0) > 0;
  if (adds && hostInputs.length !== 1) {
    return inputError(flag, `firmware descriptors, kernel logs, --firmware-dir and --iommu-cap describe one machine: give them with exactly one host input (virsh capabilities or domcapabilities, /proc/cpuinfo or lscpu --json), not ${hostInputs.length}`);
  }
  if (options.names && options.names.length !== hostInputs.length) {
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    return inputError('--name', `give one name per host input (${count(hostInputs.length, 'host input')}, ${count(options.names.length, 'name')})`);
  }
  const repeated = options.names?.find((name, i) => options.names!.indexOf(name) !== i);
  if (repeated !== undefined) return inputError('--name', `${JSON.stringify(repeated)} names two hosts; host names must be unique`);
  const hosts: { host: HostFile; source: string }[] = [];
  const warnings: string[] = [];
  const taken = new Set<string>();
  for (const [index, { file, source, text }] of hostInputs.entries()) {
    let name = options.names?.[index] ?? (file === '-' ? 'host' : basename(file).replace(/\..*$/, ''));
    if (options.names === undefined) for (let n = 2; taken.has(name); n++) name = `${name.replace(/-\d+$/, '')}-${n}`;
    taken.add(name);
    const imported = importHost(text, source, {
      name,
      ...(options.qemu !== undefined ? { qemu: options.qemu } : {}),
      ...(options.firmware !== undefined ? { firmware: options.firmware } : {}),
      assumed,
      ...(flag === '--host-caps' ? { qemuFlag: '--qemu-version X.Y' } : {}),
    }, options.from);
    if (isInputError(imported)) return imported;
    hosts.push({ host: imported.host, source });
    warnings.push(...imported.warnings.map((w) => `${source}: ${w}`));
  }
  if (adds) {
    const added = await withAdditions(hosts[0]!.host, additive, options, io);
    if (isInputError(added)) return added;
    hosts[0] = { host: added.host, source: hosts[0]!.source };
    warnings.push(...added.warnings);
  }
  return { hosts, warnings };
}

/** The host entry with what the descriptors, kernel logs, --firmware-dir and --iommu-cap files say of its machine. */
async function withAdditions(host: HostFile, additive: readonly ReadInput[], options: HostFileOptions, io: Io): Promise<{ host: HostFile; warnings: string[] } | InputError> {
  const [{ readFirmwareDescriptor }, { kernelLogIommu }, { readVtdCapFile }, { withHostAdditions }, { readFirmwareDir, fileSizes }] = await Promise.all([
    import('../input/importers/firmware-descriptor.js'), import('../input/importers/kernel-log.js'), import('../input/importers/iommu-width.js'),
    import('../input/importers/host-additions.js'), import('./import-firmware.js'),
  ]);
  const warnings: string[] = [];
  const iommuWidths: IommuWidth[] = [];
  const descriptorTexts: { text: string; source: string }[] = [];
  for (const { source, text, format } of additive) {
    if (format === 'kernel-log') {
      const log = kernelLogIommu(text);
      iommuWidths.push(...log.widths);
      warnings.push(...log.warnings.map((w) => `${source}: ${w}`));
    } else {
      descriptorTexts.push({ text, source });
    }
  }
  for (const file of options.iommuCaps ?? []) {
    const read = await readUserFile(io, file, '--iommu-cap', INPUT_LIMITS.hostDescription);
    if (isInputError(read)) return read;
    const widths = readVtdCapFile(read.text, `--iommu-cap ${read.source}`);
    if (isInputError(widths)) return widths;
    iommuWidths.push(...widths);
  }
  if (options.firmwareDir !== undefined) {
    const dir = await readFirmwareDir(options.firmwareDir, io);
    if (isInputError(dir)) return dir;
    descriptorTexts.push(...dir.files);
    warnings.push(...dir.warnings);
  }
  const descriptors: DescribedSource[] = [];
  for (const { text, source } of descriptorTexts) {
    const descriptor = readFirmwareDescriptor(text, source);
    if (isInputError(descriptor)) return descriptor;
    descriptors.push({ descriptor, source });
  }
  const named = descriptors.flatMap(({ descriptor }) => [descriptor.executable, descriptor.nvramTemplate]);
  const sizes = await fileSizes(named.flatMap((file) => (file && file.format === 'raw' ? [file.filename] : [])));
  const firmware = await firmwareDefaults(host);
  if (isInputError(firmware)) return firmware;
  const added = withHostAdditions(host, { iommuWidths, descriptors, images: { sizes, ...firmware } });
  return { host: added.host, warnings: [...warnings, ...added.warnings] };
}

/** The build an image takes when its preset does not list it (the host's default), and the preset's images. */
async function firmwareDefaults(host: HostFile): Promise<{ build: OvmfBuild; buildFrom: string; known: readonly FirmwareImage[] } | InputError> {
  if (isEdk2Tag(host.firmware)) return { build: 'x64', buildFrom: 'the pool file\'s default for a host whose firmware is an edk2 tag', known: [] };
  const presets = await firmwarePresets();
  if (isInputError(presets)) return presets;
  const preset = presets.find((p) => p.name === host.firmware);
  // An unknown preset name is refused when the entry is checked (hostSpecOf), with the list of presets.
  if (!preset) return { build: 'x64', buildFrom: 'x64 for an unknown firmware', known: [] };
  return { build: preset.defaultBuild, buildFrom: `the default build of firmware preset ${preset.name}`, known: preset.images ?? [] };
}

/** The host entry checked as a pool file's entry is, errors naming the imported file. */
export async function hostSpecOf(host: HostFile, source: string): Promise<HostSpec | InputError> {
  const { poolFromJson, poolFirmwarePresetNames } = await import('../input/pool-file.js');
  const text = JSON.stringify({ hosts: [host] });
  const wanted = poolFirmwarePresetNames(text);
  const presets = wanted.length > 0 ? await firmwarePresets(wanted) : [];
  if (isInputError(presets)) return presets;
  const pool = poolFromJson(text, source, presets);
  if (isInputError(pool)) return { ...pool, message: pool.message.replace(`${source}: hosts.0.`, `${source}: `) };
  return pool.hosts[0]!;
}

function flagOf(key: 'vm' | 'preset' | 'vmXml' | 'qemuCmdline'): string {
  return { vm: '--vm', preset: '--preset', vmXml: '--vm-xml', qemuCmdline: '--qemu-cmdline' }[key];
}

/** Warnings as printed: one line each on standard error. */
export function warningLines(warnings: readonly string[]): string {
  return warnings.map((w) => `warning: ${w}\n`).join('');
}
