/**
 * Firmware descriptors and the sizes of the files they name → a pool host's `images` list. Only what is known is
 * listed: a file that is missing, not raw, or of a size no OVMF flash layout has is left out with a warning, never
 * given a guessed size.
 */
import type { FirmwareImage, FlashLayout } from '../../core/spec.js';
import type { OvmfBuild } from '../../core/ovmf/releases.js';
import { FLASH_LAYOUTS } from '../../core/firmware/flash.js';
import type { FirmwareImageSchema } from '../schema.js';
import type { z } from 'zod';
import type { DescribedFile, FirmwareDescriptor } from './firmware-descriptor.js';

export type WrittenImage = z.infer<typeof FirmwareImageSchema>;

export interface DescribedSource {
  readonly descriptor: FirmwareDescriptor;
  /** The descriptor's file, for warnings. */
  readonly source: string;
}

export interface DescriptorImagesOptions {
  /** Bytes of each named file found on the machine (links followed); a file not in the map was not found. */
  readonly sizes: ReadonlyMap<string, bigint>;
  /** The build of an image the firmware preset does not list at the same path and size: the host's default. */
  readonly build: OvmfBuild;
  /** Where `build` comes from, for the warning (e.g. `the default build of firmware preset debian-12`). */
  readonly buildFrom: string;
  /** The host's firmware preset's images: one of the same path, role and size lends its build and package. */
  readonly known: readonly FirmwareImage[];
}

export interface DescriptorImagesResult {
  readonly images: WrittenImage[];
  readonly warnings: string[];
}

type Role = FirmwareImage['role'];

/** Every x86_64 UEFI image the descriptors name whose size is known, each path once (the first descriptor's wins). */
export function descriptorImages(described: readonly DescribedSource[], options: DescriptorImagesOptions): DescriptorImagesResult {
  const images: WrittenImage[] = [];
  const warnings: string[] = [];
  const firstSource = new Map<string, string>();
  const assumedBuild: string[] = [];
  for (const { descriptor, source } of described) {
    const skip = skipReason(descriptor);
    if (skip) {
      warnings.push(`${source}: ${skip}: skipped`);
      continue;
    }
    if (descriptor.mode !== 'split' && descriptor.nvramTemplate) {
      warnings.push(`${source}: mapping.nvram-template ${descriptor.nvramTemplate.filename} is ignored: a ${descriptor.mode} mapping has no varstore template (firmware.json)`);
    }
    const entries: { file: DescribedFile; role: Role; secureBoot: boolean; smm: boolean }[] = [];
    const has = (feature: string) => descriptor.features.includes(feature);
    if (descriptor.mode === 'split') {
      entries.push({ file: descriptor.executable, role: 'code', secureBoot: has('secure-boot'), smm: has('requires-smm') });
      // The template's own Secure Boot state: enrolled-keys means it holds the keys with Secure Boot on.
      if (descriptor.nvramTemplate) entries.push({ file: descriptor.nvramTemplate, role: 'vars', secureBoot: has('enrolled-keys'), smm: false });
    } else {
      entries.push({ file: descriptor.executable, role: 'unified', secureBoot: has('secure-boot'), smm: has('requires-smm') });
    }
    const codeLayout = descriptor.mode === 'split' ? layoutOf('code', options.sizes.get(descriptor.executable.filename)) : null;
    for (const { file, role, secureBoot, smm } of entries) {
      const path = file.filename;
      if (firstSource.has(path)) {
        const listed = images.find((i) => i.path === path);
        if (listed && (listed.role !== role || listed.secureBoot !== secureBoot || listed.smm !== smm)) {
          warnings.push(`${source}: ${path} is described otherwise by ${firstSource.get(path)}, whose description is kept`);
        }
        continue;
      }
      firstSource.set(path, source);
      if (file.format !== 'raw') {
        warnings.push(`${source}: ${path} is a ${file.format} image: its file size is not the size of the flash QEMU maps, so it is not listed`);
        continue;
      }
      const size = options.sizes.get(path);
      if (size === undefined) {
        warnings.push(`${source}: ${path} is not on this machine (or cannot be read): its size is unknown, so it is not listed`);
        continue;
      }
      // The template is "compatible with @executable" (firmware.json): it has the CODE's layout, padded if larger, unless
      // it is too small to hold that layout's varstore.
      const flash = role === 'vars' && codeLayout && size >= FLASH_LAYOUTS[codeLayout].varsSize ? codeLayout : layoutOf(role, size);
      if (flash === null) {
        warnings.push(`${source}: ${path} is ${size} bytes, which is no OVMF ${role === 'unified' ? 'image (2097152 or 4194304)' : role === 'code' ? 'CODE size (1966080 or 3653632)' : 'varstore size (131072 or 540672), nor one padded for its CODE'}: its flash layout is unknown, so it is not listed`);
        continue;
      }
      const preset = options.known.find((k) => k.path === path && k.role === role && k.size === size);
      if (!preset) assumedBuild.push(path);
      images.push({
        path, role, build: preset?.build ?? options.build, flash, secureBoot, smm, size: Number(size),
        ...(preset?.package ? { package: preset.package } : {}),
      });
    }
  }
  if (assumedBuild.length > 0) {
    warnings.push(`firmware descriptors do not say whether an image is an X64 or Ia32X64 build: assumed ${options.build} (${options.buildFrom}) for ${assumedBuild.join(', ')}; correct "build" where it differs`);
  }
  return { images, warnings };
}

/** Why a descriptor describes nothing a pool host's images can hold, or null. */
function skipReason(descriptor: FirmwareDescriptor): string | null {
  if (!descriptor.interfaces.includes('uefi')) return `interface-types ${descriptor.interfaces.join(', ')}: not UEFI firmware`;
  if (!descriptor.architectures.includes('x86_64')) return `targets ${descriptor.architectures.join(', ') || '(none)'}: not x86_64`;
  if (descriptor.device === 'kernel') return 'mapping.device kernel: loaded like a kernel, not mapped as flash or ROM';
  return null;
}

/**
 * The flash layout whose file of this role has exactly this size: the CODE and VARS volumes of FD_SIZE_2MB and
 * FD_SIZE_4MB builds, and OVMF.fd, the whole 2 MiB or 4 MiB device (CODE and VARS together).
 * @see edk2 OvmfPkg/OvmfPkgDefines.fdf.inc (FD_SIZE_IN_KB, VARS_SIZE, CODE_SIZE); core/firmware/flash.ts
 */
function layoutOf(role: Role, size: bigint | undefined): FlashLayout | null {
  if (size === undefined) return null;
  for (const layout of ['2m', '4m'] as const) {
    const { codeSize, varsSize } = FLASH_LAYOUTS[layout];
    if ((role === 'code' ? codeSize : role === 'vars' ? varsSize : codeSize + varsSize) === size) return layout;
  }
  return null;
}
