/**
 * The library's way in from written input: the same VM and pool files the CLI reads, as objects, with presets read
 * from the package's presets/. Bad input throws a GpaInputError whose message is the CLI's one-line error.
 */
import type { PhysBitsSetting, PoolSpec, VmSpec } from './core/spec.js';
import { type Plan, plan as planVm } from './core/plan.js';
import { type PoolReport, checkPool as checkPoolOf } from './core/pool/check.js';
import { type Recommendation, recommend as recommendFor } from './core/pool/recommend.js';
import { type ReverseLayout, reverseLayout as reverseOf } from './core/ovmf/reverse-layout.js';
import { type DeviceFixes, deviceFixes as deviceFixesOf } from './core/pci/device-fit.js';
import { poolError, settingError, vmError, widthError } from './input/library-args.js';
import { isEdk2Tag } from './core/ovmf/releases.js';
import { type InputError, isInputError } from './input/input-error.js';
import type { PoolFile, VmFile } from './input/schema.js';
import { vmDraftFromJson } from './input/vm-file.js';
import { poolFromJson, poolFirmwarePresetNames } from './input/pool-file.js';
import { toSpec } from './input/to-spec.js';
import { devicePresets, firmwarePresets, devicePresetNames, readPoolPreset, readVmPreset } from './io/presets.js';

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
  const named = draft.firmware !== undefined && !isEdk2Tag(draft.firmware.value) ? draft.firmware.value : null;
  const deviceNames = devicePresetNames(draft);
  const devices = deviceNames.length > 0 ? orThrow(await devicePresets(deviceNames)) : [];
  return orThrow(toSpec(draft, named !== null ? orThrow(await firmwarePresets([named])) : [], devices));
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
  const wanted = poolFirmwarePresetNames(text);
  const presets = wanted.length > 0 ? orThrow(await firmwarePresets(wanted)) : [];
  return orThrow(poolFromJson(text, source, presets));
}

function check(...errors: (() => InputError | null)[]): void {
  for (const error of errors) {
    const found = error();
    if (found) throw new GpaInputError(found.message);
  }
}

/** One VM's plan. Throws GpaInputError, in the CLI's words, for a VM outside the CLI's ranges. */
export function plan(vm: VmSpec): Plan {
  check(() => vmError(vm));
  return planVm(vm);
}

/**
 * One phys-bits setting across a pool. Throws GpaInputError for a setting the CLI would refuse
 * (`{ kind: 'fixed', physBits: 99 }`: "setting.physBits: phys-bits should be between 32 and 52  (but is 99)").
 */
export function checkPool(vm: VmSpec, pool: PoolSpec, setting: PhysBitsSetting): PoolReport {
  check(() => vmError(vm), () => poolError(pool), () => settingError(setting));
  return checkPoolOf(vm, pool, setting);
}

/** The best phys-bits setting for the pool. */
export function recommend(vm: VmSpec, pool: PoolSpec): Recommendation {
  check(() => vmError(vm), () => poolError(pool));
  return recommendFor(vm, pool);
}

/** The reversed layout for a trusted width (`reverse --width`), from QEMU's layout of the VM (`plan(vm).qemu`). */
export function reverseLayout(qemu: Plan['qemu'], width: number): ReverseLayout {
  check(() => widthError(width));
  return reverseOf(qemu, width);
}

/** The smallest X-PciMmio64Mb and phys-bits that make the VM's devices fit. */
export function deviceFixes(vm: VmSpec): DeviceFixes {
  check(() => vmError(vm));
  return deviceFixesOf(vm);
}
