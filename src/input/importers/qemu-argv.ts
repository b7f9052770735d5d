/**
 * A QEMU command line → the VM file: `-machine`, `-m size=,slots=,maxmem=`, `-cpu model,phys-bits=,host-phys-bits=,
 * host-phys-bits-limit=,guest-phys-bits=,vendor=,±pdpe1gb,la57`, `-global …pcihost.pci-hole64-size=`, `-fw_cfg
 * name=…,string=…`, the pflash drives; warnings for the rest (qemu.md §4.1, §5, §7, §9.5).
 */
import { type InputError, inputError, isInputError } from '../input-error.js';
import type { CpuVendor } from '../../core/spec.js';
import { qemuBytes } from './foreign-sizes.js';
import { oneLineWarnings, type ImportedVm, countedList, releaseOf, sizeString } from './imported.js';
import { type CpuRequest, resolveCpuRequest } from './cpu-request.js';
import { type KeyVal, type QemuOptions, qemuBool, readQemuOptions } from './qemu-options.js';
import { type CommandLine, commandLineFromText, commandLineFromWords } from './shell-words.js';
import { type VmDraftFile, applyFirmwareImages, applyFwCfg, applyGlobals, applyMachine, orderedVm } from './vm-builder.js';
import { tableEntry } from '../table-entry.js';

const VENDORS: Readonly<Record<string, CpuVendor>> = { GenuineIntel: 'intel', AuthenticAMD: 'amd', HygonGenuine: 'hygon' };
/** -machine properties read here (type and accel are taken apart by the option reader). */
const MACHINE_PROPS_READ = new Set(['max-ram-below-4g', 'pflash0', 'pflash1']);

/** `input`: the command line as text (any of the forms shell-words.ts reads) or as argv, program first. */
export function importQemuArgv(input: string | readonly string[], source = 'command line'): ImportedVm | InputError {
  const command = typeof input === 'string' ? commandLineFromText(input, source) : commandLineFromWords(input);
  if (isInputError(command)) return command;
  // Nothing at all is not QEMU's defaults: `import vm` refuses it, and so does --qemu-cmdline (issue 21).
  if (command.program === null && command.args.length === 0) return inputError(source, 'is empty: no QEMU command line to read');
  const programError = checkProgram(command, source);
  if (programError) return programError;
  const options = readQemuOptions(command.args, source);
  if (isInputError(options)) return options;

  const warnings: string[] = [];
  const warn = (line: string) => warnings.push(line);
  const qemuVersion = command.qemuVersion ?? (command.program ? releaseOf(command.program) : null);
  const vm: VmDraftFile = {};
  if (options.name !== null) vm.name = options.name;

  // QEMU's default machine for qemu-system-x86_64 is the `pc` alias.
  const machineError = applyMachine(vm, options.machineType ?? 'pc', qemuVersion, '-machine', source, warn);
  if (machineError) return machineError;
  if (qemuVersion !== null) vm.qemuVersion = qemuVersion;

  const memoryError = applyMemory(vm, options, source, warn);
  if (memoryError) return memoryError;
  const unreadGlobals = applyGlobals(vm, options.globals, source, warn);
  if (isInputError(unreadGlobals)) return unreadGlobals;

  const cpu = cpuRequest(options.cpu, source);
  if (isInputError(cpu)) return cpu;
  vm.cpu = resolveCpuRequest(cpu, { qemu: qemuVersion, machine: vm.machineVersion ?? null }, warn);
  const unreadCpu = (options.cpu?.props ?? []).filter(([name]) => !CPU_PROPS_READ.has(name)).map(([name]) => name);

  applyFwCfg(vm, options.fwCfg, warn);
  applyFirmware(vm, options, warn);
  acceleratorWarning(options.accel, warn);
  const unreadDevices = deviceWarnings(options, warn);
  const unreadMachine = Object.keys(options.machineProps).filter((key) => !MACHINE_PROPS_READ.has(key));
  const unreadOptions = countedList([...options.other, ...unreadGlobals, ...unreadDevices]);
  const unread = [
    ...(unreadMachine.length ? [`-machine ${unreadMachine.join(', ')}`] : []),
    ...(unreadCpu.length ? [`-cpu ${unreadCpu.length > 6 ? `${unreadCpu.slice(0, 6).join(', ')} and ${unreadCpu.length - 6} more` : unreadCpu.join(', ')}`] : []),
    ...(unreadOptions ? [unreadOptions] : []),
  ];
  if (unread.length > 0) warn(`not modelled: ${unread.join('; ')}`);
  return {
    vm: orderedVm(vm),
    warnings: oneLineWarnings(warnings),
    cpu: { model: options.cpu?.model ?? null, libvirtMode: null },
    libvirtVersion: command.libvirtVersion,
  };
}

