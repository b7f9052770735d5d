/**
 * The editable fields: every VM option of `plan` (as the string its flag would carry), the VM and pool sources, and
 * the pool's phys-bits setting. What each shows, what typing or ←/→ turns it into; the input layer judges the result.
 */
import { PCI64_KNOB } from '../core/spec.js';
import { EDK2_TAGS } from '../core/ovmf/releases.js';
import { GiB, MiB } from '../core/units.js';
import { QEMU_RELEASES, formatVersion } from '../core/qemu/versions.js';
import { formatSize } from '../render/format.js';
import type { VmFlags } from '../input/vm-flags.js';
import type { Planned, Setup } from './setup.js';

export type FieldKind = 'source' | 'size' | 'number' | 'text' | 'list' | 'choice' | 'toggle';
export type FieldId = 'vm' | keyof VmFlags | 'pool' | 'hostPhysBits' | 'limit';

export interface Field {
  readonly id: FieldId;
  readonly label: string;
  readonly kind: FieldKind;
  /** The command-line spelling, for the help screen. */
  readonly flag: string;
  /** The label in a narrow terminal (at most SHORT_LABEL columns), when `label` is longer. */
  readonly short?: string;
}

export const SHORT_LABEL = 12;

export const FIELDS: readonly Field[] = [
  { id: 'vm', label: 'VM', kind: 'source', flag: '--preset NAME | --vm FILE' },
  { id: 'memory', label: 'memory', kind: 'size', flag: '--memory' },
  { id: 'maxmem', label: 'maxmem', kind: 'size', flag: '--maxmem' },
  { id: 'slots', label: 'slots', kind: 'number', flag: '--slots' },
  { id: 'machine', label: 'machine', kind: 'choice', flag: '--machine' },
  { id: 'machineVersion', label: 'machine version', short: 'machine ver', kind: 'choice', flag: '--machine-version' },
  { id: 'qemuVersion', label: 'QEMU version', kind: 'choice', flag: '--qemu-version' },
  { id: 'maxRamBelow4g', label: 'max-ram-below-4g', short: 'max-ram<4g', kind: 'size', flag: '--max-ram-below-4g' },
  { id: 'pciHole64Size', label: 'pci-hole64-size', short: 'hole64 size', kind: 'size', flag: '--pci-hole64-size' },
  { id: 'cxlWindow', label: 'CXL windows', kind: 'list', flag: '--cxl-window (comma-separated)' },
  { id: 'vendor', label: 'vendor', kind: 'choice', flag: '--vendor' },
  { id: 'physBits', label: 'phys-bits', kind: 'number', flag: '--phys-bits' },
  { id: 'guestPhysBits', label: 'guest-phys-bits', short: 'guest-bits', kind: 'number', flag: '--guest-phys-bits' },
  { id: 'pdpe1gb', label: '1 GiB pages', kind: 'toggle', flag: '--pdpe1gb' },
  { id: 'la57', label: 'la57', kind: 'toggle', flag: '--la57' },
  { id: 'longMode', label: 'long mode', kind: 'toggle', flag: '--long-mode' },
  { id: 'firmware', label: 'firmware', kind: 'choice', flag: '--firmware' },
  { id: 'ovmfBuild', label: 'OVMF build', kind: 'choice', flag: '--ovmf-build' },
  { id: 'fiveLevelPaging', label: '5-level build', short: '5-level', kind: 'toggle', flag: '--five-level-paging' },
  { id: 'pci64Mb', label: 'X-PciMmio64Mb', short: 'PciMmio64Mb', kind: 'choice', flag: '--pci64-mb' },
  { id: 'fwCfg', label: 'fw_cfg', kind: 'list', flag: '--fw-cfg NAME=VALUE (comma-separated)' },
  { id: 'device', label: 'devices', kind: 'list', flag: '--device SPEC (semicolon-separated)' },
  { id: 'emptyRootPorts', label: 'empty root ports', short: 'empty ports', kind: 'number', flag: '--empty-root-ports' },
  { id: 'pool', label: 'pool', kind: 'source', flag: '--pool-preset NAME | --pool FILE' },
  { id: 'hostPhysBits', label: 'phys-bits mode', short: 'bits mode', kind: 'choice', flag: '--phys-bits N | --host-phys-bits' },
  { id: 'limit', label: 'phys-bits limit', short: 'bits limit', kind: 'number', flag: '--host-phys-bits-limit' },
];

