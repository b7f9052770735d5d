/**
 * libvirt domain XML (`virsh dumpxml`) → the VM file (qemu.md §9): memory (`<memory>` minus memory devices, or the NUMA
 * total; `<maxMemory slots=…>`), the machine type, `<cpu>` with `<maxphysaddr>` resolved to what QEMU does, `pcihole64`
 * on the root controller, fw_cfg files from `<qemu:commandline>` and `<sysinfo type='fwcfg'>`. Everything else present
 * is named in a warning.
 */
import { type InputError, inputError, isInputError } from '../input-error.js';
import { type XmlElement, child, childrenNamed, parseLibvirtXml } from './xml.js';
import { libvirtVendor } from './host-entry.js';
import { libvirtBytes } from './foreign-sizes.js';
import { oneLineWarnings, type ImportedCpu, type ImportedVm, countedList, releaseOf, sizeString } from './imported.js';
import { type CpuRequest, resolveCpuRequest } from './cpu-request.js';
import { readQemuOptions } from './qemu-options.js';
import { passthroughWarning } from './qemu-argv.js';
import { type VmDraftFile, applyFirmwareImages, applyFwCfg, applyGlobals, applyMachine, orderedVm, putFwCfg } from './vm-builder.js';

export const QEMU_NAMESPACE = 'http://libvirt.org/schemas/domain/qemu/1.0';

type Warn = (line: string) => void;

/** Identity and bookkeeping, not configuration: not worth a warning. */
const SILENT = new Set(['uuid', 'title', 'metadata', 'genid']);

export function importLibvirtDomain(text: string, source = 'domain XML'): ImportedVm | InputError {
  const root = parseLibvirtXml(text, source, 'domain', 'virsh dumpxml');
  if (isInputError(root)) return root;
  const warnings: string[] = [];
  const warn: Warn = (line) => warnings.push(line);
  const unread: string[] = [];
  const at = (where: string) => `${source}: ${where}`;

  const type = root.attrs['type'];
  if (type !== 'kvm' && type !== 'qemu') return inputError(at('<domain type>'), `${JSON.stringify(type ?? '')} is not a QEMU domain (kvm or qemu)`);
  if (type === 'qemu') warn('<domain type=\'qemu\'> runs under TCG, where host-phys-bits is ignored and the vendor is the model\'s; the planner models KVM');

  // libvirt's schema allows each of these once; a second one would be dropped silently by child() (issue 21).
  const repeated = repeatedChild(root, 'domain', ['name', 'memory', 'currentMemory', 'maxMemory', 'os', 'cpu', 'devices'])
    ?? repeatedChild(child(root, 'cpu'), 'cpu', ['model', 'vendor', 'maxphysaddr', 'numa'])
    ?? repeatedChild(child(root, 'os'), 'os', ['type', 'loader', 'nvram']);
  if (repeated) return inputError(at(repeated), 'appears more than once; libvirt allows one');

  const vm: VmDraftFile = {};
  const name = child(root, 'name')?.text;
  if (name) vm.name = name;
  const description = child(root, 'description')?.text;
  if (description) vm.description = description;

  const devices = child(root, 'devices');
  const emulator = child(devices, 'emulator')?.text ?? null;
  const qemuVersion = emulator === null ? null : releaseOf(emulator.split('/').at(-1)!) ?? releaseOf(emulator);
  const os = child(root, 'os');
  const osType = child(os, 'type');
  if (osType?.attrs['arch'] !== undefined && osType.attrs['arch'] !== 'x86_64') {
    return inputError(at('<os><type arch>'), `${JSON.stringify(osType.attrs['arch'])} is not modelled (x86_64)`);
  }
  const machine = osType?.attrs['machine'];
  if (machine === undefined) return inputError(at('<os><type machine>'), 'missing: the machine type (virsh dumpxml always writes it)');
  const machineError = applyMachine(vm, machine, qemuVersion, '<os><type machine>', source, warn);
  if (machineError) return machineError;
  if (qemuVersion !== null) vm.qemuVersion = qemuVersion;

  const memoryError = applyMemory(vm, root, source, warn);
  if (memoryError) return memoryError;
  const hole = pciHole64(root, source);
  if (isInputError(hole)) return hole;
  if (hole !== null) vm.pciHole64Size = hole;

  const cpu = cpuRequest(child(root, 'cpu'), source, warn);
  if (isInputError(cpu)) return cpu;
  vm.cpu = resolveCpuRequest(cpu.request, { qemu: qemuVersion, machine: vm.machineVersion ?? null }, warn);

  firmware(vm, os, warn);
  const extraError = qemuCommandline(vm, root, source, warn);
  if (extraError) return extraError;
  sysinfoFwCfg(vm, root, warn, unread);

  for (const element of root.children) {
    if (['name', 'description', 'memory', 'currentMemory', 'maxMemory', 'os', 'cpu', 'devices', 'sysinfo'].includes(element.name)) continue;
    if (SILENT.has(element.name) || element.name.endsWith(':commandline')) continue;
    if (element.name === 'launchSecurity') warn(`<launchSecurity type='${element.attrs['type'] ?? ''}'> (SEV/TDX) is not modelled`);
    else unread.push(element.name);
  }
  unread.push(...unreadChildren(os, 'os', ['type', 'loader', 'nvram']));
  unread.push(...unreadChildren(child(root, 'cpu'), 'cpu', ['model', 'vendor', 'maxphysaddr', 'numa'], (e) => e.name === 'feature' && ['pdpe1gb', 'la57'].includes(e.attrs['name'] ?? '')));
  unread.push(...deviceWarnings(devices, warn));
  if (unread.length > 0) warn(`not modelled: ${countedList(unread)}`);
  return { vm: orderedVm(vm), warnings: oneLineWarnings(warnings), cpu: cpu.imported, libvirtVersion: null };
}

