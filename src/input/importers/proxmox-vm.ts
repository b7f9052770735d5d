/**
 * A Proxmox VE VM config → the VM file. The config becomes the QEMU arguments qemu-server's config_to_command builds
 * for what the model reads (`-machine`, `-m`, `-cpu`, the OVMF CODE image), then the config's `args:` words, which
 * config_to_command appends last; the QEMU command-line importer reads the lot. `hostpciN` devices become devices
 * where a device preset is named for their key, else a warning each.
 * @see proxmox/qemu-server src/PVE/QemuServer.pm config_to_command; QemuServer/Machine.pm get_vm_machine;
 *   QemuServer/Memory.pm config, get_max_mem; QemuServer/OVMF.pm get_ovmf_files; QemuServer/PCI.pm
 *   print_hostpci_devices, parse_hostpci
 */
import { type InputError, inputError, isInputError } from '../input-error.js';
import type { VmFile } from '../schema.js';
import { type ImportedVm, countedList, oneLineWarnings } from './imported.js';
import { importQemuArgv, passthroughWarning } from './qemu-argv.js';
import { shellWords } from './shell-words.js';
import { type ProxmoxConfig, hasOtherSections, propertyString, proxmoxBoolean, readProxmoxConfig } from './proxmox-config.js';
import { CPU_32BIT, type ProxmoxCpu, proxmoxCpu } from './proxmox-cpu.js';
import { orderedVm } from './vm-builder.js';

export interface ProxmoxImportOptions {
  /**
   * The physical address bits of the node that starts the VM (its /proc/cpuinfo "address sizes"): Memory.pm sizes
   * maxmem from them for memory hotplug unless `phys-bits` is a number.
   */
  readonly nodePhysBits?: number;
  /** Device presets for passed-through devices, by config key (`hostpci0` → `nvidia-l40s`). */
  readonly hostpciPresets?: ReadonlyMap<string, string>;
}

type Warn = (line: string) => void;

/** Keys whose value shapes the address map or the firmware; every other key is listed as not modelled. */
const READ_KEYS = new Set(['name', 'machine', 'memory', 'hotplug', 'numa', 'sockets', 'cpu', 'bios', 'efidisk0', 'args', 'kvm', 'hugepages',
  'ostype', 'meta', 'arch', 'description', 'digest']);
/** Keys that never touch the guest's address map: not worth a warning. */
const QUIET_KEYS = /^(boot|bootdisk|cores|vcpus|smbios1|vmgenid|onboot|agent|net\d+|scsi\d+|sata\d+|ide\d+|virtio\d+|unused\d+|scsihw|vga|serial\d+|tablet|startup|tags|lock|protection|template|parent|snaptime|vmstate|runningmachine|runningcpu|balloon|shares|cpulimit|cpuunits|keyboard|localtime|tpmstate0|rng0|usb\d+|audio0|watchdog|affinity|freeze|acpi|reboot|hookscript|searchdomain|nameserver|ciuser|cipassword|citype|ipconfig\d+|sshkeys|cicustom|ciupgrade|spice_enhancements|allow-ksm|migrate_downtime|migrate_speed|autostart|startdate|tdf|hotplug)$/;

/** OVMF.pm $EDK2_FW_BASE. qemu-server joins it to the file with another '/', which is the same file. */
const EDK2_FW_BASE = '/usr/share/pve-edk2-firmware';
/** QemuServer.pm $MAX_HOSTPCI_DEVICES. */
const MAX_HOSTPCI = 16;

