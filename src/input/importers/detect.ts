/** Which foreign format a text is in, from its first significant characters, and the importer that reads it. */
import { type InputError, inputError } from '../input-error.js';
import type { HostImportOptions, ImportedHost, ImportedVm } from './imported.js';
import { importLibvirtDomain } from './libvirt-domain.js';
import { importQemuArgv } from './qemu-argv.js';
import { importVirshCapabilities } from './virsh-capabilities.js';
import { importCpuinfo } from './cpuinfo.js';
import { importLscpuJson } from './lscpu-json.js';
import { isFirmwareDescriptorText } from './firmware-descriptor.js';
import { isKernelLogText } from './kernel-log.js';
import { isProxmoxConfigText } from './proxmox-config.js';
import { type ProxmoxImportOptions, importProxmoxConfig } from './proxmox-vm.js';
import { importDomainCapabilities } from './domain-capabilities.js';

export type ForeignFormat =
  | 'libvirt-domain' | 'virsh-capabilities' | 'domain-capabilities' | 'cpuinfo' | 'lscpu-json' | 'qemu-command-line'
  | 'proxmox-config' | 'firmware-descriptor' | 'kernel-log' | 'register-value' | 'unknown';

/** `import vm --from`: the VM formats, by the names users know them. */
export const VM_FORMATS = ['libvirt', 'qemu', 'proxmox'] as const;
export type VmFormat = (typeof VM_FORMATS)[number];
/** `import host --from` (and the pool commands' host inputs): the host formats. */
export const HOST_FORMATS = ['capabilities', 'domcapabilities', 'cpuinfo', 'lscpu'] as const;
export type HostFormat = (typeof HOST_FORMATS)[number];

/** What `--from` names, as the detected format it stands for: one dispatch serves both. */
const VM_FROM: Readonly<Record<VmFormat, ForeignFormat>> = { libvirt: 'libvirt-domain', qemu: 'qemu-command-line', proxmox: 'proxmox-config' };
const HOST_FROM: Readonly<Record<HostFormat, ForeignFormat>> = {
  capabilities: 'virsh-capabilities', domcapabilities: 'domain-capabilities', cpuinfo: 'cpuinfo', lscpu: 'lscpu-json',
};

export function detectFormat(text: string): ForeignFormat {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) {
    // The root element's name: skip the declaration, comments and processing instructions.
    const root = /<([A-Za-z_][\w.:-]*)/.exec(start.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, ''));
    if (root?.[1] === 'domain') return 'libvirt-domain';
    if (root?.[1] === 'capabilities') return 'virsh-capabilities';
    if (root?.[1] === 'domainCapabilities') return 'domain-capabilities';
    return 'unknown';
  }
  if (start.startsWith('{')) return /"lscpu"\s*:/.test(start) ? 'lscpu-json' : isFirmwareDescriptorText(start) ? 'firmware-descriptor' : 'unknown';
  if (/^processor\s*:/m.test(start) && /^vendor_id\s*:/m.test(start)) return 'cpuinfo';
  if (isKernelLogText(start)) return 'kernel-log';
  // Before the QEMU test: a Proxmox config's args: line holds QEMU options.
  if (isProxmoxConfigText(start)) return 'proxmox-config';
  // A sysfs register file: `%llx` (VT-d cap), or AMD's `%llx:%llx` features.
  if (/^(?:0x)?[0-9a-f]+(?::[0-9a-f]+)?(?:\s+(?:0x)?[0-9a-f]+(?::[0-9a-f]+)?)*\s*$/i.test(start)) return 'register-value';
  if (/(^|[\s/\0])(qemu-system-[\w-]+|qemu-kvm|kvm)([\s\0]|$)/.test(start) || /(^|\s)-(machine|M|m|cpu|enable-kvm|accel)\s/.test(start) || /starting up libvirt version/.test(start)) {
    return 'qemu-command-line';
  }
  return 'unknown';
}

/** A VM from domain XML, a QEMU command line or a Proxmox VE config; `from` names the format instead of detecting it. */
export function importVm(text: string, source: string, from?: VmFormat, proxmox: ProxmoxImportOptions = {}): ImportedVm | InputError {
  const format = from ? VM_FROM[from] : detectFormat(text);
  // Any other XML goes to the safe parser too, so that entity bombs are refused for what they are.
  if (format === 'libvirt-domain' || (format === 'unknown' && isXml(text))) return importLibvirtDomain(text, source);
  if (format === 'qemu-command-line') return importQemuArgv(text, source);
  if (format === 'proxmox-config') return importProxmoxConfig(text, source, proxmox);
  if (format === 'virsh-capabilities' || format === 'domain-capabilities' || format === 'cpuinfo' || format === 'lscpu-json' || format === 'firmware-descriptor' || format === 'kernel-log') {
    return inputError(source, `is ${describe(format)}, which describes a host: use import host`);
  }
  return inputError(source, 'is neither libvirt domain XML (virsh dumpxml), a QEMU command line nor a Proxmox VE config (qm config): name its format with --from libvirt|qemu|proxmox');
}

/** A host from virsh capabilities or domcapabilities, /proc/cpuinfo or lscpu --json; `from` names the format. */
export function importHost(text: string, source: string, options: HostImportOptions, from?: HostFormat): ImportedHost | InputError {
  const format = from ? HOST_FROM[from] : detectFormat(text);
  if (format === 'domain-capabilities') return importDomainCapabilities(text, options, source);
  if (format === 'virsh-capabilities' || (format === 'unknown' && isXml(text))) return importVirshCapabilities(text, options, source);
  if (format === 'cpuinfo') return importCpuinfo(text, options, source);
  if (format === 'lscpu-json') return importLscpuJson(text, options, source);
  if (format === 'libvirt-domain' || format === 'qemu-command-line' || format === 'proxmox-config') {
    return inputError(source, `is ${describe(format)}, which describes a VM: use import vm (or --vm-xml, --qemu-cmdline)`);
  }
  if (format === 'firmware-descriptor' || format === 'kernel-log') {
    return inputError(source, `is ${describe(format)}, which adds to a host entry: give it to import host together with the host's virsh capabilities or domcapabilities, /proc/cpuinfo or lscpu --json`);
  }
  if (format === 'register-value') {
    return inputError(source, text.includes(':')
      ? 'is a register pair such as amd-iommu/features, which is not read (the order of its two numbers changed between kernels): give import host the kernel log (dmesg) instead'
      : 'is a bare register value: give a VT-d capability register (/sys/class/iommu/dmar*/intel-iommu/cap) to import host with --iommu-cap FILE');
  }
  return inputError(source, 'is neither virsh capabilities or domcapabilities XML, /proc/cpuinfo nor lscpu --json output: name its format with --from capabilities|domcapabilities|cpuinfo|lscpu');
}

function isXml(text: string): boolean {
  return text.replace(/^\uFEFF/, '').trimStart().startsWith('<');
}

function describe(format: ForeignFormat): string {
  return {
    'libvirt-domain': 'libvirt domain XML',
    'virsh-capabilities': 'virsh capabilities XML',
    'domain-capabilities': 'virsh domcapabilities XML',
    'proxmox-config': 'a Proxmox VE VM config',
    cpuinfo: '/proc/cpuinfo',
    'lscpu-json': 'lscpu --json output',
    'qemu-command-line': 'a QEMU command line',
    'firmware-descriptor': 'a QEMU firmware descriptor',
    'kernel-log': 'a kernel log',
    'register-value': 'a register value',
    unknown: 'in an unknown format',
  }[format];
}
