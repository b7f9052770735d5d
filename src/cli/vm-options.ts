/** The VM options shared by every command that plans a VM, and their reading into a VmSpec. */
import type { Command } from 'commander';
import type { PhysBitsSetting, VmSpec } from '../core/spec.js';
import { EDK2_TAGS, NEWEST_EDK2, isEdk2Tag } from '../core/ovmf/releases.js';
import { type InputError, inputError, isInputError } from '../input/input-error.js';
import { type FirmwareFileFlags, type VmFlags, draftFromFlags } from '../input/vm-flags.js';
import { FLAG, type Sourced, type VmDraft, mergeDrafts } from '../input/vm-draft.js';
import { NEWEST_QEMU, type QemuVersion, formatVersion } from '../core/qemu/versions.js';
import { OLDEST_BINARY } from '../core/qemu/machine-types.js';
import { toSpec } from '../input/to-spec.js';
import { RANGES, rangeText } from '../input/field-ranges.js';
import { devicePresets, firmwarePresets, devicePresetNames, readVmPreset } from '../io/presets.js';
import type { ImportedVm } from '../input/importers/imported.js';
import { importedVmDraft } from './import-sources.js';
import { type Io, readUserFile } from './io.js';
import { INPUT_LIMITS } from '../input/input-limits.js';
import { collect } from './collect.js';


export function addVmOptions(command: Command): Command {
  return command
    .option('--vm <file>', 'VM spec JSON file ("-" for standard input); flags override its values')
    .option('--preset <name>', 'a VM preset (see `gpa-planner presets`); flags override its values')
    .option('--machine <type>', 'q35 or pc (i440fx); default q35')
    .option('--machine-version <X.Y>', 'versioned machine type, e.g. 7.2 for pc-q35-7.2; default: the QEMU version')
    .option('--qemu-version <X.Y>', `QEMU release, ${formatVersion(OLDEST_BINARY)} to ${formatVersion(NEWEST_QEMU)}; default ${formatVersion(NEWEST_QEMU)}`)
    .option('--qemu-package <name>', 'the QEMU package when it patches what the model computes: pve-qemu-kvm (Proxmox VE keeps machine types one minor release longer)')
    .option('--memory <size>', 'guest RAM (-m size): bytes, 4G, 59.5G, 0x100000000 or an expression such as "1T + 512G"')
    .option('--maxmem <size>', 'memory-hotplug maximum (-m maxmem)')
    .option('--slots <n>', `memory-hotplug slots (-m slots), ${rangeText(RANGES.slots)}`)
    .option('--max-ram-below-4g <size>', 'machine option max-ram-below-4g')
    .option('--pci-hole64-size <size>', 'host bridge pci-hole64-size; default 32G on q35, 2G on pc')
    .option('--cxl-window <size>', 'a CXL fixed memory window (repeatable, multiples of 256M)', collect)
    .option('--vendor <vendor>', 'vendor the guest sees: intel, amd or hygon (under KVM, the host\'s unless pinned); default intel')
    .option('--vendor-pinned', 'the CPU model pins --vendor (-cpu MODEL,vendor=..., libvirt <cpu><vendor>): the guest sees it on every host')
    .option('--no-vendor-pinned', 'the guest sees each host\'s vendor under KVM (default)')
    .option('--phys-bits <n>', `guest phys-bits, ${rangeText(RANGES.physBits)}; default 40`)
    .option('--guest-phys-bits <n>', `guest-phys-bits (QEMU 9.1+), ${RANGES.guestPhysBits.min} to phys-bits (or 0 for ${RANGES.guestPhysBits.unset.means})`)
    .option('--pdpe1gb', 'the vCPU has 1 GiB pages (default)')
    .option('--no-pdpe1gb', 'the vCPU lacks 1 GiB pages (e.g. TCG qemu64)')
    .option('--la57', 'the vCPU has 5-level paging')
    .option('--no-la57', 'the vCPU lacks 5-level paging (default)')
    .option('--x-vendor-cpuid-only-v2', 'QEMU 10.1+: -cpu x-vendor-cpuid-only-v2=on (default on pc-*-10.1 and later machine types)')
    .option('--no-x-vendor-cpuid-only-v2', 'QEMU 10.1+: -cpu x-vendor-cpuid-only-v2=off: an Intel vCPU keeps its vendor string in CPUID 0x80000000')
    .option('--long-mode', 'a 64-bit CPU model (default)')
    .option('--no-long-mode', 'a 32-bit CPU model (phys-bits 32, or 36 with PAE)')
    .option('--firmware <tag|preset>', `edk2 stable tag (${EDK2_TAGS[0]} to ${NEWEST_EDK2}; a newer tag is planned as ${NEWEST_EDK2} with a warning) or firmware preset (debian-12, ...); default ${NEWEST_EDK2}`)
    .option('--ovmf-build <build>', 'x64 (OvmfPkgX64), ia32x64 (OvmfPkgIa32X64) or ia32 (OvmfPkgIa32); default: the preset\'s, else x64')
    .option('--five-level-paging', 'the firmware was built with PcdUse5LevelPageTable=TRUE')
    .option('--pci64-mb <value>', 'raw string passed as fw_cfg opt/ovmf/X-PciMmio64Mb (MiB)')
    .option('--fw-cfg <name=value>', 'any fw_cfg file under opt/ as QEMU\'s -fw_cfg name=...,string=... (repeatable)', collect)
    .option('--ovmf-code <path>', 'the VM\'s CODE image (libvirt <loader>); pool check compares what it holds on each host')
    .option('--ovmf-vars <path>', 'the varstore template libvirt copies for a new or incoming VM (<nvram template=...>)')
    .option('--ovmf-loader <type>', 'pflash (-drive if=pflash, the default) or rom (-bios, libvirt type=\'rom\')')
    .option('--nvram-size <size>', 'the size of the VM\'s existing NVRAM file, when not a fresh copy of the template')
    .option('--device <spec>', 'a passed-through PCI device (repeatable): PRESET[,count=N][,attach=root-port|root-bus][,hotplug=on|off][,pref64-reserve=SIZE], or name=NAME,barN=SIZE[/64][/pref]...', collect)
    .option('--empty-root-ports <n>', `empty hot-plug pcie-root-ports after the devices (libvirt adds spares), ${rangeText(RANGES.emptyRootPorts)}; default 0`);
}

