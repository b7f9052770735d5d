/** Converters from what a user wrote (a flag's string, a JSON value) to typed field values, or a one-line error. */
import type { QemuVersion } from '../core/qemu/versions.js';
import { parseSize } from './size.js';
import { type InputError, inputError } from './input-error.js';
import type { Sourced } from './vm-draft.js';
import { type FieldRange, inRange, rangeText } from './field-ranges.js';

export { type FieldRange, MAX_DEVICES, MAX_SLOTS, RANGES, inRange, rangeText } from './field-ranges.js';

export function readChoice<T extends string>(raw: string, allowed: readonly T[], label: string): Sourced<T> | InputError {
  return (allowed as readonly string[]).includes(raw)
    ? { value: raw as T, label }
    : inputError(label, `${JSON.stringify(raw)} is not one of ${allowed.join(', ')}`);
}

/** A QEMU release written X.Y, as in pc-q35-7.2. */
export function readVersion(raw: string, label: string): Sourced<QemuVersion> | InputError {
  const match = /^(\d{1,2})\.(\d{1,2})$/.exec(raw.trim());
  if (!match) return inputError(label, `${JSON.stringify(raw)} is not a QEMU version (write X.Y, for example 7.2)`);
  return { value: { major: Number(match[1]), minor: Number(match[2]) }, label };
}

export async function readSize(raw: string | number, label: string): Promise<Sourced<bigint> | InputError> {
  if (typeof raw === 'number' && Number.isInteger(raw) && !Number.isSafeInteger(raw)) {
    return inputError(label, `${raw} is not exact as a JSON number; write the size as a string ("4G", "0x100000000")`);
  }
  const parsed = await parseSize(String(raw));
  return parsed.ok ? { value: parsed.value, label } : inputError(label, parsed.reason);
}

/**
 * RAM as `-m size` and `-m maxmem` give it: a number without a unit is refused (issue 17), because QEMU's -m reads
 * `64` as 64 MiB while every other size here is in bytes; hexadecimal (`0x200000000`, what the JSON output carries) is bytes.
 */
export async function readRamSize(raw: string | number, label: string): Promise<Sourced<bigint> | InputError> {
  const text = String(raw).trim();
  if (/^\d+$/.test(text)) {
    return inputError(label, `${JSON.stringify(text)} has no unit: QEMU's -m reads it as ${text} MiB, a size here is bytes; write ${text}M for QEMU's meaning or ${text}B for bytes`);
  }
  return readSize(raw, label);
}

/**
 * A whole number in the field's range (field-ranges.ts), or outside it where QEMU's own check refuses it in its words.
 * @param max a tighter upper bound than the range's, where another field sets it (a host's guestPhysBits ≤ physBits)
 */
export function readInteger(raw: string | number, label: string, range: FieldRange, max = range.max): Sourced<number> | InputError {
  const text = String(raw).trim();
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  const bounded = { ...range, max };
  // Where QEMU checks the field itself (phys-bits 31 or 53, 257 slots), its own words refuse the value, later.
  const accepted = Number.isSafeInteger(value) && (inRange(bounded, value) || (range.qemuRefusesUpTo !== undefined && value <= range.qemuRefusesUpTo));
  if (!accepted) return inputError(label, `${JSON.stringify(String(raw))} is not a whole number from ${rangeText(bounded)}`);
  return { value, label };
}

/** A firmware file path as libvirt's <loader> or <nvram template=…> holds it. */
export function readPath(raw: string, label: string): Sourced<string> | InputError {
  return raw.trim() === '' ? inputError(label, 'is empty; give the firmware file\'s path') : { value: raw, label };
}

/** `NAME=VALUE` as in QEMU's `-fw_cfg name=NAME,string=VALUE`; only user files under opt/ (QEMU's own rule). */
export function readFwCfgEntry(raw: string, label: string): [string, string] | InputError {
  const equals = raw.indexOf('=');
  const name = equals === -1 ? '' : raw.slice(0, equals);
  if (!FW_CFG_NAME.test(name)) {
    return inputError(label, `${JSON.stringify(raw)} is not NAME=VALUE with NAME an fw_cfg file under opt/ (for example opt/ovmf/X-PciMmio64Mb=65536)`);
  }
  return [name, raw.slice(equals + 1)];
}

/** fw_cfg names are at most 55 characters (FW_CFG_MAX_FILE_PATH is 56 with the NUL). */
export const FW_CFG_NAME = /^opt\/[\x21-\x7e]{1,51}$/;
