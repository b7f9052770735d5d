/** A firmware preset file's text → its validated content, with the edk2 tag checked against the modelled releases. */
import { FirmwarePresetSchema } from './schema.js';
import { parseJsonText, validated } from './json-file.js';
import { type InputError, inputError, isInputError } from './input-error.js';
import { isEdk2Tag } from '../core/ovmf/releases.js';
import { modelledCommit } from '../core/ovmf/commits.js';
import type { FirmwareChoice } from './to-spec.js';
import { readImages } from './firmware-images.js';

export function firmwarePresetFromJson(text: string, source: string): FirmwareChoice | InputError {
  const json = parseJsonText(text, source);
  if (isInputError(json)) return json;
  const parsed = validated(json, FirmwarePresetSchema, source);
  if (isInputError(parsed)) return parsed;
  const { name, edk2, defaultBuild } = parsed;
  if (!isEdk2Tag(edk2)) return inputError(`${source}: edk2`, `${JSON.stringify(edk2)} is not a modelled edk2 stable tag`);
  // Only commits the model has rules for change a plan; the others stay in the file as the package's record.
  const backports = (parsed.backports ?? []).map((b) => b.commit).filter((hash) => modelledCommit(hash) !== undefined);
  const packageName = `${parsed.package} ${parsed.packageVersion}`;
  const images = readImages(parsed.images, { edk2, package: packageName, backports }, (i, field) => `${source}: images.${i}.${field}`);
  if (isInputError(images)) return images;
  return { name, edk2, defaultBuild, description: parsed.description, images, backports, package: packageName };
}
