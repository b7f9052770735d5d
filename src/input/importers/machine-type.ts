/** QEMU x86 machine type names (`pc-q35-7.2`, `pc-i440fx-2.11`, `q35`, `pc`) → the VM file's machine and version. */
import type { MachineType } from '../../core/spec.js';
import { tableEntry } from '../table-entry.js';

export interface MachineName {
  readonly machine: MachineType;
  /** `X.Y`, or null for an alias (`q35`, `pc`: the QEMU binary's newest) or a version the name does not tell. */
  readonly version: string | null;
  readonly alias: boolean;
  /** Ubuntu's `-hpb` ("host-phys-bits") variant, whose CPU defaults the planner does not model. */
  readonly hpb: boolean;
  /** Why the version is unknown although the name is versioned (a distribution's machine type). */
  readonly unknownVersion?: string;
}

/** Ubuntu names its machine types after the release: the QEMU of each LTS release. */
const UBUNTU: Readonly<Record<string, string>> = { bionic: '2.11', focal: '4.2', jammy: '6.2', noble: '8.2' };

/** null when the name is not an x86 PC machine type the planner models (microvm, isapc, xenfv, …). */
export function machineName(name: string): MachineName | null {
  // Proxmox VE's QEMU takes `TYPE+pveN` (qemu-server's revision of the same upstream type, Machine.pm
  // $PVE_MACHINE_VERSION) and qemu-server's `.pxe` picks iPXE ROMs: neither changes the address map.
  const trimmed = name.trim().replace(/\.pxe$/, '').replace(/\+pve\d+$/, '');
  if (trimmed === 'q35' || trimmed === 'pc') return { machine: trimmed, version: null, alias: true, hpb: false };
  const upstream = /^pc-(q35|i440fx)-(\d{1,2}\.\d{1,2})$/.exec(trimmed);
  if (upstream) return { machine: upstream[1] === 'q35' ? 'q35' : 'pc', version: upstream[2]!, alias: false, hpb: false };
  // pc-0.x and pc-1.x are the i440fx types from before the pc-i440fx- names.
  const legacy = /^pc-(\d{1,2}\.\d{1,2})$/.exec(trimmed);
  if (legacy) return { machine: 'pc', version: legacy[1]!, alias: false, hpb: false };
  const ubuntu = /^pc-(q35|i440fx)-([a-z]+)(-hpb)?$/.exec(trimmed);
  if (ubuntu) {
    const machine: MachineType = ubuntu[1] === 'q35' ? 'q35' : 'pc';
    const version = tableEntry(UBUNTU, ubuntu[2]!);
    return version
      ? { machine, version, alias: false, hpb: ubuntu[3] !== undefined }
      : { machine, version: null, alias: false, hpb: ubuntu[3] !== undefined, unknownVersion: `Ubuntu's ${trimmed}: the planner knows ${Object.keys(UBUNTU).join(', ')}` };
  }
  const distro = /^pc-(q35|i440fx)-(rhel[\d.]+)$/.exec(trimmed);
  if (distro) {
    return { machine: distro[1] === 'q35' ? 'q35' : 'pc', version: null, alias: false, hpb: false, unknownVersion: `${trimmed} is a RHEL machine type, whose compat settings differ from upstream's` };
  }
  return null;
}
