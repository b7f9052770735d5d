/** A VM and a pool as the JSON files the CLI reads (`--vm FILE`, `--pool FILE`): what the planner exports. */
import type { HostSpec, PoolSpec, VmSpec } from '../core/spec.js';
import { formatVersion } from '../core/qemu/versions.js';
import { vmToJson } from './plan-json.js';

/** The VM file: the normalized VM (every field present, sizes in hex), under a name. */
export function vmFileJson(vm: VmSpec, name: string): object {
  return { name, ...(vmToJson(vm) as object) };
}

export function poolFileJson(pool: PoolSpec, name: string): object {
  return { name, hosts: pool.hosts.map(hostJson) };
}

function hostJson(host: HostSpec) {
  return {
    name: host.name,
    vendor: host.vendor,
    physBits: host.physBits,
    guestPhysBits: host.guestPhysBits,
    pdpe1gb: host.pdpe1gb,
    la57: host.la57,
    iommuBits: host.iommuBits,
    qemu: formatVersion(host.qemuVersion),
    firmware: host.firmware.edk2,
    ovmfBuild: host.firmware.build,
    ...packageJson(host.firmware),
    count: host.count,
  };
}

/** A host's OVMF package beyond its tag and build, as pool files and pool JSON write it (only what is known). */
export function packageJson(firmware: HostSpec['firmware']): { backports?: readonly string[]; package?: string } {
  return { ...(firmware.backports?.length ? { backports: firmware.backports } : {}), ...(firmware.package ? { package: firmware.package } : {}) };
}
