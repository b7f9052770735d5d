/**
 * A Proxmox VE `cpu:` setting → the `-cpu` value qemu-server builds, for what the address map depends on: the model,
 * the vendor qemu-server pins on it, the VM's `+FLAG`/`-FLAG` flags (pdpe1gb among them), `phys-bits=N|host` and
 * `guest-phys-bits=N`. Hyper-V enlightenments and the PVE flags (kvm_pv_eoi, lahf_lm, …) touch neither.
 * @see proxmox/qemu-server src/PVE/QemuServer/CPUConfig.pm get_cpu_options, get_default_cpu_type,
 *   validate_vm_cpu_conf, parse_phys_bits, $builtin_models_by_arch, $depreacated_cpu_map, initialize_cpu_models
 */
import { type InputError, inputError, isInputError } from '../input-error.js';
import { propertyString } from './proxmox-config.js';
import { tableEntry } from '../table-entry.js';

export interface ProxmoxCpu {
  /** The `-cpu` value, as far as the model reads it. */
  readonly qemu: string;
  /** The model QEMU is given (a builtin x86-64-vN reports qemu64). */
  readonly model: string;
  /** `phys-bits` as written: a number, `host`, or undefined (Memory.pm get_max_mem reads it too). */
  readonly physBits: string | undefined;
}

/**
 * initialize_cpu_models' x86_64 list, the one qemu-server uses without /usr/share/kvm/cpu-models-x86_64.json:
 * model → the vendor get_cpu_options pins with `vendor=` ('default' = none, the host's).
 */
const INTEL = ['486', 'pentium', 'pentium2', 'pentium3', 'coreduo', 'core2duo', 'Conroe', 'Penryn', 'Nehalem', 'Nehalem-IBRS', 'Westmere',
  'Westmere-IBRS', 'SandyBridge', 'SandyBridge-IBRS', 'IvyBridge', 'IvyBridge-IBRS', 'Haswell', 'Haswell-IBRS', 'Haswell-noTSX',
  'Haswell-noTSX-IBRS', 'Broadwell', 'Broadwell-IBRS', 'Broadwell-noTSX', 'Broadwell-noTSX-IBRS', 'Skylake-Client', 'Skylake-Client-IBRS',
  'Skylake-Client-noTSX-IBRS', 'Skylake-Client-v4', 'Skylake-Server', 'Skylake-Server-IBRS', 'Skylake-Server-noTSX-IBRS', 'Skylake-Server-v4',
  'Skylake-Server-v5', 'Cascadelake-Server', 'Cascadelake-Server-v2', 'Cascadelake-Server-noTSX', 'Cascadelake-Server-v4',
  'Cascadelake-Server-v5', 'Cooperlake', 'Cooperlake-v2', 'KnightsMill', 'Icelake-Client', 'Icelake-Client-noTSX', 'Icelake-Server',
  'Icelake-Server-noTSX', 'Icelake-Server-v3', 'Icelake-Server-v4', 'Icelake-Server-v5', 'Icelake-Server-v6', 'Icelake-Server-v7',
  'SapphireRapids', 'SapphireRapids-v2', 'SapphireRapids-v3', 'SapphireRapids-v4', 'GraniteRapids', 'GraniteRapids-v2', 'GraniteRapids-v3',
  'SierraForest', 'SierraForest-v2', 'SierraForest-v3', 'ClearwaterForest'];
const AMD = ['athlon', 'phenom', 'Opteron_G1', 'Opteron_G2', 'Opteron_G3', 'Opteron_G4', 'Opteron_G5', 'EPYC', 'EPYC-IBPB', 'EPYC-v3', 'EPYC-v4',
  'EPYC-v5', 'EPYC-Rome', 'EPYC-Rome-v2', 'EPYC-Rome-v3', 'EPYC-Rome-v4', 'EPYC-Rome-v5', 'EPYC-Milan', 'EPYC-Milan-v2', 'EPYC-Milan-v3',
  'EPYC-Genoa', 'EPYC-Genoa-v2', 'EPYC-Turin'];
