/** `--phys-bits N` | `--host-phys-bits [--host-phys-bits-limit N]` → the phys-bits setting a pool is checked with. */
import type { PhysBitsSetting, VmSpec } from '../core/spec.js';
import { type InputError, inputError, isInputError } from './input-error.js';
import { readInteger } from './fields.js';
import { RANGES } from './field-ranges.js';

export interface SettingFlags {
  physBits?: string;
  hostPhysBits?: boolean;
  hostPhysBitsLimit?: string;
}

/**
 * Without a flag, the VM's own setting: `vmSetting` when its file has one (cpu.hostPhysBits), else its phys-bits (QEMU's
 * default 40 when the VM does not set one) as a fixed width. `--phys-bits` alone overrides a host-phys-bits VM file.
 */
export function settingFromFlags(flags: SettingFlags, vm: VmSpec, vmSetting: PhysBitsSetting | null = null): PhysBitsSetting | InputError {
  if (flags.hostPhysBitsLimit !== undefined && !flags.hostPhysBits) {
    return inputError('--host-phys-bits-limit', 'applies only with --host-phys-bits (QEMU ignores the limit otherwise)');
  }
  if (flags.hostPhysBits) {
    if (flags.physBits !== undefined) return inputError('--phys-bits', 'give either --phys-bits N or --host-phys-bits, not both (QEMU lets host-phys-bits win)');
    if (flags.hostPhysBitsLimit === undefined) return { kind: 'host', limit: null };
    const limit = readInteger(flags.hostPhysBitsLimit, '--host-phys-bits-limit', RANGES.hostPhysBitsLimit);
    if (isInputError(limit)) return limit;
    // 0 is QEMU's "no limit" (host-phys-bits-limit defaults to 0).
    return { kind: 'host', limit: limit.value === 0 ? null : limit.value };
  }
  if (flags.physBits === undefined && vmSetting !== null) return vmSetting;
  return { kind: 'fixed', physBits: vm.cpu.physBits };
}
