/**
 * The parts both VM importers share: the machine type (aliases resolved against the QEMU release when it is known),
 * fw_cfg entries and host-bridge globals given on a QEMU command line (or through libvirt's `<qemu:commandline>`),
 * and the firmware images, whose paths the VM file does not hold yet.
 */
import { FW_CFG_NAME } from '../fields.js';
import { type InputError, inputError } from '../input-error.js';
import type { VmFile } from '../schema.js';
import { PCI64_KNOB } from '../../core/spec.js';
import { qemuBytes } from './foreign-sizes.js';
import { machineName } from './machine-type.js';
import type { QemuOptions } from './qemu-options.js';
import { sizeString } from './imported.js';
import { tableEntry } from '../table-entry.js';

type Warn = (line: string) => void;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type VmDraftFile = Mutable<VmFile>;

/** Sets machine and machineVersion from a machine type name; `where` names it in messages (`<type machine=…>`). */
export function applyMachine(vm: VmDraftFile, name: string, qemuVersion: string | null, where: string, source: string, warn: Warn): InputError | null {
  const parsed = machineName(name);
  if (!parsed) return inputError(`${source}: ${where}`, `machine type ${JSON.stringify(name)} is not modelled (allowed: pc-q35-X.Y, pc-i440fx-X.Y, q35, pc)`);
  vm.machine = parsed.machine;
  if (parsed.alias) {
    if (qemuVersion !== null) vm.machineVersion = qemuVersion;
    else {
      warn(`machine type ${JSON.stringify(name)} is an alias for the newest ${parsed.machine === 'q35' ? 'pc-q35' : 'pc-i440fx'} of the QEMU that starts the VM, `
        + 'whose release is not known here: machineVersion is left out (plan uses the QEMU version, pool check the oldest host\'s QEMU)');
    }
  } else if (parsed.version !== null) {
    vm.machineVersion = parsed.version;
  } else {
    warn(`machine type ${JSON.stringify(name)}: ${parsed.unknownVersion ?? 'version not known'}; machineVersion is left out`);
  }
  if (parsed.hpb) warn(`machine type ${JSON.stringify(name)} is Ubuntu's host-phys-bits variant, whose CPU defaults are not modelled: check it with pool check --host-phys-bits`);
  return null;
}

/** `-fw_cfg name=…,string=…` entries into the VM file's firmware fields; file= blobs and names outside opt/ are warned. */
export function applyFwCfg(vm: VmDraftFile, entries: QemuOptions['fwCfg'], warn: Warn): void {
  for (const entry of entries) {
    const name = entry['name'];
    if (name === undefined) {
      warn(`-fw_cfg ${Object.entries(entry).map(([k, v]) => `${k}=${v}`).join(',')} has no name: not modelled`);
    } else if (entry['string'] === undefined) {
      warn(`fw_cfg ${name} comes from ${entry['file'] !== undefined ? `file ${entry['file']}` : 'a generator'}, whose content is not read: not modelled`);
    } else {
      putFwCfg(vm, name, entry['string'], warn);
    }
  }
}

export function putFwCfg(vm: VmDraftFile, name: string, value: string, warn: Warn): void {
  if (!FW_CFG_NAME.test(name)) {
    warn(`fw_cfg ${name} is not a user file under opt/ (at most 55 characters): not modelled`);
    return;
  }
  const firmware = (vm.firmware ??= {});
  if (name === PCI64_KNOB) firmware.pci64Mb = value;
  else firmware.fwCfg = { ...firmware.fwCfg, [name]: value };
}

const HOST_BRIDGES: Readonly<Record<string, 'q35' | 'pc'>> = { 'q35-pcihost': 'q35', 'i440FX-pcihost': 'pc' };

/** `-global q35-pcihost.pci-hole64-size=…` (or i440FX-pcihost) into pciHole64Size; returns the other globals, unread. */
export function applyGlobals(vm: VmDraftFile, globals: QemuOptions['globals'], source: string, warn: Warn): string[] | InputError {
  const unread: string[] = [];
  for (const { driver, property, value } of globals) {
    const bridge = tableEntry(HOST_BRIDGES, driver);
    if (bridge !== undefined && property === 'pci-hole64-size') {
      const bytes = qemuBytes(value, 'B');
      if (bytes === null) return inputError(`${source}: -global ${driver}.${property}`, `${JSON.stringify(value)} is not a size`);
      if (vm.machine !== undefined && vm.machine !== bridge) {
        warn(`-global ${driver}.${property} applies to the ${bridge === 'q35' ? 'q35' : 'i440fx'} host bridge, which a ${vm.machine} machine does not have: ignored, as QEMU ignores it`);
      } else {
        vm.pciHole64Size = sizeString(bytes);
      }
    } else {
      unread.push(`-global ${driver}.${property}`);
    }
  }
  return unread;
}

/** The firmware images a VM is started with. */
export interface FirmwareImages {
  /** pflash unit 0, or the image given to -bios (`<loader type='rom'>`). */
  readonly code: string;
  readonly loader: 'pflash' | 'rom';
  /** the varstore template (`<nvram template=…>`), when the source names it */
  readonly vars?: string;
  /** the VM's own NVRAM file (pflash unit 1), when no template is named */
  readonly nvram?: string;
}

/** Into firmware.loader, code and vars; the edk2 release an image holds is each host's package, which no path tells. */
export function applyFirmwareImages(vm: VmDraftFile, images: FirmwareImages, warn: Warn): void {
  const firmware = (vm.firmware ??= {});
  firmware.loader = images.loader;
  firmware.code = images.code;
  if (images.vars !== undefined) firmware.vars = images.vars;
  else if (images.nvram !== undefined) warn(`the varstore is the VM's NVRAM file ${images.nvram}, whose template is not named here: firmware.vars is left out`);
  warn(`firmware ${images.code}: the edk2 release it holds is the host's package; plan assumes the newest modelled unless --firmware TAG|PRESET is given`);
}

/** The VM file's keys in the order docs/inputs.md documents them. */
const KEY_ORDER = ['name', 'description', 'machine', 'machineVersion', 'qemuVersion', 'qemuPackage', 'memory', 'maxmem', 'slots', 'maxRamBelow4g',
  'pciHole64Size', 'cxlWindows', 'cpu', 'firmware'] as const;
const CPU_ORDER = ['vendor', 'vendorPinned', 'longMode', 'physBits', 'hostPhysBits', 'hostPhysBitsLimit', 'guestPhysBits', 'pdpe1gb', 'la57'] as const;
const FIRMWARE_ORDER = ['edk2', 'build', 'fiveLevelPaging', 'pci64Mb', 'fwCfg', 'loader', 'code', 'vars', 'nvramSize'] as const;

export function orderedVm(vm: VmDraftFile): VmFile {
  const ordered: Record<string, unknown> = {};
  for (const key of KEY_ORDER) if (vm[key] !== undefined) ordered[key] = vm[key];
  if (vm.cpu) {
    const cpu: Record<string, unknown> = {};
    for (const key of CPU_ORDER) if (vm.cpu[key] !== undefined) cpu[key] = vm.cpu[key];
    ordered['cpu'] = cpu;
  }
  if (vm.firmware) {
    const firmware: Record<string, unknown> = {};
    for (const key of FIRMWARE_ORDER) if (vm.firmware[key] !== undefined) firmware[key] = vm.firmware[key];
    ordered['firmware'] = firmware;
  }
  return ordered as VmFile;
}