function applyMemory(vm: VmDraftFile, root: XmlElement, source: string, warn: Warn): InputError | null {
  const sizeOf = (element: XmlElement | undefined, where: string) =>
    element === undefined ? null : libvirtBytes(element.text, element.attrs['unit'], `${source}: ${where}`);
  const total = sizeOf(child(root, 'memory'), '<memory>');
  if (total === null) return inputError(`${source}: <memory>`, 'missing: the guest\'s memory size');
  if (isInputError(total)) return total;

  const cells = childrenNamed(child(child(root, 'cpu'), 'numa'), 'cell');
  let numaTotal = 0n;
  for (const [index, cell] of cells.entries()) {
    const size = libvirtBytes(cell.attrs['memory'] ?? '', cell.attrs['unit'], `${source}: <numa><cell> ${index} memory`);
    if (isInputError(size)) return size;
    numaTotal += size;
  }
  let devicesTotal = 0n;
  for (const [index, device] of childrenNamed(child(root, 'devices'), 'memory').entries()) {
    const model = device.attrs['model'] ?? '';
    const size = sizeOf(child(child(device, 'target'), 'size'), `<memory model='${model}'> ${index} <target><size>`);
    if (isInputError(size)) return size;
    if (model === 'sgx-epc') warn('SGX EPC (<memory model=\'sgx-epc\'>) is not modelled: it sits above RAM and moves the hotplug area and the 64-bit hole up');
    else devicesTotal += size ?? 0n;
  }
  // -m size is the NUMA total when cells are defined, else <memory> minus the memory devices (qemu.md §9.1).
  const initial = cells.length > 0 ? numaTotal : total - devicesTotal;
  if (initial <= 0n) return inputError(`${source}: <memory>`, `${total} bytes leave no initial memory after the memory devices (${devicesTotal} bytes)`);
  vm.memory = sizeString(initial);

  const current = sizeOf(child(root, 'currentMemory'), '<currentMemory>');
  if (isInputError(current)) return current;
  if (current !== null && current !== total) warn(`<currentMemory> ${sizeString(current)} is the balloon's target; the layout follows <memory>`);

  const maxMemory = child(root, 'maxMemory');
  if (maxMemory !== undefined) {
    const maxmem = sizeOf(maxMemory, '<maxMemory>');
    if (isInputError(maxmem)) return maxmem;
    vm.maxmem = sizeString(maxmem!);
    const slots = maxMemory.attrs['slots'];
    if (slots !== undefined) {
      if (!/^\d+$/.test(slots)) return inputError(`${source}: <maxMemory slots>`, `${JSON.stringify(slots)} is not a whole number`);
      vm.slots = Number(slots);
    }
  }
  return null;
}

/** `<controller type='pci' index='0' model='pcie-root|pci-root'><pcihole64 unit='KiB'>N</pcihole64>` (qemu.md §9.5). */
function pciHole64(root: XmlElement, source: string): string | null | InputError {
  const controller = childrenNamed(child(root, 'devices'), 'controller')
    .find((c) => c.attrs['type'] === 'pci' && c.attrs['index'] === '0' && ['pcie-root', 'pci-root'].includes(c.attrs['model'] ?? ''));
  const hole = child(controller, 'pcihole64');
  if (hole === undefined) return null;
  const bytes = libvirtBytes(hole.text, hole.attrs['unit'], `${source}: <pcihole64>`);
  return isInputError(bytes) ? bytes : sizeString(bytes);
}

