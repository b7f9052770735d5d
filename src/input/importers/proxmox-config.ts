/**
 * A Proxmox VE VM config as text (`qm config VMID`, /etc/pve/qemu-server/VMID.conf) → its current settings, key by
 * key; and the property strings (`key=value,…`) its values are written in.
 * @see proxmox/qemu-server src/PVE/QemuServer.pm parse_vm_config; proxmox/pve-common src/PVE/JSONSchema.pm
 *   parse_property_string
 */
import { type InputError, inputError } from '../input-error.js';

/** The settings the VM starts with: keys in file order, values trimmed. */
export type ProxmoxConfig = ReadonlyMap<string, string>;

/**
 * Keys only qemu-server writes. One of them, with every current line `key: value` (or a `#` description line), makes
 * a text a Proxmox config.
 */
const PROXMOX_KEYS = /^(bios|ostype|smbios1|vmgenid|boot|bootdisk|scsihw|efidisk0|tpmstate0|hostpci\d+|numa|sockets|cores|meta|digest|agent|onboot|balloon|hotplug):[ \t]/m;
/** parse_vm_config's key pattern: `^([a-z][a-z_\-]*\d*):\s*(.+?)\s*$`. */
const LINE = /^([a-z][a-z_-]*\d*):\s*(.*?)\s*$/;
/** A section header: `[snapshot-name]`, `[PENDING]`, `[special:cloudinit]`. */
const SECTION = /^\[[^\]\n]*\]\s*$/m;

export function isProxmoxConfigText(text: string): boolean {
  const current = currentSection(text);
  const lines = current.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.startsWith('#'));
  return lines.length > 0 && lines.every((line) => LINE.test(line)) && PROXMOX_KEYS.test(current);
}

/**
 * The lines before the first section header. parse_vm_config files snapshots (`[name]`), pending changes
 * (`[PENDING]`) and `[special:cloudinit]`/`[special:fleecing]` after the current config; none of them is what
 * `qm start` uses.
 */
function currentSection(text: string): string {
  const start = text.replace(/^\uFEFF/, '');
  const section = SECTION.exec(start);
  return section ? start.slice(0, section.index) : start;
}

/** Whether the text has sections after the current config (snapshots, pending changes), which are not read. */
export function hasOtherSections(text: string): boolean {
  return SECTION.test(text.replace(/^\uFEFF/, ''));
}

/**
 * `key: value` lines; `#` lines are the description (parse_vm_config), skipped. A key given twice is refused: the
 * file cannot say which one qemu-server keeps, and `qm config` never prints one twice.
 */
export function readProxmoxConfig(text: string, source: string): ProxmoxConfig | InputError {
  const config = new Map<string, string>();
  for (const [index, line] of currentSection(text).split(/\r?\n/).entries()) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const match = LINE.exec(line);
    if (!match) return inputError(`${source}: line ${index + 1}`, `${JSON.stringify(line.slice(0, 60))} is not "key: value" (a Proxmox VM config line)`);
    const [, key, value] = match as unknown as [string, string, string];
    if (config.has(key)) return inputError(`${source}: ${key}`, `is given twice (lines with the same key)`);
    config.set(key, value);
  }
  return config;
}

/**
 * A property string: `default,key=value,…` split on commas (values hold no commas); an item without `=` is the
 * default key's value. A key given twice is refused, as parse_property_string refuses it.
 */
export function propertyString(value: string, defaultKey: string, label: string): Map<string, string> | InputError {
  const props = new Map<string, string>();
  for (const item of value.split(',')) {
    if (item.trim() === '') continue;
    const eq = item.indexOf('=');
    const key = eq === -1 ? defaultKey : item.slice(0, eq);
    if (props.has(key)) return inputError(label, `duplicate key in comma-separated list property: ${key}`);
    props.set(key, eq === -1 ? item : item.slice(eq + 1));
  }
  return props;
}

/** JSONSchema.pm parse_boolean: 1/on/yes/true and 0/off/no/false, any case; null for anything else. */
export function proxmoxBoolean(value: string | undefined): boolean | null {
  if (value === undefined) return null;
  if (/^(1|on|yes|true)$/i.test(value)) return true;
  if (/^(0|off|no|false)$/i.test(value)) return false;
  return null;
}