function checkProgram(command: CommandLine, source: string): InputError | null {
  if (command.program === null) return null;
  const program = command.program.split('/').at(-1)!;
  if (/qemu-system-i386/.test(program)) return inputError(source, 'qemu-system-i386 is not modelled (its phys-bits limit is 36): use qemu-system-x86_64');
  if (!/qemu|kvm/.test(program)) {
    // A program path is named; anything else is file content, which errors do not quote (issue 21).
    const named = /^[\w./+-]{1,80}$/.test(command.program!) ? ` (the program is ${JSON.stringify(command.program)})` : ' (its first word is not a program name)';
    return inputError(source, `does not look like a QEMU command line${named}`);
  }
  return null;
}

function applyMemory(vm: VmDraftFile, options: QemuOptions, source: string, warn: (line: string) => void): InputError | null {
  const memory: KeyVal = options.memory ?? {};
  if (memory['size'] === undefined) {
    warn('no -m size: QEMU\'s default of 128 MiB is used');
    vm.memory = '128M';
  } else {
    const size = qemuBytes(memory['size'], 'M');
    if (size === null) return inputError(`${source}: -m size`, `${JSON.stringify(memory['size'])} is not a size`);
    vm.memory = sizeString(size);
  }
  if (memory['maxmem'] !== undefined) {
    const maxmem = qemuBytes(memory['maxmem'], 'B');
    if (maxmem === null) return inputError(`${source}: -m maxmem`, `${JSON.stringify(memory['maxmem'])} is not a size`);
    vm.maxmem = sizeString(maxmem);
  }
  if (memory['slots'] !== undefined) {
    if (!/^\d+$/.test(memory['slots'])) return inputError(`${source}: -m slots`, `${JSON.stringify(memory['slots'])} is not a whole number`);
    vm.slots = Number(memory['slots']);
  }
  const below = options.machineProps['max-ram-below-4g'];
  if (below !== undefined) {
    const bytes = qemuBytes(below, 'B');
    if (bytes === null) return inputError(`${source}: -machine max-ram-below-4g`, `${JSON.stringify(below)} is not a size`);
    vm.maxRamBelow4g = sizeString(bytes);
  }
  const cxl = Object.keys(options.machineProps).filter((key) => key.startsWith('cxl-fmw'));
  if (cxl.length > 0) warn(`CXL fixed memory windows (-machine ${cxl.join(', ')}) are not read: give their sizes as cxlWindows`);
  return null;
}

const CPU_PROPS_READ = new Set(['phys-bits', 'host-phys-bits', 'host-phys-bits-limit', 'guest-phys-bits', 'vendor', 'pdpe1gb', 'la57', 'x-vendor-cpuid-only-v2']);

function cpuRequest(cpu: QemuOptions['cpu'], source: string): CpuRequest | InputError {
  const model = cpu?.model ?? null;
  const features = new Map<string, boolean>();
  const request: { -readonly [K in keyof CpuRequest]: CpuRequest[K] } = {
    model, hostFeatures: model === 'host' || model === 'max', described: `-cpu ${model ?? 'qemu64'}`, features,
  };
  for (const [name, value] of cpu?.props ?? []) {
    const at = `${source}: -cpu ${name}`;
    const number = () => (/^\d+$/.test(value) ? Number(value) : null);
    const bool = () => qemuBool(value);
    if (name === 'phys-bits' || name === 'host-phys-bits-limit' || name === 'guest-phys-bits') {
      const n = number();
      if (n === null) return inputError(at, `${JSON.stringify(value)} is not a whole number`);
      if (name === 'phys-bits') {
        // phys-bits=0 is QEMU's "not set" (qemu.md §7.1).
        if (n !== 0) request.physBits = { value: n, written: `phys-bits=${n}` };
      } else if (name === 'host-phys-bits-limit') request.hostPhysBitsLimit = { value: n, written: `host-phys-bits-limit=${n}` };
      else request.guestPhysBits = n;
    } else if (name === 'host-phys-bits' || name === 'pdpe1gb' || name === 'la57' || name === 'x-vendor-cpuid-only-v2') {
      const b = bool();
      if (b === null) return inputError(at, `${JSON.stringify(value)} is not on or off`);
      if (name === 'host-phys-bits') request.hostPhysBits = b;
      else if (name === 'x-vendor-cpuid-only-v2') request.vendorCpuidOnlyV2 = b;
      else features.set(name, b);
    } else if (name === 'vendor') {
      const vendor = tableEntry(VENDORS, value);
      if (!vendor) return inputError(at, `${JSON.stringify(value)} is not GenuineIntel, AuthenticAMD or HygonGenuine`);
      request.vendor = vendor;
    }
  }
  return request;
}