/** The `<cpu>` element as a request, and what `--emit` needs to know of it. */
function cpuRequest(cpu: XmlElement | undefined, source: string, warn: Warn): { request: CpuRequest; imported: ImportedCpu } | InputError {
  const modelText = child(cpu, 'model')?.text || null;
  const mode = cpu?.attrs['mode'] ?? (modelText ? 'custom' : null);
  if (mode !== null && !['host-passthrough', 'maximum', 'host-model', 'custom'].includes(mode)) {
    return inputError(`${source}: <cpu mode>`, `${JSON.stringify(mode)} is not host-passthrough, maximum, host-model or custom`);
  }
  const libvirtMode = mode as ImportedCpu['libvirtMode'];
  const model = mode === 'host-passthrough' ? 'host' : mode === 'maximum' ? 'max' : modelText;
  const features = new Map<string, boolean>();
  for (const feature of childrenNamed(cpu, 'feature')) {
    const name = feature.attrs['name'];
    if (name === 'pdpe1gb' || name === 'la57') features.set(name, !['disable', 'forbid'].includes(feature.attrs['policy'] ?? 'require'));
  }
  const request: { -readonly [K in keyof CpuRequest]: CpuRequest[K] } = {
    model,
    hostFeatures: mode === 'host-passthrough' || mode === 'maximum' || mode === 'host-model',
    described: mode === null ? 'no <cpu> model (QEMU\'s qemu64)' : `<cpu mode='${mode}'>`,
    features,
  };
  const vendorText = mode === 'custom' ? child(cpu, 'vendor')?.text ?? child(cpu, 'model')?.attrs['vendor_id'] : undefined;
  if (vendorText !== undefined) {
    const vendor = libvirtVendor(vendorText, `${source}: <cpu><vendor>`);
    if (isInputError(vendor)) return vendor;
    request.vendor = vendor;
  }
  const max = child(cpu, 'maxphysaddr');
  if (max !== undefined) {
    const error = maxPhysAddr(max, request, source);
    if (error) return error;
  } else if (mode === 'host-model') {
    warn('<cpu mode=\'host-model\'> without <maxphysaddr>: modelled as QEMU\'s default phys-bits 40; libvirt 9.5 and later may copy the host\'s '
      + '<maxphysaddr mode=\'passthrough\' limit=\'N\'/> from domain capabilities when the VM starts (check the running VM\'s XML)');
  }
  return { request, imported: { model, libvirtMode } };
}

/** `<maxphysaddr mode='passthrough' [limit='N']/>` → host-phys-bits=on[,host-phys-bits-limit=N]; `emulate bits='N'` → phys-bits=N. */
function maxPhysAddr(element: XmlElement, request: { -readonly [K in keyof CpuRequest]: CpuRequest[K] }, source: string): InputError | null {
  const at = `${source}: <maxphysaddr>`;
  const number = (name: 'bits' | 'limit') => {
    const raw = element.attrs[name];
    if (raw === undefined) return undefined;
    return /^\d+$/.test(raw) ? Number(raw) : inputError(`${at} ${name}`, `${JSON.stringify(raw)} is not a whole number`);
  };
  const bits = number('bits');
  const limit = number('limit');
  if (isInputError(bits)) return bits;
  if (isInputError(limit)) return limit;
  const mode = element.attrs['mode'];
  if (mode === 'passthrough') {
    // libvirt's own validation (qemuValidateDomainDefCpu).
    if (bits !== undefined) return inputError(at, 'CPU maximum physical address bits number specification cannot be used with mode=\'passthrough\'');
    request.hostPhysBits = true;
    if (limit !== undefined) request.hostPhysBitsLimit = { value: limit, written: `<maxphysaddr mode='passthrough' limit='${limit}'/>` };
  } else if (mode === 'emulate') {
    if (limit !== undefined) return inputError(at, 'limit applies only to mode=\'passthrough\'');
    // With bits, libvirt writes phys-bits=N only (no host-phys-bits=off); without, host-phys-bits=off.
    if (bits !== undefined) request.physBits = { value: bits, written: `<maxphysaddr mode='emulate' bits='${bits}'/>` };
    else request.hostPhysBits = false;
  } else {
    return inputError(`${at} mode`, `${JSON.stringify(mode ?? '')} is not passthrough or emulate`);
  }
  return null;
}

/** `<loader>`/`<nvram>` (the images), `firmware='efi'` (libvirt picks them), or neither (SeaBIOS). */
function firmware(vm: VmDraftFile, os: XmlElement | undefined, warn: Warn): void {
  const loader = child(os, 'loader');
  const nvram = child(os, 'nvram');
  if (loader?.text) {
    const template = nvram?.attrs['template'];
    const file = nvram?.text || undefined;
    applyFirmwareImages(vm, {
      loader: loader.attrs['type'] === 'rom' ? 'rom' : 'pflash',
      code: loader.text,
      ...(template !== undefined ? { vars: template } : file !== undefined ? { nvram: file } : {}),
    }, warn);
  } else if (os?.attrs['firmware'] === 'efi') {
    warn('<os firmware=\'efi\'>: libvirt picks the OVMF images from the host\'s firmware descriptors, so they are each host\'s');
  } else {
    warn('no <loader> and no firmware=\'efi\': the VM boots SeaBIOS, so the OVMF half of the plan does not apply');
  }
}

