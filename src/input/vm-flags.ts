/** Command-line VM options (as strings, the way commander hands them over) → a VmDraft labelled with flag names. */
import { QEMU_PACKAGES } from '../core/qemu/machine-types.js';
import { PCI64_KNOB } from '../core/spec.js';
import { type InputError, isInputError } from './input-error.js';
import { readChoice, readFwCfgEntry, readInteger, readPath, readRamSize, readSize, readVersion } from './fields.js';
import { FLAG, type Sourced, type VmDraft } from './vm-draft.js';
import { type DeviceRequest, readDeviceFlag } from './pci-devices.js';
import { RANGES } from './field-ranges.js';

export interface VmFlags {
  machine?: string;
  machineVersion?: string;
  qemuVersion?: string;
  qemuPackage?: string;
  memory?: string;
  maxmem?: string;
  slots?: string;
  maxRamBelow4g?: string;
  pciHole64Size?: string;
  cxlWindow?: string[];
  vendor?: string;
  /** `--vendor-pinned`: the CPU model sets the vendor string (cpu.vendorPinned). */
  vendorPinned?: boolean;
  longMode?: boolean;
  physBits?: string;
  guestPhysBits?: string;
  pdpe1gb?: boolean;
  la57?: boolean;
  xVendorCpuidOnlyV2?: boolean;
  pci64Mb?: string;
  fwCfg?: string[];
  firmware?: string;
  ovmfBuild?: string;
  fiveLevelPaging?: boolean;
  device?: string[];
  emptyRootPorts?: string;
}

/** The firmware files the VM is bound to (`--ovmf-code` …): read by `pool check`, kept apart from the fields every VM edits. */
export interface FirmwareFileFlags {
  ovmfLoader?: string;
  ovmfCode?: string;
  ovmfVars?: string;
  nvramSize?: string;
}

