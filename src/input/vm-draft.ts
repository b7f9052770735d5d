/**
 * The VM as the user wrote it, field by field, each value already converted and carrying the label of where it came
 * from (a flag such as `--memory`, or `vm.json: memory`), so that a later check can name the right place.
 */
import type { CpuVendor, FirmwareLoader, MachineType } from '../core/spec.js';
import type { QemuVersion } from '../core/qemu/versions.js';
import type { OvmfBuild } from '../core/ovmf/releases.js';
import type { DeviceRequest } from './pci-devices.js';

export interface Sourced<T> {
  readonly value: T;
  readonly label: string;
}

export interface VmDraft {
  readonly machine?: Sourced<MachineType>;
  readonly machineVersion?: Sourced<QemuVersion>;
  readonly qemuVersion?: Sourced<QemuVersion>;
  /** A QEMU package name the model knows (QEMU_PACKAGES). */
  readonly qemuPackage?: Sourced<string>;
  readonly memory?: Sourced<bigint>;
  readonly maxmem?: Sourced<bigint>;
  readonly slots?: Sourced<number>;
  readonly maxRamBelow4g?: Sourced<bigint>;
  readonly pciHole64Size?: Sourced<bigint>;
  readonly cxlWindows?: Sourced<readonly bigint[]>;
  readonly vendor?: Sourced<CpuVendor>;
  readonly vendorPinned?: Sourced<boolean>;
  readonly longMode?: Sourced<boolean>;
  readonly physBits?: Sourced<number>;
  readonly guestPhysBits?: Sourced<number>;
  readonly pdpe1gb?: Sourced<boolean>;
  readonly la57?: Sourced<boolean>;
  readonly vendorCpuidOnlyV2?: Sourced<boolean>;
  /** An edk2 stable tag, or the name of a firmware preset (resolved by the shell). */
  readonly firmware?: Sourced<string>;
  readonly ovmfBuild?: Sourced<OvmfBuild>;
  /** Backported edk2 commits (a VM file's firmware.backports), checked against the modelled ones. */
  readonly firmwareBackports?: Sourced<readonly string[]>;
  readonly firmwarePackage?: Sourced<string>;
  readonly fiveLevelPaging?: Sourced<boolean>;
  readonly fwCfg?: Sourced<Readonly<Record<string, string>>>;
  /** The firmware image paths the VM is bound to (libvirt <loader>, <nvram template=…>) and its NVRAM file's size. */
  readonly ovmfLoader?: Sourced<FirmwareLoader>;
  readonly ovmfCode?: Sourced<string>;
  readonly ovmfVars?: Sourced<string>;
  readonly nvramSize?: Sourced<bigint>;
  /**
   * A VM file's `cpu.hostPhysBits` (with `hostPhysBitsLimit`, null = none): the guest's width is each host's, so this
   * is a pool setting (`pool check` uses it when no setting flag is given); `toSpec` does not read it.
   */
  readonly hostPhysBits?: Sourced<{ readonly limit: number | null }>;
  /** Passed-through devices, presets not yet looked up (`toSpec` resolves them). */
  readonly devices?: Sourced<readonly DeviceRequest[]>;
  readonly emptyRootPorts?: Sourced<number>;
}

export type DraftField = keyof VmDraft;

/** The command-line flag of each field: the name errors use when no other source is known. */
export const FLAG: Readonly<Record<DraftField, string>> = {
  machine: '--machine',
  machineVersion: '--machine-version',
  qemuVersion: '--qemu-version',
  qemuPackage: '--qemu-package',
  memory: '--memory',
  maxmem: '--maxmem',
  slots: '--slots',
  maxRamBelow4g: '--max-ram-below-4g',
  pciHole64Size: '--pci-hole64-size',
  cxlWindows: '--cxl-window',
  vendor: '--vendor',
  vendorPinned: '--vendor-pinned',
  longMode: '--no-long-mode',
  physBits: '--phys-bits',
  guestPhysBits: '--guest-phys-bits',
  pdpe1gb: '--pdpe1gb',
  la57: '--la57',
  vendorCpuidOnlyV2: '--x-vendor-cpuid-only-v2',
  firmware: '--firmware',
  ovmfBuild: '--ovmf-build',
  firmwareBackports: 'firmware.backports',
  firmwarePackage: 'firmware.package',
  fiveLevelPaging: '--five-level-paging',
  fwCfg: '--fw-cfg',
  ovmfLoader: '--ovmf-loader',
  ovmfCode: '--ovmf-code',
  ovmfVars: '--ovmf-vars',
  nvramSize: '--nvram-size',
  hostPhysBits: '--host-phys-bits',
  devices: '--device',
  emptyRootPorts: '--empty-root-ports',
};

/** Later drafts win field by field (flags over a file); fw_cfg files are merged by name. */
export function mergeDrafts(...drafts: readonly VmDraft[]): VmDraft {
  const merged: VmDraft = Object.assign({}, ...drafts);
  const fwCfgs = drafts.flatMap((draft) => (draft.fwCfg ? [draft.fwCfg] : []));
  const last = fwCfgs.at(-1);
  if (!last) return merged;
  return { ...merged, fwCfg: { value: Object.assign({}, ...fwCfgs.map((f) => f.value)), label: last.label } };
}
