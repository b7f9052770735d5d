/** A VM file's text → a VmDraft whose labels name the file and the field (`vm.json: cpu.physBits`). */
import { QEMU_PACKAGES } from '../core/qemu/machine-types.js';
import { readBackports } from './backports.js';
import { VmFileSchema, type VmFile } from './schema.js';
import { parseJsonText, validated } from './json-file.js';
import { type InputError, inputError, isInputError } from './input-error.js';
import { FW_CFG_NAME, readChoice, readInteger, readPath, readRamSize, readSize, readVersion } from './fields.js';
import type { Sourced, VmDraft } from './vm-draft.js';
import { PCI64_KNOB } from '../core/spec.js';
import { readDeviceEntries } from './pci-devices.js';
import { RANGES } from './field-ranges.js';

export async function vmDraftFromJson(text: string, source: string): Promise<VmDraft | InputError> {
  let json = parseJsonText(text, source);
  if (isInputError(json)) return json;
  // A plan's JSON output can be read back: its normalized input is the VM.
  if (typeof json === 'object' && json !== null && (json as { schema?: unknown }).schema === 'gpa-planner/plan/v1') {
    json = (json as { input?: unknown }).input;
  }
  const parsed = validated(json, VmFileSchema, source);
  if (isInputError(parsed)) return parsed;
  return draftOf(parsed, (field) => `${source}: ${field}`);
}

async function draftOf(file: VmFile, at: (field: string) => string): Promise<VmDraft | InputError> {
  const draft: Record<string, Sourced<unknown>> = {};
  const put = (field: string, value: Sourced<unknown> | InputError) => {
    if (isInputError(value)) return value;
    draft[field] = value;
    return null;
  };
  const steps: (() => Promise<InputError | null> | InputError | null)[] = [
    () => (file.machine !== undefined ? put('machine', { value: file.machine, label: at('machine') }) : null),
    () => (file.machineVersion !== undefined ? put('machineVersion', readVersion(file.machineVersion, at('machineVersion'))) : null),
    () => (file.qemuVersion !== undefined ? put('qemuVersion', readVersion(file.qemuVersion, at('qemuVersion'))) : null),
    () => (file.qemuPackage !== undefined ? put('qemuPackage', readChoice(file.qemuPackage, QEMU_PACKAGES, at('qemuPackage'))) : null),
    async () => (file.memory !== undefined ? put('memory', await readRamSize(file.memory, at('memory'))) : null),
    async () => (file.maxmem !== undefined ? put('maxmem', await readRamSize(file.maxmem, at('maxmem'))) : null),
    () => (file.slots !== undefined ? put('slots', readInteger(file.slots, at('slots'), RANGES.slots)) : null),
    async () => (file.maxRamBelow4g !== undefined ? put('maxRamBelow4g', await readSize(file.maxRamBelow4g, at('maxRamBelow4g'))) : null),
    async () => (file.pciHole64Size != null ? put('pciHole64Size', await readSize(file.pciHole64Size, at('pciHole64Size'))) : null),
    async () => (file.cxlWindows !== undefined ? put('cxlWindows', await readSizes(file.cxlWindows, at('cxlWindows'))) : null),
    ...cpuSteps(file.cpu ?? {}, at, put),
    ...firmwareSteps(file.firmware ?? {}, at, put),
    async () => {
      if (file.devices === undefined) return null;
      const devices = await readDeviceEntries(file.devices, at('devices'));
      return isInputError(devices) ? devices : put('devices', { value: devices, label: at('devices') });
    },
    () => (file.emptyRootPorts !== undefined ? put('emptyRootPorts', readInteger(file.emptyRootPorts, at('emptyRootPorts'), RANGES.emptyRootPorts)) : null),
  ];
  for (const step of steps) {
    const error = await step();
    if (error) return error;
  }
  return draft as VmDraft;
}

type Put = (field: string, value: Sourced<unknown> | InputError) => InputError | null;