/** pflash from `-drive if=pflash` or `-machine pflash0=NODE` through -blockdev; `-bios`; or SeaBIOS. */
function applyFirmware(vm: VmDraftFile, options: QemuOptions, warn: (line: string) => void): void {
  const pflash = options.drives.filter((d) => d['if'] === 'pflash').map((d) => d['file']);
  const code = options.machineProps['pflash0'] !== undefined ? blockdevFile(options, options.machineProps['pflash0']) : pflash[0];
  const nvram = options.machineProps['pflash1'] !== undefined ? blockdevFile(options, options.machineProps['pflash1']) : pflash[1];
  if (code !== undefined) {
    applyFirmwareImages(vm, { loader: 'pflash', code, ...(nvram !== undefined ? { nvram } : {}) }, warn);
  } else if (options.bios !== null && /ovmf|edk2/i.test(options.bios)) {
    applyFirmwareImages(vm, { loader: 'rom', code: options.bios }, warn);
  } else if (options.bios !== null) {
    warn(`-bios ${options.bios} is not OVMF: the OVMF half of the plan does not apply to it`);
  } else {
    warn('no pflash firmware and no -bios: QEMU boots SeaBIOS, so the OVMF half of the plan does not apply');
  }
}

/** The file behind a block node: format nodes name their protocol node in `file`. */
function blockdevFile(options: QemuOptions, nodeName: string, depth = 0): string | undefined {
  const node = options.blockdevs.find((b) => b['node-name'] === nodeName);
  if (!node || depth > 4) return undefined;
  if (typeof node['filename'] === 'string') return node['filename'];
  const file = node['file'];
  if (typeof file === 'string') return blockdevFile(options, file, depth + 1);
  if (typeof file === 'object' && file !== null && typeof (file as Record<string, unknown>)['filename'] === 'string') return (file as Record<string, string>)['filename'];
  return undefined;
}

function acceleratorWarning(accel: readonly string[], warn: (line: string) => void): void {
  if (accel.includes('kvm')) return;
  warn(accel.length === 0
    ? 'no accelerator given (-accel, -enable-kvm): QEMU defaults to TCG, where host-phys-bits is ignored and the vendor is the model\'s; the planner models KVM'
    : `accelerator ${accel.join(':')}: the planner models KVM (under TCG host-phys-bits is ignored and the vendor is the model's)`);
}

/**
 * Devices whose address use the model does not see (passed-through PCI devices, ivshmem, CXL, SGX, a vIOMMU) each get a
 * warning; the other devices, drives, block nodes and objects are returned for the summary.
 */
function deviceWarnings(options: QemuOptions, warn: (line: string) => void): string[] {
  const others: string[] = [];
  for (const device of options.devices) {
    const driver = String(device['driver'] ?? '');
    if (driver === 'vfio-pci') warn(passthroughWarning(`vfio-pci host=${String(device['host'] ?? device['sysfsdev'] ?? '?')}`));
    else if (driver.startsWith('ivshmem')) warn(`${driver} device: its shared-memory BAR is not modelled; it must fit OVMF's 64-bit aperture`);
    else if (driver.startsWith('cxl') || driver === 'pxb-cxl') warn(`${driver} device: CXL windows are modelled only as cxlWindows sizes`);
    else if (driver === 'intel-iommu' || driver === 'amd-iommu' || driver === 'virtio-iommu-pci') warn(`${driver}: the vIOMMU's address width is not modelled`);
    else others.push(driver ? `-device ${driver}` : '-device');
  }
  for (const object of options.objects) {
    if (object['qom-type'] === 'memory-backend-epc') warn('SGX EPC (memory-backend-epc) is not modelled: it sits above RAM and moves the hotplug area and the 64-bit hole up');
    else others.push('-object');
  }
  for (const drive of options.drives) if (drive['if'] !== 'pflash') others.push('-drive');
  // libvirt names the pflash nodes libvirt-pflash0-storage, libvirt-pflash0-format, …
  for (const node of options.blockdevs) if (!String(node['node-name'] ?? '').includes('pflash')) others.push('-blockdev');
  return others;
}

export function passthroughWarning(what: string): string {
  return `PCI device passed through (${what}): its BAR sizes are not modelled; its 64-bit BARs must fit OVMF's 64-bit aperture (see ovmf.pci64 in the plan)`;
}