export async function draftFromFlags(flags: VmFlags & FirmwareFileFlags): Promise<VmDraft | InputError> {
  const draft: Record<string, Sourced<unknown>> = {};
  const fields: [keyof VmDraft, () => Promise<Sourced<unknown> | InputError | undefined> | Sourced<unknown> | InputError | undefined][] = [
    ['machine', () => flags.machine === undefined ? undefined : readChoice(flags.machine, ['q35', 'pc'], FLAG.machine)],
    ['machineVersion', () => flags.machineVersion === undefined ? undefined : readVersion(flags.machineVersion, FLAG.machineVersion)],
    ['qemuVersion', () => flags.qemuVersion === undefined ? undefined : readVersion(flags.qemuVersion, FLAG.qemuVersion)],
    ['qemuPackage', () => flags.qemuPackage === undefined ? undefined : readChoice(flags.qemuPackage, QEMU_PACKAGES, FLAG.qemuPackage)],
    ['memory', () => flags.memory === undefined ? undefined : readRamSize(flags.memory, FLAG.memory)],
    ['maxmem', () => flags.maxmem === undefined ? undefined : readRamSize(flags.maxmem, FLAG.maxmem)],
    ['slots', () => flags.slots === undefined ? undefined : readInteger(flags.slots, FLAG.slots, RANGES.slots)],
    ['maxRamBelow4g', () => flags.maxRamBelow4g === undefined ? undefined : readSize(flags.maxRamBelow4g, FLAG.maxRamBelow4g)],
    ['pciHole64Size', () => flags.pciHole64Size === undefined ? undefined : readSize(flags.pciHole64Size, FLAG.pciHole64Size)],
    ['cxlWindows', () => flags.cxlWindow === undefined ? undefined : readSizes(flags.cxlWindow)],
    ['vendor', () => flags.vendor === undefined ? undefined : readChoice(flags.vendor, ['intel', 'amd', 'hygon'], FLAG.vendor)],
    ['vendorPinned', () => flags.vendorPinned === undefined ? undefined : { value: flags.vendorPinned, label: FLAG.vendorPinned }],
    ['longMode', () => flags.longMode === undefined ? undefined : { value: flags.longMode, label: FLAG.longMode }],
    ['physBits', () => flags.physBits === undefined ? undefined : readInteger(flags.physBits, FLAG.physBits, RANGES.physBits)],
    ['guestPhysBits', () => flags.guestPhysBits === undefined ? undefined : readInteger(flags.guestPhysBits, FLAG.guestPhysBits, RANGES.guestPhysBits)],
    ['pdpe1gb', () => flags.pdpe1gb === undefined ? undefined : { value: flags.pdpe1gb, label: FLAG.pdpe1gb }],
    ['la57', () => flags.la57 === undefined ? undefined : { value: flags.la57, label: FLAG.la57 }],
    ['vendorCpuidOnlyV2', () => flags.xVendorCpuidOnlyV2 === undefined ? undefined : { value: flags.xVendorCpuidOnlyV2, label: FLAG.vendorCpuidOnlyV2 }],
    ['firmware', () => flags.firmware === undefined ? undefined : { value: flags.firmware, label: FLAG.firmware }],
    ['ovmfBuild', () => flags.ovmfBuild === undefined ? undefined : readChoice(flags.ovmfBuild, ['x64', 'ia32x64', 'ia32'], FLAG.ovmfBuild)],
    ['fiveLevelPaging', () => flags.fiveLevelPaging === undefined ? undefined : { value: flags.fiveLevelPaging, label: FLAG.fiveLevelPaging }],
    ['fwCfg', () => readFwCfg(flags)],
    ['ovmfLoader', () => flags.ovmfLoader === undefined ? undefined : readChoice(flags.ovmfLoader, ['pflash', 'rom'], FLAG.ovmfLoader)],
    ['ovmfCode', () => flags.ovmfCode === undefined ? undefined : readPath(flags.ovmfCode, FLAG.ovmfCode)],
    ['ovmfVars', () => flags.ovmfVars === undefined ? undefined : readPath(flags.ovmfVars, FLAG.ovmfVars)],
    ['nvramSize', () => flags.nvramSize === undefined ? undefined : readSize(flags.nvramSize, FLAG.nvramSize)],
    ['devices', () => (flags.device === undefined ? undefined : readDeviceFlags(flags.device))],
    ['emptyRootPorts', () => flags.emptyRootPorts === undefined ? undefined : readInteger(flags.emptyRootPorts, FLAG.emptyRootPorts, RANGES.emptyRootPorts)],
  ];
  for (const [field, read] of fields) {
    const value = await read();
    if (isInputError(value)) return value;
    if (value !== undefined) draft[field] = value;
  }
  return draft as VmDraft;
}

async function readSizes(values: readonly string[]): Promise<Sourced<bigint[]> | InputError> {
  const sizes: bigint[] = [];
  for (const value of values) {
    const size = await readSize(value, FLAG.cxlWindows);
    if (isInputError(size)) return size;
    sizes.push(size.value);
  }
  return { value: sizes, label: FLAG.cxlWindows };
}

/** `--fw-cfg NAME=VALUE` (repeatable) and `--pci64-mb VALUE`, the raw string QEMU would pass as opt/ovmf/X-PciMmio64Mb. */
function readFwCfg(flags: VmFlags): Sourced<Record<string, string>> | InputError | undefined {
  const fwCfg: Record<string, string> = {};
  for (const raw of flags.fwCfg ?? []) {
    const entry = readFwCfgEntry(raw, FLAG.fwCfg);
    if (isInputError(entry)) return entry;
    fwCfg[entry[0]] = entry[1];
  }
  if (flags.pci64Mb !== undefined) fwCfg[PCI64_KNOB] = flags.pci64Mb;
  return Object.keys(fwCfg).length > 0 ? { value: fwCfg, label: flags.pci64Mb !== undefined ? '--pci64-mb' : FLAG.fwCfg } : undefined;
}

async function readDeviceFlags(values: readonly string[]): Promise<Sourced<DeviceRequest[]> | InputError> {
  const devices: DeviceRequest[] = [];
  for (const value of values) {
    const device = await readDeviceFlag(value);
    if (isInputError(device)) return device;
    devices.push(device);
  }
  return { value: devices, label: FLAG.devices };
}
