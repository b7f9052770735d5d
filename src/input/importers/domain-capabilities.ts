/**
 * `virsh domcapabilities` (root `<domainCapabilities>`) → a pool host entry: the vendor, CPU model and features of
 * the host-model CPU, its `<maxphysaddr mode='passthrough' limit='N'/>` (the host's physical address bits, reported by
 * newer libvirt), and the QEMU release bounded by `<machine>`. The firmware images `<os><loader>` lists are named in
 * a warning: the document gives no size or flash layout, which a host entry's images need.
 * @see libvirt docs/formatdomaincaps.rst; src/qemu/qemu_capabilities.c virQEMUCapsInitHostCPUModel (physAddrSize
 *   from virHostCPUGetPhysAddrSize, i.e. /proc/cpuinfo's "address sizes", for KVM only) and virQEMUCapsGetHostPhysAddr
 */
import { type InputError, inputError, isInputError } from '../input-error.js';
import { type XmlElement, child, childrenNamed, parseLibvirtXml } from './xml.js';
import { oneLineWarnings, type HostImportOptions, type ImportedHost, countedList } from './imported.js';
import { hostEntry, libvirtVendor } from './host-entry.js';
import { modelHasFeature } from './cpu-request.js';
import { machineName } from './machine-type.js';

export function importDomainCapabilities(text: string, options: HostImportOptions, source = 'virsh domcapabilities'): ImportedHost | InputError {
  const root = parseLibvirtXml(text, source, 'domainCapabilities', 'virsh domcapabilities');
  if (isInputError(root)) return root;
  const warnings: string[] = [];
  const warn = (line: string) => warnings.push(line);
  const at = (where: string) => `${source}: ${where}`;

  const arch = child(root, 'arch')?.text ?? '';
  if (arch !== 'x86_64') return inputError(at('<arch>'), `${JSON.stringify(arch)} is not modelled (allowed: x86_64)`);
  const domain = child(root, 'domain')?.text ?? '';
  if (domain !== 'kvm') warn(`<domain>${domain}</domain>: these are the capabilities without KVM, where the host's physical address bits are not reported; the planner models KVM (run virsh domcapabilities --virttype kvm)`);

  const modes = childrenNamed(child(root, 'cpu'), 'mode');
  const hostModel = modes.find((m) => m.attrs['name'] === 'host-model' && m.attrs['supported'] === 'yes');
  if (!hostModel) return inputError(at('<cpu><mode name=\'host-model\'>'), 'missing or not supported: it is what names the host CPU\'s vendor; give the host\'s virsh capabilities or /proc/cpuinfo instead');
  const vendorText = child(hostModel, 'vendor')?.text ?? '';
  const vendor = libvirtVendor(vendorText, at('<mode name=\'host-model\'><vendor>'));
  if (isInputError(vendor)) return vendor;

  // libvirt puts <maxphysaddr> in the host-model mode; look in the others too, in case a release moves it.
  const max = [hostModel, ...modes].map((m) => child(m, 'maxphysaddr')).find((e) => e !== undefined);
  const limit = max?.attrs['limit'];
  if (limit === undefined) {
    return inputError(at('<cpu><mode name=\'host-model\'><maxphysaddr>'), 'missing: only newer libvirt reports the host\'s physical address bits in domain capabilities; give the host\'s virsh capabilities (libvirt 8.7 or later) or /proc/cpuinfo instead');
  }
  if (!/^\d+$/.test(limit) || Number(limit) < 32 || Number(limit) > 64) return inputError(at('<maxphysaddr limit>'), `${JSON.stringify(limit)} is not a whole number from 32 to 64`);

  const features = cpuFeatures(hostModel, warn);
  const qemu = qemuBound(child(root, 'machine')?.text ?? '', options, warn);
  const entry = hostEntry({ vendor, physBits: Number(limit), pdpe1gb: features.pdpe1gb, la57: features.la57, qemu }, options, 'virsh domcapabilities', warn);
  loaderWarning(child(child(root, 'os'), 'loader'), warn);
  return { host: entry, warnings: oneLineWarnings(warnings) };
}

/**
 * The host-model CPU: its model's definition, plus features with policy require, minus those with policy disable
 * (formatdomaincaps: the guest CPU a host-model domain gets, KVM's and the host's limits applied).
 */
function cpuFeatures(hostModel: XmlElement, warn: (line: string) => void): { pdpe1gb: boolean; la57: boolean } {
  const model = child(hostModel, 'model')?.text ?? '';
  const policy = new Map(childrenNamed(hostModel, 'feature').map((f) => [f.attrs['name'] ?? '', f.attrs['policy'] ?? '']));
  const has = (feature: 'pdpe1gb' | 'la57') => {
    const written = policy.get(feature);
    if (written === 'require' || written === 'force') return true;
    if (written === 'disable' || written === 'forbid') return false;
    return modelHasFeature(model, feature);
  };
  const pdpe1gb = has('pdpe1gb');
  const la57 = has('la57');
  if (pdpe1gb === null || la57 === null) {
    warn(`host-model CPU ${model} is not in the planner's table of models and lists no ${[pdpe1gb === null ? 'pdpe1gb' : '', la57 === null ? 'la57' : ''].filter(Boolean).join(' or ')} feature: assumed without (set pdpe1gb and la57 in the pool file if not)`);
  }
  return { pdpe1gb: pdpe1gb ?? false, la57: la57 ?? false };
}

/**
 * `<machine>`: the machine type the capabilities are for. Run for the default machine or an alias (q35, pc), libvirt
 * names the canonical type, the newest of the binary, whose version is the QEMU release; run with --machine
 * pc-q35-OLDER, it is only a lower bound. It is taken as the release, with a warning, unless --qemu gives it.
 */
function qemuBound(machine: string, options: HostImportOptions, warn: (line: string) => void): string | null {
  const parsed = machineName(machine);
  if (parsed && !parsed.alias && parsed.version !== null) {
    if (options.qemu === undefined) {
      warn(`QEMU release taken from <machine>${machine}</machine> as ${parsed.version}: exact when virsh domcapabilities ran without --machine or with an alias (libvirt then names the binary's newest type), only a lower bound after --machine ${machine}; give --qemu X.Y if it differs`);
    }
    return parsed.version;
  }
  if (options.qemu === undefined) warn(`<machine>${machine}</machine> does not tell the QEMU release${parsed?.unknownVersion ? ` (${parsed.unknownVersion})` : ''}`);
  return null;
}

/** The firmware images libvirt found on the host (it lists only files that exist), and what they lack. */
function loaderWarning(loader: XmlElement | undefined, warn: (line: string) => void): void {
  if (!loader || loader.attrs['supported'] !== 'yes') return;
  const paths = childrenNamed(loader, 'value').map((v) => v.text).filter(Boolean);
  if (paths.length === 0) return;
  const enums = new Map(childrenNamed(loader, 'enum').map((e) => [e.attrs['name'] ?? '', childrenNamed(e, 'value').map((v) => v.text)]));
  const secure = enums.get('secure')?.includes('yes') ? '; Secure Boot images among them' : '';
  warn(`firmware images listed (${countedList(paths)}; loader types ${(enums.get('type') ?? []).join(', ') || 'not listed'}${secure}): domain capabilities give no sizes or flash layouts, so the entry lists no images; add that host's firmware descriptors (--firmware-dir) for them`);
}
