/** A firmware preset file's text → its validated content, with the edk2 tag checked against the modelled releases. */
import { FirmwarePresetSchema } from './schema.js';
import { type InputError, inputError, isInputError } from './input-error.js';
import { isEdk2Tag } from '../core/ovmf-releases.js';
import type { FirmwareChoice } from './to-spec.js';
import { readImages } from './firmware-images.js';

export function firmwarePresetFromJson(text: string, source: string): FirmwareChoice | InputError {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return inputError(source, `is not valid JSON (${(error as Error).message})`);
  }
  const parsed = FirmwarePresetSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return inputError(`${source}: ${issue.path.join('.')}`, issue.message);
  }
  const { name, edk2, defaultBuild } = parsed.data;
  if (!isEdk2Tag(edk2)) return inputError(`${source}: edk2`, `${JSON.stringify(edk2)} is not a modelled edk2 stable tag`);
  const images = readImages(parsed.data.images, { edk2, package: `${parsed.data.package} ${parsed.data.packageVersion}` }, (i, field) => `${source}: images.${i}.${field}`);
  if (isInputError(images)) return images;
  return { name, edk2, defaultBuild, description: parsed.data.description, images };
}