/** `<qemu:commandline>`: -fw_cfg and host-bridge -global as on a command line; anything else is warned. */
function qemuCommandline(vm: VmDraftFile, root: XmlElement, source: string, warn: Warn): InputError | null {
  const prefix = Object.entries(root.attrs).find(([key, value]) => key.startsWith('xmlns:') && value === QEMU_NAMESPACE)?.[0].slice('xmlns:'.length);
  const commandline = prefix === undefined ? undefined : child(root, `${prefix}:commandline`);
  if (commandline === undefined) return null;
  const args = childrenNamed(commandline, `${prefix}:arg`).map((arg) => arg.attrs['value'] ?? '');
  const options = readQemuOptions(args, `${source}: <${prefix}:commandline>`);
  if (isInputError(options)) return options;
  applyFwCfg(vm, options.fwCfg, warn);
  const unreadGlobals = applyGlobals(vm, options.globals, `${source}: <${prefix}:commandline>`, warn);
  if (isInputError(unreadGlobals)) return unreadGlobals;
  const extra = [
    ...unreadGlobals,
    ...(options.machineType !== null || Object.keys(options.machineProps).length > 0 ? ['-machine'] : []),
    ...(options.memory ? ['-m'] : []),
    ...(options.cpu ? ['-cpu'] : []),
    ...options.devices.map((d) => `-device ${String(d['driver'] ?? '')}`),
    ...options.other,
  ];
  if (extra.length > 0) warn(`<${prefix}:commandline> passes ${countedList(extra)}, not modelled`);
  if (childrenNamed(commandline, `${prefix}:env`).length > 0) warn(`<${prefix}:env> is not modelled`);
  return null;
}

/** `<sysinfo type='fwcfg'><entry name='opt/…'>value</entry>` (libvirt 6.5+: -fw_cfg name=…,string=…). */
function sysinfoFwCfg(vm: VmDraftFile, root: XmlElement, warn: Warn, unread: string[]): void {
  for (const sysinfo of childrenNamed(root, 'sysinfo')) {
    if (sysinfo.attrs['type'] !== 'fwcfg') {
      unread.push(`sysinfo type='${sysinfo.attrs['type'] ?? ''}'`);
      continue;
    }
    for (const entry of childrenNamed(sysinfo, 'entry')) {
      const name = entry.attrs['name'] ?? '';
      if (entry.attrs['file'] !== undefined) warn(`fw_cfg ${name} comes from file ${entry.attrs['file']}, whose content is not read: not modelled`);
      else putFwCfg(vm, name, entry.text, warn);
    }
  }
}

/** Passed-through PCI devices, ivshmem, a vIOMMU get a warning each; the other devices are returned for the summary. */
function deviceWarnings(devices: XmlElement | undefined, warn: Warn): string[] {
  const unread: string[] = [];
  for (const device of devices?.children ?? []) {
    if (device.name === 'emulator' || device.name === 'memory') continue;
    if (device.name === 'hostdev' && device.attrs['type'] === 'pci') {
      const address = child(child(device, 'source'), 'address')?.attrs ?? {};
      const hex = (value: string | undefined, width: number) => (value ?? '0').replace(/^0x/, '').padStart(width, '0');
      warn(passthroughWarning(`<hostdev> ${hex(address['domain'], 4)}:${hex(address['bus'], 2)}:${hex(address['slot'], 2)}.${hex(address['function'], 1)}`));
    } else if (device.name === 'shmem') {
      warn(`<shmem name='${device.attrs['name'] ?? ''}'> (ivshmem): its shared-memory BAR is not modelled; it must fit OVMF's 64-bit aperture`);
    } else if (device.name === 'iommu') {
      warn(`<iommu model='${device.attrs['model'] ?? ''}'>: the vIOMMU's address width is not modelled`);
    } else {
      unread.push(`devices/${device.name}`);
    }
  }
  return unread;
}

function unreadChildren(element: XmlElement | undefined, path: string, read: readonly string[], alsoRead: (e: XmlElement) => boolean = () => false): string[] {
  return (element?.children ?? []).filter((e) => !read.includes(e.name) && !alsoRead(e)).map((e) => `${path}/${e.name}`);
}

/** `<cpu><maxphysaddr>` when `<cpu>` holds two of them: the first of `names` that `element` holds more than once. */
function repeatedChild(element: XmlElement | undefined, parent: string, names: readonly string[]): string | null {
  const twice = names.find((name) => childrenNamed(element, name).length > 1);
  return twice === undefined ? null : parent === 'domain' ? `<${twice}>` : `<${parent}><${twice}>`;
}
