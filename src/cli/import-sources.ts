/**
 * Foreign files as command inputs: `--vm-xml` and `--qemu-cmdline` become the VM's draft (flags still override it),
 * `--host-caps` files become pool hosts (with or instead of --pool). Warnings are returned, to print once all input is read.
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { HostSpec } from '../core/spec.js';
import { type InputError, inputError, isInputError } from '../input/input-error.js';
import type { VmDraft } from '../input/vm-draft.js';
import type { HostFile, HostImportOptions, ImportedVm } from '../input/importers/imported.js';
import { firmwarePresets } from '../io/presets.js';
import type { Io } from './io.js';

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
  const text = await readInput(file, xml ? '--vm-xml' : '--qemu-cmdline', io);
  if (isInputError(text)) return text;
  const source = sourceName(file);
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
  /** one name per file, in order */
  readonly names?: readonly string[];
  readonly qemu?: string;
  readonly firmware?: string;
}

/** Each file's host entry, named (unique), with its warnings prefixed by the file. */
export async function importHostFiles(files: readonly string[], flag: string, io: Io, options: HostFileOptions, assumed: HostImportOptions['assumed'] = {}) {
  if (files.filter((f) => f === '-').length > 1) return inputError(flag, 'standard input ("-") can be read once');
  if (options.names && options.names.length !== files.length) return inputError('--name', `give one name per input (${files.length} input${files.length === 1 ? '' : 's'}, ${options.names.length} name${options.names.length === 1 ? '' : 's'})`);
  const repeated = options.names?.find((name, i) => options.names!.indexOf(name) !== i);
  if (repeated !== undefined) return inputError('--name', `${JSON.stringify(repeated)} names two hosts; host names must be unique`);
  const { importHost } = await import('../input/importers/detect.js');
  const hosts: { host: HostFile; source: string }[] = [];
  const warnings: string[] = [];
  const taken = new Set<string>();
  for (const [index, file] of files.entries()) {
    const text = await readInput(file, flag, io);
    if (isInputError(text)) return text;
    const source = sourceName(file);
    let name = options.names?.[index] ?? (file === '-' ? 'host' : basename(file).replace(/\..*$/, ''));
    if (options.names === undefined) for (let n = 2; taken.has(name); n++) name = `${name.replace(/-\d+$/, '')}-${n}`;
    taken.add(name);
    const imported = importHost(text, source, {
      name,
      ...(options.qemu !== undefined ? { qemu: options.qemu } : {}),
      ...(options.firmware !== undefined ? { firmware: options.firmware } : {}),
      assumed,
      ...(flag === '--host-caps' ? { qemuFlag: '--qemu-version X.Y' } : {}),
    });
    if (isInputError(imported)) return imported;
    hosts.push({ host: imported.host, source });
    warnings.push(...imported.warnings.map((w) => `${source}: ${w}`));
  }
  return { hosts, warnings };
}

/** The host entry checked as a pool file's entry is, errors naming the imported file. */
export async function hostSpecOf(host: HostFile, source: string): Promise<HostSpec | InputError> {
  const { poolFromJson, poolNeedsFirmwarePresets } = await import('../input/pool-file.js');
  const text = JSON.stringify({ hosts: [host] });
  const presets = poolNeedsFirmwarePresets(text) ? await firmwarePresets() : [];
  if (isInputError(presets)) return presets;
  const pool = poolFromJson(text, source, presets);
  if (isInputError(pool)) return { ...pool, message: pool.message.replace(`${source}: hosts.0.`, `${source}: `) };
  return pool.hosts[0]!;
}

async function readInput(file: string, flag: string, io: Io): Promise<string | InputError> {
  try {
    return await io.readText(file);
  } catch (error) {
    return inputError(flag, `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

function sourceName(file: string): string {
  return file === '-' ? 'standard input' : file;
}

function flagOf(key: 'vm' | 'preset' | 'vmXml' | 'qemuCmdline'): string {
  return { vm: '--vm', preset: '--preset', vmXml: '--vm-xml', qemuCmdline: '--qemu-cmdline' }[key];
}

/** Warnings as printed: one line each on standard error. */
export function warningLines(warnings: readonly string[]): string {
  return warnings.map((w) => `warning: ${w}\n`).join('');
}
