/**
 * The library's way in from written input: the same VM and pool files the CLI reads, as objects, with presets read
 * from the package's presets/. Bad input throws a GpaInputError whose message is the CLI's one-line error.
 */
import type { PoolSpec, VmSpec } from './core/spec.js';
import { isEdk2Tag } from './core/ovmf/releases.js';
import { type InputError, isInputError } from './input/input-error.js';
import type { PoolFile, VmFile } from './input/schema.js';
import { vmDraftFromJson } from './input/vm-file.js';
import { poolFromJson, poolNeedsFirmwarePresets } from './input/pool-file.js';
import { toSpec } from './input/to-spec.js';
import { devicePresets, firmwarePresets, needsDevicePresets, readPoolPreset, readVmPreset } from './io/presets.js';

export class GpaInputError extends Error {
  override readonly name = 'GpaInputError';
}

function orThrow<T>(value: T | InputError): T {
  if (isInputError(value)) throw new GpaInputError(value.message);
  return value;
}

/** A VM from the VM-file shape (`{ memory: '32G', cpu: { physBits: 39 } }`), defaults applied as in the CLI. */
export async function vmSpec(written: VmFile, source = 'vm'): Promise<VmSpec> {
  const draft = orThrow(await vmDraftFromJson(JSON.stringify(written), source));
  const needsPresets = draft.firmware !== undefined && !isEdk2Tag(draft.firmware.value);
  const devices = needsDevicePresets(draft) ? orThrow(await devicePresets()) : [];
  return orThrow(toSpec(draft, needsPresets ? orThrow(await firmwarePresets()) : [], devices));
}

/** A VM preset from presets/vms/ by name. */
export async function vmPreset(name: string): Promise<VmSpec> {
  const { text, source } = orThrow(await readVmPreset(name));
  const draft = orThrow(await vmDraftFromJson(text, source));
  return orThrow(toSpec(draft, orThrow(await firmwarePresets()), orThrow(await devicePresets())));
}

/** A pool from the pool-file shape (`{ hosts: [...] }`). */
export async function poolSpec(written: PoolFile, source = 'pool'): Promise<PoolSpec> {
  return readPool(JSON.stringify(written), source);
}

/** A pool preset from presets/pools/ by name. */
export async function poolPreset(name: string): Promise<PoolSpec> {
  const { text, source } = orThrow(await readPoolPreset(name));
  return readPool(text, source);
}

async function readPool(text: string, source: string): Promise<PoolSpec> {
  const presets = poolNeedsFirmwarePresets(text) ? orThrow(await firmwarePresets()) : [];
  return orThrow(poolFromJson(text, source, presets));
}