export function importProxmoxConfig(text: string, source: string, options: ProxmoxImportOptions = {}): ImportedVm | InputError {
  const config = readProxmoxConfig(text, source);
  if (isInputError(config)) return config;
  const warnings: string[] = [];
  const warn: Warn = (line) => warnings.push(line);
  const at = (key: string) => `${source}: ${key}`;
  if (hasOtherSections(text)) warn('snapshot, [PENDING] and [special:…] sections are not read: only the current config (the lines before them) is what qm start uses');

  const arch = config.get('arch');
  if (arch !== undefined && arch !== 'x86_64') return inputError(at('arch'), `${JSON.stringify(arch)} is not modelled (allowed: x86_64)`);
  const kvm = proxmoxBoolean(config.get('kvm') ?? '1');
  if (kvm === null) return inputError(at('kvm'), `${JSON.stringify(config.get('kvm'))} is not a boolean (allowed: 1, 0)`);

  const machine = machineOf(config, at('machine'), warn);
  if (isInputError(machine)) return machine;
  const cpu = proxmoxCpu(config.get('cpu'), kvm, at('cpu'));
  if (isInputError(cpu)) return cpu;
  const memory = memoryArgs(config, cpu, options, source, warn);
  if (isInputError(memory)) return memory;
  const firmware = firmwareOf(config, cpu, machine.q35, source);
  if (isInputError(firmware)) return firmware;

  const words = ['/usr/bin/kvm', '-machine', `type=${machine.type}`, ...memory, '-cpu', cpu.qemu];
  if (kvm) words.push('-accel', 'kvm');
  else warn('kvm: 0 runs the VM under TCG, where host-phys-bits is ignored and the vendor is the model\'s; the planner models KVM');
  if (!firmware) warn('bios: seabios (qemu-server\'s default): SeaBIOS boots, so the OVMF half of the plan does not apply');
  if (firmware) words.push('-drive', `if=pflash,unit=0,format=raw,readonly=on,file=${firmware.code}`);
  const args = config.get('args');
  if (args !== undefined) {
    // PVE::Tools::split_args is Text::ParseWords::shellwords: the shell's quoting.
    const extra = shellWords(args, at('args'));
    if (isInputError(extra)) return extra;
    words.push(...extra);
  }
  const imported = importQemuArgv(words, source);
  if (isInputError(imported)) return imported;

  const vm: { -readonly [K in keyof VmFile]: VmFile[K] } = { ...imported.vm, qemuPackage: 'pve-qemu-kvm' };
  const name = config.get('name');
  if (name !== undefined && vm.name === undefined) vm.name = name;
  // args may replace the firmware; the VARS template is qemu-server's only when its CODE image stayed.
  if (firmware && vm.firmware?.code === firmware.code) vm.firmware = { ...vm.firmware, vars: firmware.vars };
  const devices = hostpciDevices(config, machine.q35, options, source, warn);
  if (isInputError(devices)) return devices;

  const unread = [...config.keys()].filter((key) => !READ_KEYS.has(key) && !QUIET_KEYS.test(key) && !/^hostpci\d+$/.test(key));
  const ordered = orderedVm(vm);
  return {
    vm: { ...ordered, ...(devices.length > 0 ? { devices } : {}) },
    warnings: oneLineWarnings([
      ...warnings,
      // The words built above say nothing the config does not; what the argv importer warns of, the config has too.
      ...imported.warnings.filter((w) => !w.startsWith('no accelerator given') && !w.startsWith('accelerator ') && !w.startsWith('no pflash firmware')),
      ...(unread.length > 0 ? [`Proxmox keys not modelled: ${countedList(unread.map((key) => key.replace(/\d+$/, 'N')))}`] : []),
    ]),
    cpu: imported.cpu,
    libvirtVersion: null,
  };
}

/**
 * `machine: [type=]TYPE[,viommu=intel|virtio][,aw-bits=N][,enable-s3=B][,enable-s4=B]` → the `-machine type=` of
 * get_vm_machine: no type is `pc`; a Windows guest (ostype wxp…win11) without a version is pinned to 5.1, or to its
 * creation QEMU from 9.1 on (meta: creation-qemu=); `+pveN` and `.pxe` stay (the argv reader drops them).
 */