export interface VmOptions extends VmFlags, FirmwareFileFlags {
  vm?: string;
  preset?: string;
  vmXml?: string;
  qemuCmdline?: string;
}

/** A VM as read, with what its source adds to the spec. */
export interface VmSource {
  readonly vm: VmSpec;
  /** The VM file's own phys-bits setting (cpu.hostPhysBits) and where it was written; null = its fixed cpu.physBits. */
  readonly setting: Sourced<PhysBitsSetting> | null;
  /** What --vm-xml or --qemu-cmdline read, with its warnings; null for the other sources. */
  readonly imported: ImportedVm | null;
}

/**
 * Flags over a file or preset, defaults, QEMU's option checks: the VM to plan, or the first mistake.
 * @param machineVersion the machine type to assume when the VM names none (a pool's oldest QEMU)
 */
export async function readVm(options: VmOptions, io: Io, machineVersion?: QemuVersion): Promise<VmSpec | InputError> {
  const read = await readVmSource(options, io, machineVersion);
  return isInputError(read) ? read : read.vm;
}

/** readVm, and what the VM's source says beyond the spec: its own phys-bits setting, and the import it came from. */
export async function readVmSource(options: VmOptions, io: Io, machineVersion?: QemuVersion): Promise<VmSource | InputError> {
  const flags = await draftFromFlags(options);
  if (isInputError(flags)) return flags;
  const file = options.vmXml !== undefined || options.qemuCmdline !== undefined ? await importedVmDraft(options, io) : { draft: await fileDraft(options, io), imported: null };
  if (isInputError(file)) return file;
  if (isInputError(file.draft)) return file.draft;
  const draft = mergeDrafts(machineVersion ? { machineVersion: { value: machineVersion, label: FLAG.machineVersion } } : {}, file.draft, flags);
  const wanted = draft.firmware?.value;
  const presets = wanted !== undefined && !isEdk2Tag(wanted) ? await firmwarePresets([wanted]) : [];
  if (isInputError(presets)) return presets;
  const named = devicePresetNames(draft);
  const devices = named.length > 0 ? await devicePresets(named) : [];
  if (isInputError(devices)) return devices;
  const vm = toSpec(draft, presets, devices);
  if (isInputError(vm)) return vm;
  const setting: Sourced<PhysBitsSetting> | null = draft.hostPhysBits
    ? { value: { kind: 'host', limit: draft.hostPhysBits.value.limit }, label: draft.hostPhysBits.label }
    : null;
  return { vm, setting, imported: file.imported };
}

async function fileDraft(options: VmOptions, io: Io): Promise<VmDraft | InputError> {
  if (options.vm !== undefined && options.preset !== undefined) return inputError('--vm', 'give either --vm FILE or --preset NAME, not both');
  if (options.preset === undefined && options.vm === undefined) return {};
  const file = options.preset !== undefined ? await readVmPreset(options.preset) : await readUserFile(io, options.vm!, '--vm', INPUT_LIMITS.vmFile);
  if (isInputError(file)) return file;
  const { vmDraftFromJson } = await import('../input/vm-file.js');
  return vmDraftFromJson(file.text, file.source);
}
