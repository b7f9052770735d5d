/**
 * Passed-through PCI devices as the user writes them (a VM file's `devices`, `--device`), checked, and resolved
 * against the device presets (presets/devices/*.json) into the core's PciTopology.
 */
import type { PciAttachment, PciBar, PciDevice, PciTopology } from '../core/pci/devices.js';
import type { MachineType } from '../core/spec.js';
import { isPowerOfTwo, pow2 } from '../core/units.js';
import { type InputError, inputError, isInputError } from './input-error.js';
import { readInteger, readSize } from './fields.js';
import { MAX_DEVICES, RANGES } from './field-ranges.js';
import type { DeviceSchema, PciBarSchema } from './schema.js';
import type { z } from 'zod';

/** One `devices` entry or `--device` flag, sizes read, preset not yet looked up. */
export interface DeviceRequest {
  readonly label: string;
  readonly preset: string | null;
  readonly name: string | null;
  readonly count: number;
  readonly attach: PciAttachment;
  readonly hotplug: boolean;
  readonly pref64Reserve: bigint | null;
  /** null: the preset's (false without one) */
  readonly vga: boolean | null;
  /** null: the preset's */
  readonly bars: readonly PciBar[] | null;
}

/** A device preset: a card's BARs, cited from public lspci output. */
export interface DevicePreset {
  readonly name: string;
  readonly description: string;
  readonly vga: boolean;
  readonly bars: readonly PciBar[];
}

/** Up to 32 slots × 8 functions on the root bus; more devices than a q35 machine can hold is a typo. */
export { MAX_DEVICES } from './field-ranges.js';
const ATTACH: readonly PciAttachment[] = ['root-port', 'root-bus'];

type BarEntry = z.infer<typeof PciBarSchema>;
/** Where a BAR's field was written: `vm.json: devices[0].bars[1].size`, or `--device bar1`. */
type BarLabel = (bar: number, field: 'index' | 'size') => string;
type DeviceEntry = z.infer<typeof DeviceSchema>;

/** BARs as written, checked the way the PCI specification lays them out. */
export async function readBars(entries: readonly BarEntry[], label: string | BarLabel): Promise<PciBar[] | InputError> {
  const at: BarLabel = typeof label === 'string' ? (i, field) => `${label}[${i}].${field}` : label;
  const bars: PciBar[] = [];
  const used = new Set<number>();
  for (const [i, entry] of entries.entries()) {
    const is64 = entry.bits === 64;
    if (!Number.isInteger(entry.index) || entry.index < 0 || entry.index > (is64 ? 4 : 5)) {
      return inputError(at(i, 'index'), `${entry.index} is not a BAR register for a ${entry.bits}-bit BAR (allowed: 0 to ${is64 ? 4 : 5})`);
    }
    const registers = is64 ? [entry.index, entry.index + 1] : [entry.index];
    if (registers.some((r) => used.has(r))) return inputError(at(i, 'index'), `BAR ${entry.index} overlaps another BAR (a 64-bit BAR takes its register and the next)`);
    registers.forEach((r) => used.add(r));
    const size = await readSize(entry.size, at(i, 'size'));
    if (isInputError(size)) return size;
    const max = is64 ? pow2(63) : pow2(31);
    if (!isPowerOfTwo(size.value) || size.value < 16n || size.value > max) {
      return inputError(at(i, 'size'), `${size.value} is not a BAR size (a power of two from 16 bytes to ${is64 ? '8 EiB' : '2 GiB'})`);
    }
    bars.push({ index: entry.index, size: size.value, is64, prefetchable: entry.prefetchable });
  }
  return bars.sort((a, b) => a.index - b.index);
}

export async function readDeviceEntries(entries: readonly DeviceEntry[], label: string): Promise<DeviceRequest[] | InputError> {
  const requests: DeviceRequest[] = [];
  for (const [i, entry] of entries.entries()) {
    const at = `${label}[${i}]`;
    if ((entry.preset === undefined) === (entry.bars === undefined)) return inputError(at, 'give either "preset" (see `gpa-planner presets`) or "bars"');
    const request = await requestOf(entry, { at, count: `${at}.count`, reserve: `${at}.pref64Reserve`, bar: (bar, field) => `${at}.bars[${bar}].${field}` });
    if (isInputError(request)) return request;
    requests.push(request);
  }
  return requests;
}

/**
 * `--device PRESET[,count=N][,attach=root-port|root-bus][,hotplug=on|off][,pref64-reserve=SIZE][,name=NAME]`, or
 * the BARs written out instead of a preset: `--device name=probe,bar2=64G/64/pref` (`barN=SIZE[/64][/pref]`).
 */