function machineOf(config: ProxmoxConfig, at: string, warn: Warn): { type: string; q35: boolean } | InputError {
  const props = propertyString(config.get('machine') ?? '', 'type', at);
  if (isInputError(props)) return props;
  const unknown = [...props.keys()].filter((key) => !['type', 'viommu', 'aw-bits', 'enable-s3', 'enable-s4'].includes(key));
  if (unknown.length > 0) return inputError(at, `invalid key in comma-separated list property: ${unknown[0]} (allowed: type, viommu, aw-bits, enable-s3, enable-s4)`);
  let type = props.get('type') ?? 'pc';
  // Machine.pm $machine_fmt type pattern, x86 alternatives.
  if (!/^(pc|pc(-i440fx)?-\d+(\.\d+)+(\+pve\d+)?(\.pxe)?|q35|pc-q35-\d+(\.\d+)+(\+pve\d+)?(\.pxe)?)$/.test(type)) {
    return inputError(at, `${JSON.stringify(type)} is not an x86 machine type qemu-server accepts (allowed: pc, q35, pc-i440fx-X.Y, pc-q35-X.Y, each with +pveN or .pxe)`);
  }
  // machine_base_type: q35 if the name has q35.
  const q35 = type.includes('q35');
  if ((type === 'pc' || type === 'q35') && windowsVersion(config.get('ostype')) > 0) {
    const created = /(?:^|,)creation-qemu=(\d+)\.(\d+)/.exec(config.get('meta') ?? '');
    const base = created && (Number(created[1]) > 9 || (Number(created[1]) === 9 && Number(created[2]) >= 1)) ? `${created[1]}.${created[2]}` : '5.1';
    type = `${q35 ? 'pc-q35' : 'pc-i440fx'}-${base}`;
    warn(`machine ${props.get('type') ?? '(none: pc)'} with ostype ${config.get('ostype')}: qemu-server pins Windows guests to ${type} (get_vm_machine)`);
  }
  const viommu = props.get('viommu');
  if (viommu !== undefined) {
    if (viommu !== 'intel' && viommu !== 'virtio') return inputError(`${at} viommu`, `${JSON.stringify(viommu)} is not allowed (allowed: intel, virtio)`);
    // assert_valid_machine_property
    if (viommu === 'intel' && !q35) return inputError(`${at} viommu`, 'to use Intel vIOMMU please set the machine type to q35');
    warn(`machine viommu=${viommu}${props.has('aw-bits') ? `,aw-bits=${props.get('aw-bits')}` : ''}: the vIOMMU's address width is not modelled`);
  } else if (props.has('aw-bits')) {
    return inputError(`${at} aw-bits`, 'cannot set aw-bits if no vIOMMU is configured');
  }
  return { type, q35 };
}

/** Helpers.pm windows_version: wxp, w2k, w2k3 → 5; w2k8, wvista → 6; winN → N; anything else 0. */
function windowsVersion(ostype: string | undefined): number {
  if (ostype === undefined) return 0;
  if (['wxp', 'w2k3', 'w2k'].includes(ostype)) return 5;
  if (['w2k8', 'wvista'].includes(ostype)) return 6;
  const win = /^win(\d+)$/.exec(ostype);
  return win ? Number(win[1]) : 0;
}

/** qemu-server's boot memory under memory hotplug (Memory.pm $STATICMEM, MiB). */
const STATIC_MEMORY_MIB = 1024;
/** Memory.pm get_max_mem's cap: 4 TiB, in MiB. */
const MAX_MEM_CAP_MIB = 4n * 1024n * 1024n;

/**
 * `-m` as Memory.pm config builds it: `memory` MiB (default 512, the `current` key of the property string); with
 * `hotplug: …memory…`, 1024 MiB of boot memory (×sockets with 1 GiB huge pages), 255 slots and get_max_mem's maxmem.
 */
function memoryArgs(config: ProxmoxConfig, cpu: ProxmoxCpu, options: ProxmoxImportOptions, source: string, warn: Warn): string[] | InputError {
  const written = config.get('memory');
  const props = propertyString(written ?? '512', 'current', `${source}: memory`);
  if (isInputError(props)) return props;
  const current = props.get('current') ?? '512';
  if (!/^\d+$/.test(current) || Number(current) < 16) return inputError(`${source}: memory`, `${JSON.stringify(written)} is not a whole number of MiB of at least 16 (or current=MiB)`);
  const memory = BigInt(current);
  const hotplug = hotplugFeatures(config.get('hotplug'), `${source}: hotplug`);
  if (isInputError(hotplug)) return hotplug;
  if (!hotplug.has('memory')) return ['-m', `${memory}`];

  const refuse = (message: string) => inputError(`${source}: hotplug`, `memory hotplug: qm start refuses this VM: "${message}"`);
  if (proxmoxBoolean(config.get('numa')) !== true) return refuse('NUMA needs to be enabled for memory hotplug');
  const maxMem = maxMemMib(cpu, options, source);
  if (isInputError(maxMem)) return maxMem;
  if (memory > maxMem) return refuse(`Total memory is bigger than ${maxMem}MB`);
  const custom = [...config.keys()].find((key) => /^numa[0-7]$/.test(key));
  if (custom !== undefined) return refuse('cannot enable memory hotplugging with custom NUMA topology');
  const sockets = BigInt(config.get('sockets') ?? '1') || 1n;
  const staticMemory = config.get('hugepages') === '1024' ? BigInt(STATIC_MEMORY_MIB) * sockets : BigInt(STATIC_MEMORY_MIB);
  if (memory < staticMemory) return refuse(`minimum memory must be ${staticMemory}MB`);
  if (memory > staticMemory) {
    warn(`hotplug memory: ${memory - staticMemory} of the ${memory} MiB are pc-dimm modules qemu-server plugs at start into the hotplug area; memory is the ${staticMemory} MiB of boot memory`);
  }
  return ['-m', `size=${staticMemory},slots=255,maxmem=${maxMem}M`];
}

