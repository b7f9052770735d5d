/**
 * /proc/cpuinfo → a pool host entry: `vendor_id`, the `flags` pdpe1gb and la57, and `address sizes` (the kernel's
 * x86_phys_bits, which libvirt also reports; qemu.md §9.3). Every processor must agree.
 */
import { type InputError, inputError, isInputError } from '../input-error.js';
import type { HostFile, HostImportOptions, ImportedHost } from './imported.js';
import { oneLineWarnings } from './imported.js';
import { hostEntry, hostVendor, reducedBitsWarning } from './host-entry.js';

/** The fields both /proc/cpuinfo and lscpu give, as they write them. */
export interface CpuFields {
  readonly vendorId: string;
  /** `46 bits physical, 48 bits virtual` */
  readonly addressSizes: string;
  readonly flags: ReadonlySet<string>;
}

const READ = new Set(['processor', 'vendor_id', 'flags', 'address sizes']);

export function importCpuinfo(text: string, options: HostImportOptions, source = '/proc/cpuinfo'): ImportedHost | InputError {
  const processors = text.split(/\r?\n\s*\r?\n/).map(fieldsOf).filter((fields) => fields.has('processor'));
  if (processors.length === 0) return inputError(source, 'has no "processor" entry: not /proc/cpuinfo of an x86 host');
  const first = processors[0]!;
  for (const key of ['vendor_id', 'address sizes', 'flags']) {
    if (!first.has(key)) return inputError(source, `processor ${first.get('processor')} has no "${key}" line`);
    const other = processors.find((p) => p.get(key) !== first.get(key) && key !== 'flags');
    if (other) return inputError(source, `processors ${first.get('processor')} and ${other.get('processor')} differ in "${key}": give one host's /proc/cpuinfo`);
  }
  // A feature counts only when every processor has it (hybrid parts list the same flags on both core types).
  // Each processor's flags split once: linear in the text (issue 21: 20,000 CPUs took over 10 s re-splitting per flag).
  const flagSets = processors.map(flagsOf);
  const flags = new Set([...flagSets[0]!].filter((flag) => flagSets.every((set) => set.has(flag))));
  const warnings: string[] = [];
  const host = hostFromCpuFields({ vendorId: first.get('vendor_id')!, addressSizes: first.get('address sizes')!, flags }, options, source, '/proc/cpuinfo', (line) => warnings.push(line));
  if (isInputError(host)) return host;
  const unreadKeys = [...first.keys()].filter((key) => !READ.has(key));
  const otherFlags = [...flags].filter((flag) => flag !== 'pdpe1gb' && flag !== 'la57').length;
  warnings.push(`not modelled: ${[...unreadKeys, `${otherFlags} other flags`].join(', ')}`);
  return { host, warnings: oneLineWarnings(warnings) };
}

export function hostFromCpuFields(fields: CpuFields, options: HostImportOptions, source: string, kind: string, warn: (line: string) => void): HostFile | InputError {
  const vendor = hostVendor(fields.vendorId);
  if (!vendor) return inputError(`${source}: vendor`, `${JSON.stringify(fields.vendorId)} is not GenuineIntel, AuthenticAMD or HygonGenuine`);
  const bits = /^(\d+) bits physical/.exec(fields.addressSizes.trim());
  if (!bits) return inputError(`${source}: address sizes`, `${JSON.stringify(fields.addressSizes)} is not "N bits physical, M bits virtual"`);
  const physBits = Number(bits[1]);
  if (fields.flags.has('hypervisor')) warn(`${kind} comes from a virtual machine (flag hypervisor): its address bits are what its own hypervisor gave it`);
  const reduced = reducedBitsWarning(fields.flags, physBits, kind);
  if (reduced) warn(reduced);
  return hostEntry({ vendor, physBits, pdpe1gb: fields.flags.has('pdpe1gb'), la57: fields.flags.has('la57'), qemu: null }, options, kind, warn);
}

function fieldsOf(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon !== -1) fields.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return fields;
}

function flagsOf(fields: Map<string, string>): Set<string> {
  return new Set((fields.get('flags') ?? '').split(/\s+/).filter(Boolean));
}
