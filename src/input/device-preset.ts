/** A device preset file's text (presets/devices/*.json) → the card's name, class and BARs, checked like a VM file's. */
import { DevicePresetSchema } from './schema.js';
import { parseJsonText, validated } from './json-file.js';
import { type InputError, isInputError } from './input-error.js';
import { type DevicePreset, readBars } from './pci-devices.js';

export async function devicePresetFromJson(text: string, source: string): Promise<DevicePreset | InputError> {
  const json = parseJsonText(text, source);
  if (isInputError(json)) return json;
  const parsed = validated(json, DevicePresetSchema, source);
  if (isInputError(parsed)) return parsed;
  const bars = await readBars(parsed.bars, `${source}: bars`);
  if (isInputError(bars)) return bars;
  return { name: parsed.name, description: parsed.description, vga: parsed.vga ?? false, bars };
}