/** QemuServer.pm parse_hotplug_features: `0` none; `1` (and the default) network,disk,usb; split_list splits on , ; and spaces. */
function hotplugFeatures(value: string | undefined, at: string): Set<string> | InputError {
  if (value === '0') return new Set();
  const list = value === undefined || value === '1' ? 'network,disk,usb' : value;
  const features = list.replace(/[,;]/g, ' ').trim().split(/\s+/).filter((f) => f !== '');
  const invalid = features.find((f) => !['network', 'disk', 'cpu', 'memory', 'usb', 'cloudinit'].includes(f));
  if (invalid !== undefined) return inputError(at, `invalid hotplug feature '${invalid}' (allowed: network, disk, cpu, memory, usb, cloudinit, 0, 1)`);
  return new Set(features);
}

/**
 * Memory.pm get_max_mem: phys-bits when a number; else the node's bits for phys-bits=host or cputype host/max, and
 * the node's but at most 40 otherwise. Rounded down to even, maxmem is 2^(bits − 21) MiB (half the space), at most
 * 4 TiB. Only a numeric phys-bits makes this the same on every node.
 */
function maxMemMib(cpu: ProxmoxCpu, options: ProxmoxImportOptions, source: string): bigint | InputError {
  let bits: number;
  if (cpu.physBits !== undefined && cpu.physBits !== 'host') bits = Number(cpu.physBits);
  else if (options.nodePhysBits === undefined) {
    return inputError(`${source}: hotplug`, 'memory hotplug: qemu-server sizes maxmem from the physical address bits of the node that starts the VM, which the config does not say: give --node-phys-bits N (the node\'s /proc/cpuinfo "address sizes")');
  } else if (cpu.physBits === 'host' || cpu.model === 'host' || cpu.model === 'max') bits = options.nodePhysBits;
  else bits = Math.min(options.nodePhysBits, 40);
  const max = 1n << BigInt((bits & ~1) - 21);
  return max > MAX_MEM_CAP_MIB ? MAX_MEM_CAP_MIB : max;
}

/**
 * `bios: ovmf` → OVMF.pm get_ovmf_files: efitype=4m picks the 4 MiB images, the Secure Boot (SMM) CODE on q35 and the
 * plain one on i440fx, VARS with Microsoft keys for pre-enrolled-keys=1; else (no efidisk0, efitype=2m) the legacy
 * 2 MiB images. SEV and TDX guests (amd-sev, intel-tdx) boot other images, which are refused.
 */
function firmwareOf(config: ProxmoxConfig, cpu: ProxmoxCpu, q35: boolean, source: string): { code: string; vars: string } | null | InputError {
  const bios = config.get('bios') ?? 'seabios';
  if (bios !== 'ovmf' && bios !== 'seabios') return inputError(`${source}: bios`, `${JSON.stringify(bios)} is not allowed (allowed: seabios, ovmf)`);
  if (bios !== 'ovmf') return null;
  if (CPU_32BIT.has(cpu.model)) return inputError(`${source}: cpu`, 'qm start refuses this VM: "OVMF (UEFI) BIOS is not supported on 32-bit CPU types"');
  for (const key of ['amd-sev', 'intel-tdx']) {
    if (config.has(key)) return inputError(`${source}: ${key}`, 'confidential guests boot OVMF_SEV/OVMF_TDX images with -bios, which are not modelled');
  }
  const efidisk = config.get('efidisk0');
  const props = propertyString(efidisk ?? '', 'file', `${source}: efidisk0`);
  if (isInputError(props)) return props;
  const efitype = props.get('efitype');
  if (efitype !== undefined && efitype !== '2m' && efitype !== '4m') return inputError(`${source}: efidisk0 efitype`, `${JSON.stringify(efitype)} is not allowed (allowed: 2m, 4m)`);
  if (efitype !== '4m') return { code: `${EDK2_FW_BASE}/OVMF_CODE.fd`, vars: `${EDK2_FW_BASE}/OVMF_VARS.fd` };
  const keys = proxmoxBoolean(props.get('pre-enrolled-keys')) === true;
  return {
    code: `${EDK2_FW_BASE}/${q35 ? 'OVMF_CODE_4M.secboot.fd' : 'OVMF_CODE_4M.fd'}`,
    vars: `${EDK2_FW_BASE}/${keys ? 'OVMF_VARS_4M.ms.fd' : 'OVMF_VARS_4M.fd'}`,
  };
}