/** Lists the ←/→ keys step through that depend on what is installed. */
export interface FieldChoices {
  readonly vmPresets: readonly string[];
  readonly poolPresets: readonly string[];
  readonly firmwarePresets: readonly string[];
}

/** What a field shows: the value the user set, or (dimmed) what applies without it. */
export interface Shown {
  readonly text: string;
  readonly isSet: boolean;
}

const TOGGLES = new Set<FieldId>(['pdpe1gb', 'la57', 'xVendorCpuidOnlyV2', 'vendorPinned', 'longMode', 'fiveLevelPaging']);
const LISTS = new Set<FieldId>(['cxlWindow', 'fwCfg', 'device']);
const NO_POOL = 'none';
const FIXED = 'fixed';
const HOST = 'host-phys-bits';
/** X-PciMmio64Mb values worth stepping through (MiB: 32 GiB to 1 TiB); '' removes the knob. */
const KNOB_STEPS = ['', '0', '32768', '65536', '131072', '262144', '524288', '1048576'];

export function shownValue(planned: Planned, id: FieldId): Shown {
  const set = setText(planned, id);
  // phys-bits=0 is QEMU's "not set" (qemu.md §7.1): the CLI takes it, and the width in force is shown beside it.
  if (id === 'physBits' && set !== undefined && /^0+$/.test(set.trim())) return { text: `${set} (= ${planned.vm.cpu.physBits})`, isSet: true };
  return set !== undefined ? { text: set === '' ? '""' : set, isSet: true } : { text: defaultText(planned, id), isSet: false };
}

/** The text the editor starts from: what is set, else the value in force when it is one (not "default"). */
export function editText(planned: Planned, id: FieldId): string {
  const set = setText(planned, id);
  if (set !== undefined) return set;
  const { vm } = planned;
  switch (id) {
    case 'memory': return formatSize(vm.memory);
    case 'maxmem': return formatSize(vm.maxmem);
    case 'slots': return String(vm.slots);
    case 'physBits': return String(vm.cpu.physBits);
    case 'machineVersion': return formatVersion(vm.machineVersion);
    case 'qemuVersion': return formatVersion(vm.qemuVersion);
    case 'firmware': return vm.firmware.edk2;
    default: return '';
  }
}

/** The user's own text for a field, undefined when it is not set. */
function setText(setup: Setup, id: FieldId): string | undefined {
  switch (id) {
    case 'vm': return setup.vmName === null ? undefined : `${setup.vmName}${setup.vmEdited ? '*' : ''}`;
    case 'pool': return setup.pool?.name;
    case 'hostPhysBits': return setup.hostPhysBits ? HOST : undefined;
    case 'limit': return setup.limit;
    default: {
      const value = setup.flags[id];
      if (value === undefined) return undefined;
      if (typeof value === 'boolean') return value ? 'on' : 'off';
      return Array.isArray(value) ? value.join(id === 'device' ? '; ' : ', ') : value;
    }
  }
}

