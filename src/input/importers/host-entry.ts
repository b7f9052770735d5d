/** What every host importer shares: the vendor string, the QEMU and OVMF a host source cannot tell, the entry's key order. */
import type { CpuVendor } from '../../core/spec.js';
import { NEWEST_QEMU, formatVersion } from '../../core/qemu/versions.js';
import { NEWEST_EDK2 } from '../../core/ovmf/releases.js';
import type { Assumption, HostFile, HostImportOptions } from './imported.js';
import { type InputError, inputError } from '../input-error.js';
import { tableEntry } from '../table-entry.js';

/** CPUID vendor strings (`vendor_id` in /proc/cpuinfo, `Vendor ID:` in lscpu) and libvirt's names. */
const HOST_VENDORS: Readonly<Record<string, CpuVendor>> = {
  GenuineIntel: 'intel', AuthenticAMD: 'amd', HygonGenuine: 'hygon', Intel: 'intel', AMD: 'amd', Hygon: 'hygon',
};

/** The vendor a CPUID string or a libvirt name says; undefined for any other text. */
export function hostVendor(text: string): CpuVendor | undefined {
  return tableEntry(HOST_VENDORS, text);
}

/** The vendor of a libvirt `<vendor>` (or `vendor_id`), or one line naming `field` and the vendors modelled. */
export function libvirtVendor(text: string, field: string): CpuVendor | InputError {
  return hostVendor(text) ?? inputError(field, `${JSON.stringify(text)} is not Intel, AMD or Hygon`);
}

export interface HostFacts {
  readonly vendor: CpuVendor;
  readonly physBits: number;
  readonly pdpe1gb: boolean;
  readonly la57: boolean;
  /** `X.Y` from the source (the newest versioned machine type in virsh capabilities); null when it does not say. */
  readonly qemu: string | null;
}

/** The pool file's host entry; the QEMU release and the firmware come from the options, or are assumed with a warning. */
export function hostEntry(facts: HostFacts, options: HostImportOptions, kind: string, warn: (line: string) => void): HostFile {
  const assume = (what: string, assumption: Assumption | undefined, newest: string, flag: string) => {
    const { value, from } = assumption ?? { value: newest, from: 'the newest modelled' };
    warn(`${kind} does not say which ${what} the host has: assumed ${value} (${from}; give ${flag} or set it in the pool file)`);
    return value;
  };
  const qemu = options.qemu ?? facts.qemu ?? assume('QEMU', options.assumed?.qemu, formatVersion(NEWEST_QEMU), options.qemuFlag ?? '--qemu X.Y');
  const firmware = options.firmware ?? assume('OVMF package', options.assumed?.firmware, NEWEST_EDK2, '--firmware TAG|PRESET');
  return { name: options.name, vendor: facts.vendor, physBits: facts.physBits, pdpe1gb: facts.pdpe1gb, la57: facts.la57, qemu, firmware };
}

/** The kernel may report fewer bits than raw CPUID, which is what QEMU's host-phys-bits copies (qemu.md §9.3, §12.10). */
export function reducedBitsWarning(flags: ReadonlySet<string>, physBits: number, kind: string): string | null {
  const reducers = ['tme', 'sme'].filter((flag) => flags.has(flag));
  if (reducers.length === 0) return null;
  return `${kind} reports ${physBits} physical address bits and the CPU has ${reducers.join(' and ')}: with memory encryption active the kernel reports fewer bits than raw CPUID 0x80000008, which QEMU's host-phys-bits copies`;
}
