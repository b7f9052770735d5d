/**
 * The written form of a VM file (`plan --vm FILE`, presets/vms/*.json): the same shape as the normalized `input`
 * object of `plan --json`, so a plan's input can be fed back. Sizes are strings ("4G", "0x100000000", "1T + 512G")
 * or safe integers; versions are "X.Y" strings.
 */
// zod/mini rather than zod's classic API: the same checks, and the same messages (json-file.ts sets them), but the
// classic build costs 10 ms more at start-up: bound methods on every schema, the whole library in one namespace.
import * as z from 'zod/mini';

/** Numbers are checked by the size reader, which explains unsafe integers and fractions. */
const size = z.union([z.string(), z.number()]);

export const CpuSchema = z.strictObject({
  vendor: z.optional(z.enum(['intel', 'amd', 'hygon'])),
  /** the CPU model pins the vendor (-cpu …,vendor=, libvirt <cpu><vendor>): the guest sees `vendor` on every host */
  vendorPinned: z.optional(z.boolean()),
  longMode: z.optional(z.boolean()),
  physBits: z.optional(z.int()),
  /** host-phys-bits=on: the guest's phys-bits is each host's (not a fixed width); `pool check`'s setting without a flag */
  hostPhysBits: z.optional(z.boolean()),
  /** host-phys-bits-limit=N, with hostPhysBits (0 = no limit) */
  hostPhysBitsLimit: z.optional(z.int()),
  guestPhysBits: z.optional(z.int()),
  pdpe1gb: z.optional(z.boolean()),
  la57: z.optional(z.boolean()),
  /** QEMU's x-vendor-cpuid-only-v2 as set on -cpu (absent: the machine type's default, on from pc-*-10.1) */
  vendorCpuidOnlyV2: z.optional(z.boolean()),
});

export const FirmwareSchema = z.strictObject({
  /** an edk2 stable tag or a firmware preset name */
  edk2: z.optional(z.string()),
  /** modelled edk2 commits a package cherry-picks onto the tag (12 hex digits), as `plan --json` writes them */
  backports: z.optional(z.array(z.string())),
  /** the package the firmware comes from, shown only */
  package: z.optional(z.string()),
  build: z.optional(z.enum(['x64', 'ia32x64', 'ia32'])),
  fiveLevelPaging: z.optional(z.boolean()),
  /** shorthand for fwCfg["opt/ovmf/X-PciMmio64Mb"] */
  pci64Mb: z.optional(z.string()),
  fwCfg: z.optional(z.record(z.string(), z.string())),
  /** how QEMU maps the CODE image: pflash (-drive if=pflash, libvirt type='pflash') or rom (-bios, type='rom') */
  loader: z.optional(z.enum(['pflash', 'rom'])),
  /** the VM's CODE image path, libvirt <loader> */
  code: z.optional(z.string()),
  /** the varstore template libvirt copies, <nvram template=...> */
  vars: z.optional(z.nullable(z.string())),
  /** the size of the VM's existing NVRAM file */
  nvramSize: z.optional(z.nullable(size)),
});

/** One memory BAR as `lspci -vv` shows it: "Region 1: Memory at … (64-bit, prefetchable) [size=128G]". */
export const PciBarSchema = z.strictObject({
  index: z.int(),
  size,
  bits: z.union([z.literal(32), z.literal(64)]),
  prefetchable: z.boolean(),
});

/** A passed-through device: a device preset, or its own BARs; `count` identical ones, each behind its own root port by default. */
export const DeviceSchema = z.strictObject({
  preset: z.optional(z.string()),
  name: z.optional(z.string().check(z.minLength(1))),
  count: z.optional(z.int()),
  /** root-port (a pcie-root-port of its own, libvirt's q35 default) or root-bus */
  attach: z.optional(z.enum(['root-port', 'root-bus'])),
  /** the root port's slot is hot-plug capable (QEMU's default; libvirt hotplug='off' clears it) */
  hotplug: z.optional(z.boolean()),
  /** the root port's pref64-reserve hint */
  pref64Reserve: z.optional(size),
  /** class code 0300, VGA-compatible; default: the preset's, else false */
  vga: z.optional(z.boolean()),
  bars: z.optional(z.array(PciBarSchema)),
});