function defaultText({ vm, hostPhysBits }: Planned, id: FieldId): string {
  switch (id) {
    case 'vm': return 'flags';
    case 'pool': return NO_POOL;
    case 'hostPhysBits': return FIXED;
    case 'limit': return hostPhysBits ? 'none' : 'n/a (fixed mode)';
    case 'memory': return formatSize(vm.memory);
    case 'maxmem': return formatSize(vm.maxmem);
    case 'slots': return String(vm.slots);
    case 'machine': return vm.machine;
    case 'machineVersion': return formatVersion(vm.machineVersion);
    case 'qemuVersion': return formatVersion(vm.qemuVersion);
    case 'qemuPackage': return vm.qemuPatches === 'proxmox' ? 'pve-qemu-kvm' : 'upstream';
    case 'maxRamBelow4g': return vm.maxRamBelow4g === 0n ? 'machine default' : formatSize(vm.maxRamBelow4g);
    case 'pciHole64Size': return vm.pciHole64Size === null ? `default (${formatSize(defaultHole64(vm.machine))})` : formatSize(vm.pciHole64Size);
    case 'cxlWindow': return vm.cxlWindows.length === 0 ? 'none' : vm.cxlWindows.map(formatSize).join(', ');
    case 'vendor': return vm.cpu.vendor;
    case 'physBits': return String(vm.cpu.physBits);
    case 'guestPhysBits': return vm.cpu.guestPhysBits === 0 ? 'not reported' : String(vm.cpu.guestPhysBits);
    case 'pdpe1gb': return vm.cpu.pdpe1gb ? 'on' : 'off';
    case 'la57': return vm.cpu.la57 ? 'on' : 'off';
    case 'xVendorCpuidOnlyV2': return vm.cpu.vendorCpuidOnlyV2 === undefined ? 'machine default' : vm.cpu.vendorCpuidOnlyV2 ? 'on' : 'off';
    case 'vendorPinned': return vm.cpu.vendorPinned ? 'on' : 'off';
    case 'longMode': return vm.cpu.longMode ? 'on' : 'off';
    case 'firmware': return vm.firmware.edk2;
    case 'ovmfBuild': return vm.firmware.build;
    case 'fiveLevelPaging': return vm.firmware.fiveLevelPaging ? 'on' : 'off';
    case 'pci64Mb': return vm.firmware.fwCfg[PCI64_KNOB] ?? 'absent';
    case 'fwCfg': {
      const entries = Object.entries(vm.firmware.fwCfg).filter(([name]) => name !== PCI64_KNOB);
      return entries.length === 0 ? 'none' : entries.map(([name, value]) => `${name}=${value}`).join(', ');
    }
    case 'device': return vm.pci.devices.length === 0 ? 'none' : vm.pci.devices.map((d) => d.name).join(', ');
    case 'emptyRootPorts': return String(vm.pci.emptyRootPorts);
  }
}

/** QEMU's pci-hole64-size default: 32 GiB on q35, 2 GiB on pc (qemu.md §5). */
function defaultHole64(machine: 'q35' | 'pc'): bigint {
  return machine === 'q35' ? 32n * GiB : 2n * GiB;
}

/** The setup with a field set to `text` as typed; an empty text removes what was set (the default applies). */
export function withText(setup: Setup, id: FieldId, text: string): Setup {
  const trimmed = text.trim();
  switch (id) {
    case 'vm':
    case 'pool':
      return setup;
    case 'hostPhysBits':
      return { ...setup, hostPhysBits: trimmed === HOST || trimmed === 'host' || trimmed === 'on' };
    case 'limit':
      return { ...setup, limit: trimmed === '' || trimmed === 'none' ? undefined : trimmed };
    default: {
      const flags: Record<string, unknown> = { ...setup.flags };
      if (TOGGLES.has(id)) flags[id] = trimmed === 'on' || trimmed === 'true' || trimmed === 'yes';
      else if (trimmed === '') delete flags[id];
      // A device spec has commas of its own (nvidia-l40s,count=4), so devices are separated by semicolons.
      else if (LISTS.has(id)) flags[id] = trimmed.split(id === 'device' ? ';' : ',').map((s) => s.trim()).filter((s) => s !== '');
      else flags[id] = trimmed;
      return { ...setup, flags: flags as VmFlags, vmEdited: setup.vmName !== null };
    }
  }
}

