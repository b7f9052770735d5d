/**
 * QEMU's command-line options as data, before any meaning is given to them: the machine and its properties, `-m`, the
 * last `-cpu`, `-global`, `-fw_cfg`, the pflash drives and block nodes, devices, and the names of every other option
 * (so nothing is dropped unseen). QEMU's `key=value,…` syntax with `,,` for a comma, and JSON for -device/-blockdev.
 */
import { type InputError, inputError } from '../input-error.js';

export type KeyVal = Readonly<Record<string, string>>;

export interface QemuOptions {
  /** The machine type (`-machine TYPE` or `type=`), the last one given. */
  readonly machineType: string | null;
  /** Every other -machine property, merged as QEMU merges repeated -machine options. */
  readonly machineProps: KeyVal;
  /** `-m`: size (MiB without a suffix), slots, maxmem, as written. */
  readonly memory: KeyVal | null;
  /** The last `-cpu`: the model and its properties in order (`+pdpe1gb` becomes ["pdpe1gb", "on"]). */
  readonly cpu: { readonly model: string; readonly props: readonly (readonly [string, string])[] } | null;
  readonly globals: readonly { readonly driver: string; readonly property: string; readonly value: string }[];
  readonly fwCfg: readonly KeyVal[];
  readonly drives: readonly KeyVal[];
  readonly blockdevs: readonly Readonly<Record<string, unknown>>[];
  readonly devices: readonly Readonly<Record<string, unknown>>[];
  readonly objects: readonly Readonly<Record<string, unknown>>[];
  /** `-accel`, `-enable-kvm`, `-machine accel=`: the accelerators asked for. */
  readonly accel: readonly string[];
  readonly name: string | null;
  readonly bios: string | null;
  /** Options read but with no bearing on the model, in order: `-smp`, `-numa`, `-netdev`, … */
  readonly other: readonly string[];
}

/** Options that take no argument (qemu-options.hx). */
const FLAGS = new Set(['S', 'no-user-config', 'nodefaults', 'no-shutdown', 'no-reboot', 'nographic', 'daemonize', 'enable-kvm', 'snapshot',
  'full-screen', 'no-quit', 'no-hpet', 'no-acpi', 'no-fd-bootchk', 's', 'usb', 'win2k-hack', 'rtc-td-hack', 'no-kvm-pit-reinjection',
  'enable-fips', 'old-param', 'semihosting', 'preconfig', 'only-migratable', 'xen-attach', 'alt-grab', 'ctrl-grab', 'singlestep',
  'one-insn-per-tb', 'no-frame', 'portrait', 'curses', 'enable-sync-profile', 'no-kvm', 'no-kvm-irqchip', 'no-kvm-pit', 'nodefconfig']);

export function readQemuOptions(args: readonly string[], source: string): QemuOptions | InputError {
  let machineType: string | null = null;
  const machineProps: Record<string, string> = {};
  let memory: KeyVal | null = null;
  let cpu: QemuOptions['cpu'] = null;
  const globals: { driver: string; property: string; value: string }[] = [];
  const fwCfg: KeyVal[] = [];
  const drives: KeyVal[] = [];
  const blockdevs: Record<string, unknown>[] = [];
  const devices: Record<string, unknown>[] = [];
  const objects: Record<string, unknown>[] = [];
  const accel: string[] = [];
  let name: string | null = null;
  let bios: string | null = null;
  const other: string[] = [];

  for (let i = 0; i < args.length; i++) {
    const raw = args[i]!;
    if (!raw.startsWith('-') || raw === '-') {
      other.push(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);
      continue;
    }
    const option = raw.replace(/^--?/, '');
    if (FLAGS.has(option)) {
      if (option === 'enable-kvm') accel.push('kvm');
      else other.push(`-${option}`);
      continue;
    }
    const value = args[i + 1];
    if (value === undefined) return inputError(source, `${raw} is the last argument, but it takes a value`);
    i++;
    switch (option) {
      case 'machine':
      case 'M': {
        const props = keyval(value, 'type');
        for (const [key, v] of Object.entries(props)) {
          if (key === 'type') machineType = v;
          else if (key === 'accel') accel.push(...v.split(':'));
          else machineProps[key] = v;
        }
        break;
      }
      case 'm':
        memory = { ...(memory ?? {}), ...keyval(value, 'size') };
        break;
      case 'cpu':
        cpu = cpuOption(value);
        break;
      case 'global': {
        const global = globalOption(value);
        if (!global) return inputError(source, `-global ${value} is not DRIVER.PROPERTY=VALUE`);
        globals.push(global);
        break;
      }
      case 'fw_cfg':
        fwCfg.push(keyval(value, 'name'));
        break;
      case 'drive':
        drives.push(keyval(value, 'file'));
        break;
      case 'blockdev': {
        const node = structured(value);
        if (!node) return inputError(source, `-blockdev ${value} is neither JSON nor key=value pairs`);
        blockdevs.push(node);
        break;
      }
      case 'device': {
        const device = structured(value, 'driver');
        if (!device) return inputError(source, `-device ${value} is neither JSON nor key=value pairs`);
        devices.push(device);
        break;
      }
      case 'object': {
        const object = structured(value, 'qom-type');
        if (!object) return inputError(source, `-object ${value} is neither JSON nor key=value pairs`);
        objects.push(object);
        break;
      }
      case 'accel':
        accel.push(keyval(value, 'accel')['accel'] ?? value);
        break;
      case 'name':
        name = keyval(value, 'guest')['guest'] ?? null;
        break;
      case 'bios':
        bios = value;
        break;
      default:
        other.push(`-${option}`);
    }
  }
  return { machineType, machineProps, memory, cpu, globals, fwCfg, drives, blockdevs, devices, objects, accel, name, bios, other };
}