/** Generic types take the host's vendor; `host` exists on an x86_64 node. */
const HOST_VENDOR = ['kvm32', 'kvm64', 'qemu32', 'qemu64', 'max', 'host'];
const VENDOR = new Map<string, string>([
  ...INTEL.map((m): [string, string] => [m, 'GenuineIntel']),
  ...AMD.map((m): [string, string] => [m, 'AuthenticAMD']),
  ...HOST_VENDOR.map((m): [string, string] => [m, 'default']),
]);
/** $builtin_models_by_arch: reported to the guest as qemu64 with the level's flags (none is pdpe1gb or la57). */
const BUILTIN = new Set(['x86-64-v2', 'x86-64-v2-AES', 'x86-64-v3', 'x86-64-v4']);
/** $depreacated_cpu_map: "there never was such a client CPU". */
const DEPRECATED: Readonly<Record<string, string>> = { 'Icelake-Client': 'Icelake-Server', 'Icelake-Client-noTSX': 'Icelake-Server-noTSX' };
/** $cputypes_32bit: OVMF is refused with these ("OVMF (UEFI) BIOS is not supported on 32-bit CPU types"). */
export const CPU_32BIT = new Set(['486', 'pentium', 'pentium2', 'pentium3', 'coreduo', 'athlon', 'kvm32', 'qemu32']);
/** CPUFlags.pm $supported_vm_specific_cpu_flags_by_arch (x86_64): the flags a VM's own `flags=` may set. */
const VM_FLAGS = ['nested-virt', 'md-clear', 'pcid', 'spec-ctrl', 'ssbd', 'ibpb', 'virt-ssbd', 'amd-ssbd', 'amd-no-ssb', 'pdpe1gb', 'hv-tlbflush', 'hv-evmcs', 'aes'];

const SHOWCMD = 'import `qm showcmd VMID` instead, which prints the QEMU command line qemu-server builds';

/** `cpu: [cputype=]TYPE[,flags=+F;-F][,phys-bits=N|host][,guest-phys-bits=N][,hidden=1][,level=N]`; absent, kvm64 under KVM. */
export function proxmoxCpu(value: string | undefined, kvm: boolean, at: string): ProxmoxCpu | InputError {
  const props = propertyString(value ?? '', 'cputype', at);
  if (isInputError(props)) return props;
  const unknown = [...props.keys()].filter((key) => !['cputype', 'flags', 'phys-bits', 'guest-phys-bits', 'hidden', 'hv-vendor-id', 'level'].includes(key));
  if (unknown.length > 0) return inputError(at, `invalid key in comma-separated list property: ${unknown[0]} (allowed: cputype, flags, phys-bits, guest-phys-bits, hidden, hv-vendor-id, level)`);
  if (props.has('reported-model')) return inputError(at, 'Property \'reported-model\' not allowed in VM-specific CPU config.');
  // get_default_cpu_type: kvm64 with KVM, qemu64 without.
  const written = props.get('cputype') ?? (kvm ? 'kvm64' : 'qemu64');
  if (written.startsWith('custom-')) {
    return inputError(`${at} ${written}`, `is a custom model, defined in /etc/pve/virtual-guest/cpu-models.conf, which this import does not read: ${SHOWCMD}`);
  }
  let model = BUILTIN.has(written) ? 'qemu64' : written;
  model = tableEntry(DEPRECATED, model) ?? model;
  const vendor = VENDOR.get(model);
  if (vendor === undefined) {
    return inputError(`${at} ${written}`, `is not in qemu-server's built-in list of x86_64 models (newer pve-qemu-kvm packages list more in /usr/share/kvm/cpu-models-x86_64.json, which is not read here): ${SHOWCMD}`);
  }
  const parts = [model];
  for (const flag of (props.get('flags') ?? '').split(';').filter((f) => f !== '')) {
    const match = /^([+-])(.+)$/.exec(flag);
    if (!match || !VM_FLAGS.includes(match[2]!)) return inputError(`${at} flags`, `VM-specific CPU flags must be a subset of: ${[...VM_FLAGS].sort().join(', ')} (each +FLAG or -FLAG, separated by ;), not ${JSON.stringify(flag)}`);
    // nested-virt resolves to svm or vmx from the host's flags; neither changes the address map.
    if (match[2] !== 'nested-virt') parts.push(`${match[1]}${match[2]}`);
  }
  if (vendor !== 'default') parts.push(`vendor=${vendor}`);
  // get_cpu_options appends guest-phys-bits, then phys-bits; phys-bits=host becomes host-phys-bits=true.
  const guestPhysBits = props.get('guest-phys-bits');
  if (guestPhysBits !== undefined) {
    if (!/^\d+$/.test(guestPhysBits) || Number(guestPhysBits) < 32 || Number(guestPhysBits) > 64) return inputError(`${at} guest-phys-bits`, `${JSON.stringify(guestPhysBits)} is not a whole number from 32 to 64`);
    parts.push(`guest-phys-bits=${guestPhysBits}`);
  }
  const physBits = props.get('phys-bits');
  if (physBits !== undefined) {
    // parse_phys_bits: "value must be an integer between 8 and 64 or 'host'"
    if (physBits === 'host') parts.push('host-phys-bits=true');
    else if (/^\d{1,2}$/.test(physBits) && Number(physBits) >= 8 && Number(physBits) <= 64) parts.push(`phys-bits=${physBits}`);
    else return inputError(`${at} phys-bits`, `${JSON.stringify(physBits)} is not an integer between 8 and 64 or 'host'`);
  }
  return { qemu: parts.join(','), model, physBits };
}