/**
 * `hostpciN: [host=]ID[;ID…]|mapping=NAME[,pcie=1][,x-vga=1]…`: a device where `--hostpci KEY=PRESET` names its preset,
 * else a warning.
 */
function hostpciDevices(config: ProxmoxConfig, q35: boolean, options: ProxmoxImportOptions, source: string, warn: Warn): NonNullable<VmFile['devices']> | InputError {
  const devices: NonNullable<VmFile['devices']> = [];
  const keys = [...config.keys()].filter((key) => /^hostpci\d+$/.test(key)).sort((a, b) => Number(a.slice(7)) - Number(b.slice(7)));
  for (const key of keys) {
    if (Number(key.slice(7)) >= MAX_HOSTPCI) return inputError(`${source}: ${key}`, `is not a key qemu-server reads (hostpci0 to hostpci${MAX_HOSTPCI - 1})`);
    const props = propertyString(config.get(key)!, 'host', `${source}: ${key}`);
    if (isInputError(props)) return props;
    if (!props.has('host') && !props.has('mapping')) return inputError(`${source}: ${key}`, 'names no device: give host=BUS:DEV.FN or mapping=NAME');
    const pcie = proxmoxBoolean(props.get('pcie')) === true;
    // PCI.pm parse_hostpci: die "q35 machine model is not enabled" if !$q35 && $d->{pcie}
    if (pcie && !q35) return inputError(`${source}: ${key}`, 'qm start refuses this VM: "q35 machine model is not enabled" (pcie=1 needs a q35 machine)');
    const what = `${key} ${props.has('host') ? props.get('host') : `mapping=${props.get('mapping')}`}`;
    const preset = options.hostpciPresets?.get(key);
    if (preset === undefined) {
      warn(`${passthroughWarning(what)}; give --hostpci ${key}=PRESET to model it`);
      continue;
    }
    const vga = proxmoxBoolean(props.get('x-vga')) === true;
    devices.push({ preset, attach: hostpciAttach(key, pcie, q35, windowsVersion(config.get('ostype')), warn), ...(vga ? { vga: true } : {}) });
  }
  const unused = [...(options.hostpciPresets?.keys() ?? [])].filter((key) => !keys.includes(key));
  if (unused.length > 0) return inputError('--hostpci', `${unused.join(', ')} ${unused.length === 1 ? 'is' : 'are'} not in the config (it has ${keys.join(', ') || 'no hostpciN'})`);
  return devices;
}

/**
 * Where print_hostpci_devices puts a device: pcie=1 behind root port ich9-pcie-port-N+1 (on pcie.0 itself for a
 * Windows 7 guest); else at get_pci_addr_map's bus: hostpci0-3 on bus 0, the root bus on i440fx, and hostpci4-15 on
 * pci-bridge pci.2. q35's pci.0 is a pci-bridge too (pve-q35-4.0.cfg). A pci-bridge is not modelled: the nearest
 * modelled bridge, a root port of the device's own, stands for it.
 */
function hostpciAttach(key: string, pcie: boolean, q35: boolean, windows: number, warn: Warn): 'root-port' | 'root-bus' {
  if (pcie) return windows === 7 ? 'root-bus' : 'root-port';
  if (!q35 && Number(key.slice(7)) <= 3) return 'root-bus';
  warn(`${key}: without pcie=1 the device sits behind qemu-server's pci-bridge ${q35 ? 'pci.0' : 'pci.2'}, which is not modelled: modelled behind a root port of its own`);
  return 'root-port';
}