export async function readDeviceFlag(text: string, label = '--device'): Promise<DeviceRequest | InputError> {
  const [first, ...rest] = text.split(',');
  const options = first !== undefined && !first.includes('=') ? rest : text.split(',');
  const preset = first !== undefined && !first.includes('=') ? first.trim() : null;
  const entry: { name?: string; count?: number; attach?: PciAttachment; hotplug?: boolean; pref64Reserve?: string; vga?: boolean; bars?: BarEntry[] } = {};
  for (const option of options) {
    const equals = option.indexOf('=');
    const key = option.slice(0, equals).trim();
    const value = option.slice(equals + 1).trim();
    const bar = /^bar([0-5])$/.exec(key);
    if (equals === -1 || value === '') return inputError(label, `${JSON.stringify(option)} is not KEY=VALUE (keys: count, attach, hotplug, pref64-reserve, name, vga, bar0 to bar5)`);
    if (key === 'count') {
      const count = readInteger(value, `${label} count`, RANGES.deviceCount);
      if (isInputError(count)) return count;
      entry.count = count.value;
    } else if (key === 'attach') {
      if (!(ATTACH as readonly string[]).includes(value)) return inputError(`${label} attach`, `${JSON.stringify(value)} is not one of ${ATTACH.join(', ')}`);
      entry.attach = value as PciAttachment;
    } else if (key === 'hotplug' || key === 'vga') {
      if (value !== 'on' && value !== 'off') return inputError(`${label} ${key}`, `${JSON.stringify(value)} is not one of on, off`);
      entry[key] = value === 'on';
    } else if (key === 'pref64-reserve') entry.pref64Reserve = value;
    else if (key === 'name') entry.name = value;
    else if (bar) {
      const [size, ...flags] = value.split('/');
      const unknown = flags.find((f) => f !== '64' && f !== 'pref');
      if (unknown !== undefined) return inputError(`${label} ${key}`, `${JSON.stringify(value)} is not SIZE[/64][/pref] (for example 64G/64/pref)`);
      (entry.bars ??= []).push({ index: Number(bar[1]), size: size!, bits: flags.includes('64') ? 64 : 32, prefetchable: flags.includes('pref') });
    } else return inputError(label, `${JSON.stringify(key)} is not a device option (count, attach, hotplug, pref64-reserve, name, vga, bar0 to bar5)`);
  }
  if ((preset === null) === (entry.bars === undefined)) {
    return inputError(label, 'give a device preset first (see `gpa-planner presets`), or BARs such as bar1=64G/64/pref, not both');
  }
  return requestOf({ ...entry, ...(preset === null ? {} : { preset }) }, { at: label, count: `${label} count`, reserve: `${label} pref64-reserve`, bar: (i) => `${label} bar${entry.bars![i]!.index}` });
}

/** Where an entry's fields were written, for their errors: `vm.json: devices[0].count`, or `--device count`. */
interface EntryLabels {
  readonly at: string;
  readonly count: string;
  readonly reserve: string;
  readonly bar: BarLabel;
}

/** One entry, from a file or a flag, read into a request with the defaults applied. */
async function requestOf(entry: DeviceEntry, labels: EntryLabels): Promise<DeviceRequest | InputError> {
  const count = readInteger(entry.count ?? 1, labels.count, RANGES.deviceCount);
  if (isInputError(count)) return count;
  const bars = entry.bars === undefined ? null : await readBars(entry.bars, labels.bar);
  if (isInputError(bars)) return bars;
  const reserve = entry.pref64Reserve === undefined ? null : await readSize(entry.pref64Reserve, labels.reserve);
  if (isInputError(reserve)) return reserve;
  return {
    label: labels.at, preset: entry.preset ?? null, name: entry.name ?? null, count: count.value, attach: entry.attach ?? 'root-port',
    hotplug: entry.hotplug ?? true, pref64Reserve: reserve?.value ?? null, vga: entry.vga ?? null, bars,
  };
}

/** Expands counts, looks presets up, names every device uniquely, and checks what the machine can hold. */
export function resolveDevices(
  requests: readonly DeviceRequest[], emptyRootPorts: { value: number; label: string } | null, machine: MachineType, presets: readonly DevicePreset[],
): PciTopology | InputError {
  const devices: PciDevice[] = [];
  for (const request of requests) {
    const preset = request.preset === null ? null : presets.find((p) => p.name === request.preset);
    if (preset === undefined) {
      return inputError(`${request.label}${request.label.startsWith('--') ? '' : '.preset'}`, `${JSON.stringify(request.preset)} is not a device preset (${presets.map((p) => p.name).join(', ')})`);
    }
    if (machine === 'pc' && request.attach === 'root-port') {
      return inputError(request.label, 'a pc (i440fx) machine has no PCIe root ports; use attach root-bus, or the q35 machine');
    }
    const base = request.name ?? preset?.name ?? 'device';
    for (let i = 1; i <= request.count; i++) {
      devices.push({
        name: request.count > 1 ? `${base}#${i}` : base, model: preset?.name ?? null, vga: request.vga ?? preset?.vga ?? false,
        bars: request.bars ?? preset!.bars, attach: request.attach, hotplug: request.hotplug, pref64Reserve: request.pref64Reserve,
      });
    }
  }
  const repeated = devices.find((d, i) => devices.findIndex((o) => o.name === d.name) !== i);
  if (repeated) return inputError(requests.at(-1)!.label, `two devices are named ${JSON.stringify(repeated.name)}; give each entry its own name`);
  const ports = emptyRootPorts?.value ?? 0;
  if (ports > 0 && machine === 'pc') return inputError(emptyRootPorts!.label, 'a pc (i440fx) machine has no PCIe root ports');
  if (devices.length + ports > MAX_DEVICES) {
    return inputError(emptyRootPorts?.label ?? requests.at(-1)!.label, `${devices.length + ports} devices and root ports do not fit on one root bus (at most ${MAX_DEVICES})`);
  }
  return { devices, emptyRootPorts: ports };
}
