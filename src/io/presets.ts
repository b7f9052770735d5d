/** Reading presets/ from disk: the only file I/O behind --preset, --firmware NAME and `gpa-planner presets`. */
// Synchronous reads: a handful of small files shipped with the program, read once per command; each asynchronous
// read is a round trip through libuv's thread pool, and on `plan --preset` they were a fifth of the start-up time.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type InputError, inputError, isInputError } from '../input/input-error.js';
import type { FirmwareChoice } from '../input/to-spec.js';
import type { DevicePreset } from '../input/pci-devices.js';

/** presets/ next to the program (bundle/cli-main.cjs) or the sources (src/io/presets.ts): the nearest one upwards. */
let root: string | undefined;
function presetsRoot(): string {
  root ??= findPresetsRoot();
  return root;
}

function findPresetsRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'presets');
    if (existsSync(join(candidate, 'vms'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('presets/ not found next to the program');
    dir = parent;
  }
}

async function names(kind: 'vms' | 'firmware' | 'pools' | 'devices'): Promise<string[]> {
  const files = readdirSync(join(presetsRoot(), kind));
  return files.filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort();
}

/** The text of a VM preset and the label errors in it carry. */
export async function readVmPreset(name: string): Promise<{ text: string; source: string } | InputError> {
  const available = await names('vms');
  if (!available.includes(name)) return inputError('--preset', `${JSON.stringify(name)} is not a VM preset (${available.join(', ')})`);
  return { text: readFileSync(join(presetsRoot(), 'vms', `${name}.json`), 'utf8'), source: `preset ${name}` };
}

/** The text of a pool preset and the label errors in it carry. */
export async function readPoolPreset(name: string): Promise<{ text: string; source: string } | InputError> {
  const available = await names('pools');
  if (!available.includes(name)) return inputError('--pool-preset', `${JSON.stringify(name)} is not a pool preset (${available.join(', ')})`);
  return { text: readFileSync(join(presetsRoot(), 'pools', `${name}.json`), 'utf8'), source: `pool preset ${name}` };
}

export async function presetSummaries(kind: 'vms' | 'pools'): Promise<{ name: string; description: string }[]> {
  return Promise.all((await names(kind)).map(async (name) => {
    const json = JSON.parse(readFileSync(join(presetsRoot(), kind, `${name}.json`), 'utf8')) as { description?: string };
    return { name, description: json.description ?? '' };
  }));
}

/**
 * The firmware presets, or only those named in `only` when every one of them exists (a plan needs its own, and
 * validating all twenty costs more than the plan); a name that does not exist reads them all, for the error's list.
 */
export async function firmwarePresets(only?: readonly string[]): Promise<FirmwareChoice[] | InputError> {
  const { firmwarePresetFromJson } = await import('../input/firmware-preset.js');
  const presets: FirmwareChoice[] = [];
  for (const name of chosen(await names('firmware'), only)) {
    const preset = firmwarePresetFromJson(readFileSync(join(presetsRoot(), 'firmware', `${name}.json`), 'utf8'), `presets/firmware/${name}.json`);
    if (isInputError(preset)) return preset;
    presets.push(preset);
  }
  return presets;
}

/** The device presets, or only those named in `only` when every one of them exists (as firmwarePresets does). */
export async function devicePresets(only?: readonly string[]): Promise<DevicePreset[] | InputError> {
  const { devicePresetFromJson } = await import('../input/device-preset.js');
  const presets: DevicePreset[] = [];
  for (const name of chosen(await names('devices'), only)) {
    const preset = await devicePresetFromJson(readFileSync(join(presetsRoot(), 'devices', `${name}.json`), 'utf8'), `presets/devices/${name}.json`);
    if (isInputError(preset)) return preset;
    presets.push(preset);
  }
  return presets;
}

/** The device presets a VM names, each once: none are read for most plans, which have no devices. */
export function devicePresetNames(draft: { readonly devices?: { readonly value: readonly { readonly preset: string | null }[] } }): string[] {
  return [...new Set((draft.devices?.value ?? []).flatMap((d) => (d.preset !== null ? [d.preset] : [])))];
}

/** `only` of the available names when every one of them exists; all of them otherwise, for the error's list. */
function chosen(available: readonly string[], only: readonly string[] | undefined): readonly string[] {
  return only !== undefined && only.every((name) => available.includes(name)) ? available.filter((name) => only.includes(name)) : available;
}