/** presets/devices/*.json: a passthrough card's BARs, cited from public lspci output. */
export const DevicePresetSchema = z.strictObject({
  name: z.string(),
  description: z.string(),
  vendorId: z.optional(z.string()),
  deviceId: z.optional(z.string()),
  vga: z.optional(z.boolean()),
  bars: z.array(PciBarSchema).check(z.minLength(1)),
  sources: z.array(z.string()).check(z.minLength(1)),
});

export const VmFileSchema = z.strictObject({
  name: z.optional(z.string()),
  description: z.optional(z.string()),
  machine: z.optional(z.enum(['q35', 'pc'])),
  machineVersion: z.optional(z.string()),
  qemuVersion: z.optional(z.string()),
  /** the QEMU package when its patches change the model: "pve-qemu-kvm" (absent: upstream) */
  qemuPackage: z.optional(z.string()),
  memory: z.optional(size),
  maxmem: z.optional(size),
  slots: z.optional(z.int()),
  maxRamBelow4g: z.optional(size),
  pciHole64Size: z.optional(z.nullable(size)),
  cxlWindows: z.optional(z.array(size)),
  cpu: z.optional(CpuSchema),
  firmware: z.optional(FirmwareSchema),
  devices: z.optional(z.array(DeviceSchema)),
  /** empty hot-plug pcie-root-ports after the devices (libvirt adds spares) */
  emptyRootPorts: z.optional(z.int()),
});

export type VmFile = z.infer<typeof VmFileSchema>;

/** One firmware file as a preset or a host entry lists it (a host entry's own images use the same shape). */
export const FirmwareImageSchema = z.strictObject({
  path: z.string().check(z.minLength(1)),
  /** code = OVMF_CODE, vars = a varstore template, unified = OVMF.fd (both in one file, for -bios) */
  role: z.enum(['code', 'vars', 'unified']),
  build: z.enum(['x64', 'ia32x64', 'ia32']),
  flash: z.enum(['2m', '4m']),
  secureBoot: z.boolean(),
  smm: z.boolean(),
  /** bytes */
  size: z.int().check(z.positive()),
  /** the edk2 stable tag it was built from; default: the preset's or the host's */
  edk2: z.optional(z.string()),
  /** the package, name and version, that installs it; default: the preset's */
  package: z.optional(z.string()),
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
  backports: z.optional(z.array(z.strictObject({
    commit: z.string().check(z.regex(/^[0-9a-f]{12}$/)),
    upstream: z.string(),
    summary: z.string(),
    source: z.string(),
  }))),
  sources: z.array(z.string()).check(z.minLength(1)),
});

export type FirmwarePreset = z.infer<typeof FirmwarePresetSchema>;

/** A pool file (`pool check --pool FILE`, presets/pools/*.json): the hosts a VM may boot on or migrate to. */
export const HostSchema = z.strictObject({
  name: z.string().check(z.minLength(1)),
  vendor: z.enum(['intel', 'amd', 'hygon']),
  /** MAXPHYADDR, as `address sizes` in /proc/cpuinfo or raw CPUID 0x80000008 */
  physBits: z.int(),
  /** KVM's GuestPhysBits; 0 or absent = not reported */
  guestPhysBits: z.optional(z.int()),
  pdpe1gb: z.optional(z.boolean()),
  la57: z.optional(z.boolean()),
  iommuBits: z.optional(z.nullable(z.int())),
  qemu: z.string(),
  /** an edk2 stable tag or a firmware preset name */
  firmware: z.string(),
  /** modelled edk2 commits the host's OVMF package cherry-picks onto its tag; absent = the preset's, or none */
  backports: z.optional(z.array(z.string())),
  /** the OVMF package, shown only; absent = the preset's */
  package: z.optional(z.string()),
  ovmfBuild: z.optional(z.enum(['x64', 'ia32x64', 'ia32'])),
  count: z.optional(z.int()),
  /** firmware files beyond (or instead of, by path) the preset's */
  images: z.optional(z.array(FirmwareImageSchema)),
});

export const PoolFileSchema = z.strictObject({
  name: z.optional(z.string()),
  description: z.optional(z.string()),
  hosts: z.array(HostSchema).check(z.minLength(1)),
});

export type PoolFile = z.infer<typeof PoolFileSchema>;