/** QEMU's `a=b,c=d` with `,,` for a literal comma; a first item without `=` takes the implied key. */
export function keyval(text: string, impliedKey?: string): Record<string, string> {
  const result: Record<string, string> = {};
  const items = splitCommas(text);
  items.forEach((item, index) => {
    const equals = item.indexOf('=');
    if (equals === -1) {
      if (index === 0 && impliedKey !== undefined) result[impliedKey] = item;
      else result[item] = 'on';
    } else {
      result[item.slice(0, equals)] = item.slice(equals + 1);
    }
  });
  return result;
}

function splitCommas(text: string): string[] {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ',') {
      if (text[i + 1] === ',') {
        current += ',';
        i++;
        continue;
      }
      items.push(current);
      current = '';
    } else {
      current += text[i];
    }
  }
  items.push(current);
  return items.filter((item) => item !== '');
}

/** `-cpu MODEL,+feat,-feat,feat=on,feat` (x86_cpu_parse_featurestr); `_` in names is `-` (feat2prop). */
function cpuOption(text: string): NonNullable<QemuOptions['cpu']> {
  const [model = '', ...features] = splitCommas(text);
  const props = features.map((feature): [string, string] => {
    if (feature.startsWith('+')) return [feature.slice(1).replace(/_/g, '-'), 'on'];
    if (feature.startsWith('-')) return [feature.slice(1).replace(/_/g, '-'), 'off'];
    const equals = feature.indexOf('=');
    return equals === -1 ? [feature.replace(/_/g, '-'), 'on'] : [feature.slice(0, equals).replace(/_/g, '-'), feature.slice(equals + 1)];
  });
  return { model, props };
}

/** `-global DRIVER.PROPERTY=VALUE` or `-global driver=D,property=P,value=V`. */
function globalOption(text: string): { driver: string; property: string; value: string } | null {
  const long = keyval(text);
  if (long['driver'] !== undefined && long['property'] !== undefined && long['value'] !== undefined) {
    return { driver: long['driver'], property: long['property'], value: long['value'] };
  }
  const match = /^([^.=]+)\.([^=]+)=(.*)$/s.exec(text);
  return match ? { driver: match[1]!, property: match[2]!, value: match[3]! } : null;
}

/** A JSON object (libvirt's -blockdev/-device/-object form since 7.x) or key=value pairs. */
function structured(text: string, impliedKey?: string): Record<string, unknown> | null {
  if (text.trimStart().startsWith('{')) {
    try {
      const json: unknown = JSON.parse(text);
      return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }
  return keyval(text, impliedKey);
}

/** QEMU's booleans (qapi_bool_parse): on/off, yes/no, true/false. */
export function qemuBool(value: string): boolean | null {
  if (['on', 'yes', 'true'].includes(value)) return true;
  if (['off', 'no', 'false'].includes(value)) return false;
  return null;
}
