/**
 * `virsh capabilities` → a pool host entry (qemu.md §9.3): the host CPU's vendor, `<maxphysaddr mode='emulate'
 * bits='N'/>` (libvirt 8.7+, from /proc/cpuinfo's "address sizes"), 1 GiB pages and la57 (listed features, the
 * features of the host CPU model, or 1 GiB huge pages), and the QEMU release from the newest versioned machine type.
 */
import { type InputError, inputError, isInputError } from '../input-error.js';
import { type XmlElement, child, childrenNamed, parseLibvirtXml } from './xml.js';
import { oneLineWarnings, type HostImportOptions, type ImportedHost, countedList } from './imported.js';
import { hostEntry, libvirtVendor } from './host-entry.js';
import { modelHasFeature } from './cpu-request.js';
import { machineName } from './machine-type.js';
import { compareVersions } from '../../core/qemu/versions.js';

export function importVirshCapabilities(text: string, options: HostImportOptions, source = 'virsh capabilities'): ImportedHost | InputError {
  const root = parseLibvirtXml(text, source, 'capabilities', 'virsh capabilities');
  if (isInputError(root)) return root;
  const warnings: string[] = [];
  const warn = (line: string) => warnings.push(line);
  const host = child(root, 'host');
  const cpu = child(host, 'cpu');
  const at = (where: string) => `${source}: <host><cpu>${where}`;

  const arch = child(cpu, 'arch')?.text;
  if (arch !== 'x86_64') return inputError(at('<arch>'), `${JSON.stringify(arch ?? '')} is not modelled (x86_64)`);
  const vendorText = child(cpu, 'vendor')?.text ?? '';
  const vendor = libvirtVendor(vendorText, at('<vendor>'));
  if (isInputError(vendor)) return vendor;
  const max = child(cpu, 'maxphysaddr');
  const bits = max?.attrs['bits'];
  if (bits === undefined) {
    return inputError(at('<maxphysaddr>'), 'missing: libvirt reports the host\'s physical address bits from 8.7; give the host\'s /proc/cpuinfo instead');
  }
  if (!/^\d+$/.test(bits)) return inputError(at('<maxphysaddr bits>'), `${JSON.stringify(bits)} is not a whole number`);

  const features = new Set(childrenNamed(cpu, 'feature').map((f) => f.attrs['name'] ?? ''));
  const model = child(cpu, 'model')?.text ?? '';
  const has = (feature: 'pdpe1gb' | 'la57') => features.has(feature) || modelHasFeature(model, feature) === true;
  // The kernel lists 1 GiB huge pages only when the CPU has them.
  const gigPages = childrenNamed(cpu, 'pages').some((p) => p.attrs['size'] === '1048576' && (p.attrs['unit'] ?? 'KiB') === 'KiB');
  const pdpe1gb = has('pdpe1gb') || gigPages;
  if (!pdpe1gb && modelHasFeature(model, 'pdpe1gb') === null) {
    warn(`host CPU model ${model} is not in the planner's table and lists neither pdpe1gb nor 1 GiB pages: assumed without 1 GiB pages`);
  }

  const qemu = newestMachine(root);
  if (qemu.kvm === false) warn('no <domain type=\'kvm\'> for x86_64: KVM is not available on this host, and the planner models KVM');
  if (qemu.version === null && options.qemu === undefined) warn(`no versioned pc-q35 or pc-i440fx machine type for x86_64${qemu.names ? ` (${qemu.names})` : ''}`);

  const entry = hostEntry({ vendor, physBits: Number(bits), pdpe1gb, la57: has('la57'), qemu: qemu.version }, options, 'virsh capabilities', warn);
  const unread = [
    ...unreadOf(host, 'host', ['cpu']),
    ...unreadOf(cpu, 'cpu', ['arch', 'vendor', 'model', 'maxphysaddr', 'feature', 'pages']),
  ];
  if (unread.length > 0) warn(`not modelled: ${countedList(unread)}`);
  return { host: entry, warnings: oneLineWarnings(warnings) };
}

/** The QEMU release: the newest pc-q35-X.Y / pc-i440fx-X.Y that the x86_64 emulator offers (a release's newest is itself). */
function newestMachine(root: XmlElement): { version: string | null; kvm: boolean | null; names: string } {
  const arch = childrenNamed(root, 'guest').map((g) => child(g, 'arch')).find((a) => a?.attrs['name'] === 'x86_64');
  if (!arch) return { version: null, kvm: null, names: '' };
  const names = childrenNamed(arch, 'machine').flatMap((m) => [m.text, m.attrs['canonical'] ?? '']).filter(Boolean);
  const versions = names.map((n) => machineName(n)).filter((m) => m !== null && !m.alias && m.version !== null).map((m) => m!.version!);
  const newest = versions
    .map((v) => ({ text: v, version: { major: Number(v.split('.')[0]), minor: Number(v.split('.')[1]) } }))
    .sort((a, b) => compareVersions(b.version, a.version))[0];
  const kvm = childrenNamed(arch, 'domain').some((d) => d.attrs['type'] === 'kvm');
  return { version: newest?.text ?? null, kvm, names: [...new Set(names)].slice(0, 4).join(', ') };
}

function unreadOf(element: XmlElement | undefined, path: string, read: readonly string[]): string[] {
  return (element?.children ?? []).filter((e) => !read.includes(e.name)).map((e) => `${path}/${e.name}`);
}
