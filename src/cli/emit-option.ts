/** `--emit libvirt|qemu` (with `--libvirt-version X.Y`) on pool check and pool recommend: what to apply, not the report. */
import type { PhysBitsSetting, PoolSpec, VmSpec } from '../core/spec.js';
import { type InputError, inputError, isInputError } from '../input/input-error.js';
import { readChoice, readVersion } from '../input/fields.js';
import type { QemuVersion } from '../core/qemu/versions.js';
import { type EmitContext, emitLibvirt, emitQemu } from '../render/emit.js';
import type { VmSource } from './vm-options.js';

export interface EmitFlags {
  emit?: string;
  libvirtVersion?: string;
  json?: boolean;
}

export interface EmitChoice {
  readonly format: 'libvirt' | 'qemu';
  readonly libvirtVersion: QemuVersion | null;
}

/** null when --emit is not given. */
export function emitChoice(flags: EmitFlags): EmitChoice | null | InputError {
  if (flags.emit === undefined) {
    return flags.libvirtVersion !== undefined ? inputError('--libvirt-version', 'applies only with --emit libvirt') : null;
  }
  const format = readChoice(flags.emit, ['libvirt', 'qemu'], '--emit');
  if (isInputError(format)) return format;
  if (flags.json) return inputError('--emit', 'prints what to apply; give either --emit or --json');
  if (flags.libvirtVersion === undefined) return { format: format.value, libvirtVersion: null };
  const version = readVersion(flags.libvirtVersion, '--libvirt-version');
  return isInputError(version) ? version : { format: format.value, libvirtVersion: version.value };
}

/** The elements or arguments for the setting (null: none passes) and the VM's fw_cfg files, in the VM's CPU terms. */
export function emitText(choice: EmitChoice, setting: PhysBitsSetting | null, vm: VmSpec, source: VmSource, pool: PoolSpec): string {
  const imported = source.imported;
  const libvirtVersion = choice.libvirtVersion ?? (imported?.libvirtVersion ? versionOf(imported.libvirtVersion) : null);
  const context: EmitContext = {
    cpuModel: imported?.cpu.model ?? null,
    libvirtMode: imported?.cpu.libvirtMode ?? null,
    libvirtVersion,
    qemuVersions: pool.hosts.map((h) => h.qemuVersion),
  };
  return choice.format === 'libvirt' ? emitLibvirt(setting, vm.firmware.fwCfg, context) : emitQemu(setting, vm.firmware.fwCfg, context);
}

function versionOf(text: string): QemuVersion {
  const [major, minor] = text.split('.').map(Number);
  return { major: major!, minor: minor! };
}
