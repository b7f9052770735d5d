/**
 * The written form of a VM file (`plan --vm FILE`, presets/vms/*.json): the same shape as the normalized `input`
 * object of `plan --json`, so a plan's input can be fed back. Sizes are strings ("4G", "0x100000000", "1T + 512G")
 * or safe integers; versions are "X.Y" strings.
 */
import { z } from 'zod';

/** Numbers are checked by the size reader, which explains unsafe integers and fractions. */
const size = z.union([z.string(), z.number()]);

export const CpuSchema = z.strictObject({
  vendor: z.enum(['intel', 'amd', 'hygon']).optional(),
  /** the CPU model pins the vendor (-cpu …,vendor=, libvirt <cpu><vendor>): the guest sees `vendor` on every host */
  vendorPinned: z.boolean().optional(),
  longMode: z.boolean().optional(),
  physBits: z.number().int().optional(),
  /** host-phys-bits=on: the guest's phys-bits is each host's (not a fixed width); `pool check`'s setting without a flag */
  hostPhysBits: z.boolean().optional(),
  /** host-phys-bits-limit=N, with hostPhysBits (0 = no limit) */
  hostPhysBitsLimit: z.number().int().optional(),
  guestPhysBits: z.number().int().optional(),
  pdpe1gb: z.boolean().optional(),
  la57: z.boolean().optional(),
  /** QEMU's x-vendor-cpuid-only-v2 as set on -cpu (absent: the machine type's default, on from pc-*-10.1) */
  vendorCpuidOnlyV2: z.boolean().optional(),
});

export const FirmwareSchema = z.strictObject({
  /** an edk2 stable tag or a firmware preset name */
  edk2: z.string().optional(),
  /** modelled edk2 commits a package cherry-picks onto the tag (12 hex digits), as `plan --json` writes them */
  backports: z.array(z.string()).optional(),
  /** the package the firmware comes from, shown only */
  package: z.string().optional(),
  build: z.enum(['x64', 'ia32x64', 'ia32']).optional(),
  fiveLevelPaging: z.boolean().optional(),
  /** shorthand for fwCfg["opt/ovmf/X-PciMmio64Mb"] */
  pci64Mb: z.string().optional(),
  fwCfg: z.record(z.string(), z.string()).optional(),
  /** how QEMU maps the CODE image: pflash (-drive if=pflash, libvirt type='pflash') or rom (-bios, type='rom') */
  loader: z.enum(['pflash', 'rom']).optional(),
  /** the VM's CODE image path, libvirt <loader> */
  code: z.string().optional(),
  /** the varstore template libvirt copies, <nvram template=...> */
  vars: z.string().nullable().optional(),
  /** the size of the VM's existing NVRAM file */
  nvramSize: size.nullable().optional(),
});

/** One memory BAR as `lspci -vv` shows it: "Region 1: Memory at … (64-bit, prefetchable) [size=128G]". */
export const PciBarSchema = z.strictObject({
  index: z.number().int(),
  size,
  bits: z.union([z.literal(32), z.literal(64)]),
  prefetchable: z.boolean(),
});

/** A passed-through device: a device preset, or its own BARs; `count` identical ones, each behind its own root port by default. */
export const DeviceSchema = z.strictObject({
  preset: z.string().optional(),
  name: z.string().min(1).optional(),
  count: z.number().int().optional(),
  /** root-port (a pcie-root-port of its own, libvirt's q35 default) or root-bus */
  attach: z.enum(['root-port', 'root-bus']).optional(),
  /** the root port's slot is hot-plug capable (QEMU's default; libvirt hotplug='off' clears it) */
  hotplug: z.boolean().optional(),
  /** the root port's pref64-reserve hint */
  pref64Reserve: size.optional(),
  /** class code 0300, VGA-compatible; default: the preset's, else false */
  vga: z.boolean().optional(),
  bars: z.array(PciBarSchema).optional(),
});

/** presets/devices/*.json: a passthrough card's BARs, cited from public lspci output. */
export const DevicePresetSchema = z.strictObject({
  name: z.string(),
  description: z.string(),
  vendorId: z.string().optional(),
  deviceId: z.string().optional(),
  vga: z.boolean().optional(),
  bars: z.array(PciBarSchema).min(1),
  sources: z.array(z.string()).min(1),
});