/** Whether Enter opens the text editor (toggles and the setting mode flip instead). */
export function isTyped(id: FieldId): boolean {
  return !TOGGLES.has(id) && id !== 'hostPhysBits';
}

/**
 * The text after ←/→ (direction -1 or +1), from `current` (what the field shows, or the rejected text): the next
 * choice, the next number, half or double a size, on/off. null when the field does not step (free text).
 */
export function steppedText(planned: Planned, id: FieldId, current: string, direction: 1 | -1, choices: FieldChoices): string | null {
  const { vm } = planned;
  switch (id) {
    case 'vm': return cycle(choices.vmPresets, planned.vmName ?? '', direction);
    case 'pool': return cycle([NO_POOL, ...choices.poolPresets], planned.pool?.name ?? NO_POOL, direction);
    case 'hostPhysBits': return current === HOST ? FIXED : HOST;
    case 'machine': return cycle(['q35', 'pc'], current, direction);
    case 'machineVersion': return cycle(QEMU_RELEASES.map(formatVersion), current, direction);
    case 'qemuVersion': return cycle(QEMU_RELEASES.filter((v) => v.major > 2 || v.minor >= 11).map(formatVersion), current, direction);
    case 'vendor': return cycle(['intel', 'amd', 'hygon'], current, direction);
    case 'qemuPackage': return cycle(['upstream', 'pve-qemu-kvm'], current, direction);
    case 'firmware': return cycle([...choices.firmwarePresets, ...EDK2_TAGS], current, direction);
    case 'ovmfBuild': return cycle(['x64', 'ia32x64', 'ia32'], current, direction);
    case 'pci64Mb': return cycle(KNOB_STEPS, current === 'absent' ? '' : current, direction);
    case 'slots': return step(current, direction, 0, 256, vm.slots);
    case 'physBits': return step(current, direction, 32, 52, vm.cpu.physBits);
    case 'guestPhysBits': return current === 'not reported' || current === '0'
      ? (direction > 0 ? '32' : null)
      : (current === '32' && direction < 0 ? '0' : step(current, direction, 32, 52, vm.cpu.guestPhysBits));
    case 'limit': return current === 'none' || current === 'n/a (fixed mode)'
      ? (direction > 0 ? '32' : null)
      : (current === '32' && direction < 0 ? '' : step(current, direction, 32, 52, 32));
    case 'memory': return scaled(vm.memory, direction);
    case 'maxmem': return scaled(vm.maxmem, direction);
    case 'pciHole64Size': return scaled(vm.pciHole64Size ?? defaultHole64(vm.machine), direction);
    case 'maxRamBelow4g': return vm.maxRamBelow4g === 0n ? null : scaled(vm.maxRamBelow4g, direction);
    case 'pdpe1gb': case 'la57': case 'xVendorCpuidOnlyV2': case 'vendorPinned': case 'longMode': case 'fiveLevelPaging':
      return current === 'on' ? 'off' : 'on';
    case 'cxlWindow': case 'fwCfg': case 'device':
      return null;
    case 'emptyRootPorts': return step(current, direction, 0, 32, vm.pci.emptyRootPorts);
  }
}

function cycle(list: readonly string[], current: string, direction: 1 | -1): string | null {
  if (list.length === 0) return null;
  const index = list.indexOf(current);
  if (index === -1) return direction > 0 ? list[0]! : list.at(-1)!;
  return list[(index + direction + list.length) % list.length]!;
}

function step(current: string, direction: 1 | -1, min: number, max: number, fallback: number): string | null {
  const value = /^\d+$/.test(current.trim()) ? Number(current.trim()) : fallback;
  const next = Math.min(max, Math.max(min, value + direction));
  return next === value ? null : String(next);
}

/** Double or halve a size, down to 1 MiB. */
function scaled(size: bigint, direction: 1 | -1): string | null {
  if (direction < 0 && size / 2n < MiB) return null;
  return formatSize(direction > 0 ? size * 2n : size / 2n);
}
