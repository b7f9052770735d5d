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
  longMode: z.boolean().optional(),
  physBits: z.number().int().optional(),
  guestPhysBits: z.number().int().optional(),
  pdpe1gb: z.boolean().optional(),
  la57: z.boolean().optional(),
});

export const FirmwareSchema = z.strictObject({
  /** an edk2 stable tag or a firmware preset name */
  edk2: z.string().optional(),
  build: z.enum(['x64', 'ia32x64', 'ia32']).optional(),
  fiveLevelPaging: z.boolean().optional(),
  /** shorthand for fwCfg["opt/ovmf/X-PciMmio64Mb"] */
  pci64Mb: z.string().optional(),
  fwCfg: z.record(z.string(), z.string()).optional(),
});

export const VmFileSchema = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  machine: z.enum(['q35', 'pc']).optional(),
  machineVersion: z.string().optional(),
  qemuVersion: z.string().optional(),
  memory: size.optional(),
  maxmem: size.optional(),
  slots: z.number().int().optional(),
  maxRamBelow4g: size.optional(),
  pciHole64Size: size.nullable().optional(),
  cxlWindows: z.array(size).optional(),
  cpu: CpuSchema.optional(),
  firmware: FirmwareSchema.optional(),
});

export type VmFile = z.infer<typeof VmFileSchema>;

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
  images: z.array(z.strictObject({
    path: z.string(),
    role: z.enum(['code', 'vars']),
    build: z.enum(['x64', 'ia32x64', 'ia32']),
    flash: z.enum(['2m', '4m']),
    secureBoot: z.boolean(),
    smm: z.boolean(),
    size: z.number().int().positive(),
  })),
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
  ovmfBuild: z.enum(['x64', 'ia32x64', 'ia32']).optional(),
  count: z.number().int().optional(),
});

export const PoolFileSchema = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  hosts: z.array(HostSchema).min(1),
});

export type PoolFile = z.infer<typeof PoolFileSchema>;