export const VmFileSchema = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  machine: z.enum(['q35', 'pc']).optional(),
  machineVersion: z.string().optional(),
  qemuVersion: z.string().optional(),
  /** the QEMU package when its patches change the model: "pve-qemu-kvm" (absent: upstream) */
  qemuPackage: z.string().optional(),
  memory: size.optional(),
  maxmem: size.optional(),
  slots: z.number().int().optional(),
  maxRamBelow4g: size.optional(),
  pciHole64Size: size.nullable().optional(),
  cxlWindows: z.array(size).optional(),
  cpu: CpuSchema.optional(),
  firmware: FirmwareSchema.optional(),
  devices: z.array(DeviceSchema).optional(),
  /** empty hot-plug pcie-root-ports after the devices (libvirt adds spares) */
  emptyRootPorts: z.number().int().optional(),
});

export type VmFile = z.infer<typeof VmFileSchema>;

/** One firmware file as a preset or a host entry lists it (a host entry's own images use the same shape). */
export const FirmwareImageSchema = z.strictObject({
  path: z.string().min(1),
  /** code = OVMF_CODE, vars = a varstore template, unified = OVMF.fd (both in one file, for -bios) */
  role: z.enum(['code', 'vars', 'unified']),
  build: z.enum(['x64', 'ia32x64', 'ia32']),
  flash: z.enum(['2m', '4m']),
  secureBoot: z.boolean(),
  smm: z.boolean(),
  /** bytes */
  size: z.number().int().positive(),
  /** the edk2 stable tag it was built from; default: the preset's or the host's */
  edk2: z.string().optional(),
  /** the package, name and version, that installs it; default: the preset's */
  package: z.string().optional(),
});

/** presets/firmware/*.json: a distro's OVMF package and the edk2 release it ships. */
export const FirmwarePresetSchema = z.strictObject({
  name: z.string(),
  description: z.string(),
  distro: z.string(),
  release: z.string(),
  package: z.string(),
  packageVersion: z.string(),
  edk2: z.string(),
  defaultBuild: z.enum(['x64', 'ia32x64', 'ia32']),
  images: z.array(FirmwareImageSchema),
  /** upstream edk2 commits the package cherry-picks, as its changelog names them */
  backports: z.array(z.strictObject({
    commit: z.string().regex(/^[0-9a-f]{12}$/),
    upstream: z.string(),
    summary: z.string(),
    source: z.string(),
  })).optional(),
  sources: z.array(z.string()).min(1),
});

export type FirmwarePreset = z.infer<typeof FirmwarePresetSchema>;

/** A pool file (`pool check --pool FILE`, presets/pools/*.json): the hosts a VM may boot on or migrate to. */
export const HostSchema = z.strictObject({
  name: z.string().min(1),
  vendor: z.enum(['intel', 'amd', 'hygon']),
  /** MAXPHYADDR, as `address sizes` in /proc/cpuinfo or raw CPUID 0x80000008 */
  physBits: z.number().int(),
  /** KVM's GuestPhysBits; 0 or absent = not reported */
  guestPhysBits: z.number().int().optional(),
  pdpe1gb: z.boolean().optional(),
  la57: z.boolean().optional(),
  iommuBits: z.number().int().nullable().optional(),
  qemu: z.string(),
  /** an edk2 stable tag or a firmware preset name */
  firmware: z.string(),
  /** modelled edk2 commits the host's OVMF package cherry-picks onto its tag; absent = the preset's, or none */
  backports: z.array(z.string()).optional(),
  /** the OVMF package, shown only; absent = the preset's */
  package: z.string().optional(),
  ovmfBuild: z.enum(['x64', 'ia32x64', 'ia32']).optional(),
  count: z.number().int().optional(),
  /** firmware files beyond (or instead of, by path) the preset's */
  images: z.array(FirmwareImageSchema).optional(),
});

export const PoolFileSchema = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  hosts: z.array(HostSchema).min(1),
});

export type PoolFile = z.infer<typeof PoolFileSchema>;