function cpuSteps(cpu: NonNullable<VmFile['cpu']>, at: (field: string) => string, put: Put) {
  const flag = (field: 'longMode' | 'pdpe1gb' | 'la57' | 'vendorCpuidOnlyV2') => () =>
    cpu[field] !== undefined ? put(field, { value: cpu[field], label: at(`cpu.${field}`) }) : null;
  return [
    () => (cpu.vendor !== undefined ? put('vendor', { value: cpu.vendor, label: at('cpu.vendor') }) : null),
    () => (cpu.vendorPinned !== undefined ? put('vendorPinned', { value: cpu.vendorPinned, label: at('cpu.vendorPinned') }) : null),
    flag('longMode'),
    () => (cpu.physBits !== undefined ? put('physBits', readInteger(cpu.physBits, at('cpu.physBits'), RANGES.physBits)) : null),
    () => (cpu.guestPhysBits !== undefined ? put('guestPhysBits', readInteger(cpu.guestPhysBits, at('cpu.guestPhysBits'), RANGES.guestPhysBits)) : null),
    () => hostPhysBitsStep(cpu, at, put),
    flag('pdpe1gb'),
    flag('la57'),
    flag('vendorCpuidOnlyV2'),
  ];
}

/** `cpu.hostPhysBits` [+ `hostPhysBitsLimit`]: host-phys-bits=on, a pool setting rather than a fixed width (qemu.md §7.2). */
function hostPhysBitsStep(cpu: NonNullable<VmFile['cpu']>, at: (field: string) => string, put: Put): InputError | null {
  if (cpu.hostPhysBitsLimit !== undefined && cpu.hostPhysBits !== true) {
    return inputError(at('cpu.hostPhysBitsLimit'), 'applies only with cpu.hostPhysBits: true (QEMU ignores the limit otherwise)');
  }
  if (cpu.hostPhysBits !== true) return null;
  if (cpu.physBits !== undefined) return inputError(at('cpu.physBits'), 'give either cpu.physBits or cpu.hostPhysBits, not both (QEMU lets host-phys-bits win)');
  // 0 is QEMU's "no limit" (host-phys-bits-limit defaults to 0).
  if (cpu.hostPhysBitsLimit === undefined || cpu.hostPhysBitsLimit === 0) return put('hostPhysBits', { value: { limit: null }, label: at('cpu.hostPhysBits') });
  const limit = readInteger(cpu.hostPhysBitsLimit, at('cpu.hostPhysBitsLimit'), RANGES.hostPhysBitsLimit);
  return isInputError(limit) ? limit : put('hostPhysBits', { value: { limit: limit.value }, label: at('cpu.hostPhysBits') });
}

function firmwareSteps(firmware: NonNullable<VmFile['firmware']>, at: (field: string) => string, put: Put) {
  return [
    () => (firmware.edk2 !== undefined ? put('firmware', { value: firmware.edk2, label: at('firmware.edk2') }) : null),
    () => (firmware.backports !== undefined ? put('firmwareBackports', readBackports(firmware.backports, at('firmware.backports'))) : null),
    () => (firmware.package !== undefined ? put('firmwarePackage', { value: firmware.package, label: at('firmware.package') }) : null),
    () => (firmware.build !== undefined ? put('ovmfBuild', readChoice(firmware.build, ['x64', 'ia32x64', 'ia32'], at('firmware.build'))) : null),
    () => (firmware.fiveLevelPaging !== undefined ? put('fiveLevelPaging', { value: firmware.fiveLevelPaging, label: at('firmware.fiveLevelPaging') }) : null),
    () => {
      const fwCfg: Record<string, string> = { ...firmware.fwCfg };
      if (firmware.pci64Mb !== undefined) fwCfg[PCI64_KNOB] = firmware.pci64Mb;
      const bad = Object.keys(fwCfg).find((name) => !FW_CFG_NAME.test(name));
      if (bad !== undefined) return inputError(at('firmware.fwCfg'), `${JSON.stringify(bad)} is not an fw_cfg file name under opt/`);
      return Object.keys(fwCfg).length > 0 ? put('fwCfg', { value: fwCfg, label: at('firmware.fwCfg') }) : null;
    },
    () => (firmware.loader !== undefined ? put('ovmfLoader', { value: firmware.loader, label: at('firmware.loader') }) : null),
    () => (firmware.code !== undefined ? put('ovmfCode', readPath(firmware.code, at('firmware.code'))) : null),
    () => (firmware.vars != null ? put('ovmfVars', readPath(firmware.vars, at('firmware.vars'))) : null),
    async () => (firmware.nvramSize != null ? put('nvramSize', await readSize(firmware.nvramSize, at('firmware.nvramSize'))) : null),
  ];
}

async function readSizes(values: readonly (string | number)[], label: string): Promise<Sourced<bigint[]> | InputError> {
  const sizes: bigint[] = [];
  for (const [index, value] of values.entries()) {
    const size = await readSize(value, `${label}[${index}]`);
    if (isInputError(size)) return size;
    sizes.push(size.value);
  }
  return { value: sizes, label };
}
