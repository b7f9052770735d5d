/** Firmware image entries, as a firmware preset or a pool file's host lists them, → FirmwareImage values. */
import type { FirmwareImage } from '../core/spec.js';
import { type Edk2Tag, isEdk2Tag, ovmfRules } from '../core/ovmf/releases.js';
import { type InputError, inputError } from './input-error.js';
import type { FirmwareImageSchema } from './schema.js';
import type { z } from 'zod';

type WrittenImage = z.infer<typeof FirmwareImageSchema>;

export interface ImageDefaults {
  /** The release of images that name none: the preset's or the host's. */
  readonly edk2: Edk2Tag;
  /** The package of images that name none. */
  readonly package: string | null;
  /** The backports of images that name no release of their own: the preset's package's. */
  readonly backports?: readonly string[];
}

/** Each entry with its defaults applied; the first mistake as one line naming `at(index, field)`. */
export function readImages(written: readonly WrittenImage[], defaults: ImageDefaults, at: (index: number, field: string) => string): FirmwareImage[] | InputError {
  const images: FirmwareImage[] = [];
  for (const [index, image] of written.entries()) {
    if (images.some((i) => i.path === image.path)) return inputError(at(index, 'path'), `${JSON.stringify(image.path)} is listed twice`);
    if (image.edk2 !== undefined && !isEdk2Tag(image.edk2)) return inputError(at(index, 'edk2'), `${JSON.stringify(image.edk2)} is not an edk2 stable tag`);
    const edk2 = image.edk2 !== undefined && isEdk2Tag(image.edk2) ? image.edk2 : defaults.edk2;
    if (image.build === 'ia32' && !ovmfRules(edk2).ia32Build) {
      return inputError(at(index, 'build'), `OvmfPkgIa32 was removed in edk2-stable202511; ${edk2} has x64 and ia32x64`);
    }
    images.push({
      path: image.path, role: image.role, build: image.build, flash: image.flash, secureBoot: image.secureBoot, smm: image.smm,
      size: BigInt(image.size), edk2, package: image.package ?? defaults.package,
      ...(image.edk2 === undefined && defaults.backports && defaults.backports.length > 0 ? { backports: defaults.backports } : {}),
    });
  }
  return images;
}

/** A host's images: its preset's, each replaced by the host's own entry of the same path, then the host's others. */
export function mergeImages(preset: readonly FirmwareImage[], own: readonly FirmwareImage[]): readonly FirmwareImage[] {
  if (own.length === 0) return preset;
  const byPath = new Map(own.map((i) => [i.path, i]));
  return [...preset.map((i) => byPath.get(i.path) ?? i), ...own.filter((i) => !preset.some((p) => p.path === i.path))];
}
