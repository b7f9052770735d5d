/**
 * What the planner does outside the screen: reading presets and files, running a setup through the input layer (the
 * CLI's own checks, so refusals read exactly like the CLI's), and exporting files. The App gets these as a prop.
 */
import { oldestQemu } from '../core/pool/check.js';
import { readBounded, readFailure } from '../io/bounded-read.js';
import { INPUT_LIMITS, type InputLimit } from '../input/input-limits.js';
import { isAbsolute, join } from 'node:path';
import { type InputError, inputError, isInputError } from '../input/input-error.js';
import { draftFromFlags, type VmFlags } from '../input/vm-flags.js';
import { FLAG, mergeDrafts } from '../input/vm-draft.js';
import { type FirmwareChoice, toSpec } from '../input/to-spec.js';
import { settingFromFlags } from '../input/setting-flags.js';
import { VmFileSchema } from '../input/schema.js';
import { devicePresets, firmwarePresets, presetSummaries, readPoolPreset, readVmPreset } from '../io/presets.js';
import type { DevicePreset } from '../input/pci-devices.js';
import { writeNewFiles } from '../io/export-files.js';
import { poolFileJson, vmFileJson } from '../render/spec-files.js';
import { applySetting } from '../render/settings.js';
import { flagsFromVmFile } from './file-flags.js';
import type { FieldChoices } from './fields.js';
import type { LoadedPool, Planned, Setup } from './setup.js';
import type { RequestResult } from './state.js';

/** A VM file's values as flags, and its own phys-bits setting (`cpu.hostPhysBits`), which is the planner's mode. */
export interface LoadedVm {
  readonly name: string;
  readonly flags: VmFlags;
  /** null: the file gives a fixed width (or none). */
  readonly hostPhysBits: { readonly limit: string | undefined } | null;
}

export interface TuiServices {
  readonly choices: FieldChoices;
  /** The setup through the input layer: the VM and setting to plan, or the CLI's one-line refusal. */
  plan(setup: Setup): Promise<Planned | InputError>;
  /** A VM preset by name, or a VM file by path (`as` says which; by default anything with a `/` or ending in .json is a file). */
  loadVm(nameOrPath: string, as?: Source): Promise<LoadedVm | InputError>;
  /** A pool preset, a pool file, or `none`. */
  loadPool(nameOrPath: string, as?: Source): Promise<LoadedPool | null | InputError>;
  /** `<stem>.vm.json` (and `<stem>.pool.json` with a pool) in the working directory. */
  exportFiles(planned: Planned, stem: string, overwrite: boolean): Promise<RequestResult>;
}

/** Whether a name given is a preset's or a file's. */
export type Source = 'preset' | 'file';

export async function createServices(directory: string): Promise<TuiServices | InputError> {
  const firmware = await firmwarePresets();
  if (isInputError(firmware)) return firmware;
  const devices = await devicePresets();
  if (isInputError(devices)) return devices;
  const names = async (kind: 'vms' | 'pools') => (await presetSummaries(kind)).map((p) => p.name);
  const choices: FieldChoices = { vmPresets: await names('vms'), poolPresets: await names('pools'), firmwarePresets: firmware.map((f) => f.name) };
  const resolve = (path: string) => (isAbsolute(path) ? path : join(directory, path));
  const isFile = (text: string, as: Source | undefined) => (as ? as === 'file' : text.includes('/') || text.endsWith('.json'));
  const readUserFile = async (path: string, flag: string, limit: InputLimit): Promise<string | InputError> => {
    try {
      return await readBounded(resolve(path), limit);
    } catch (error) {
      return inputError(flag, `cannot read ${path} (${readFailure(error)})`);
    }
  };

  return {
    choices,
    plan: (setup) => planSetup(setup, firmware, devices),

    async loadVm(nameOrPath, as) {
      const source = isFile(nameOrPath, as) ? null : await readVmPreset(nameOrPath);
      if (isInputError(source)) return source;
      const text = source ? source.text : await readUserFile(nameOrPath, '--vm', INPUT_LIMITS.vmFile);
      if (isInputError(text)) return text;
      const label = source ? source.source : nameOrPath;
      // The file's own mistakes are reported against the file, as `plan --vm FILE` does.
      const { vmDraftFromJson } = await import('../input/vm-file.js');
      const draft = await vmDraftFromJson(text, label);
      if (isInputError(draft)) return draft;
      const spec = toSpec(draft, firmware, devices);
      if (isInputError(spec)) return spec;
      let json = JSON.parse(text) as { schema?: unknown; input?: unknown };
      if (json.schema === 'gpa-planner/plan/v1') json = json.input as typeof json;
      const host = draft.hostPhysBits?.value;
      return { name: nameOrPath, flags: flagsFromVmFile(VmFileSchema.parse(json)), hostPhysBits: host ? { limit: host.limit === null ? undefined : String(host.limit) } : null };
    },

    async loadPool(nameOrPath, as) {
      if (nameOrPath === 'none' && as !== 'file') return null;
      const source = isFile(nameOrPath, as) ? null : await readPoolPreset(nameOrPath);
      if (isInputError(source)) return source;
      const text = source ? source.text : await readUserFile(nameOrPath, '--pool', INPUT_LIMITS.poolFile);
      if (isInputError(text)) return text;
      const { poolFromJson } = await import('../input/pool-file.js');
      const spec = poolFromJson(text, source ? source.source : nameOrPath, firmware);
      return isInputError(spec) ? spec : { name: nameOrPath, spec };
    },

    async exportFiles(planned, stem, overwrite) {
      const vmPath = `${stem}.vm.json`;
      const poolPath = `${stem}.pool.json`;
      const files = [{ path: vmPath, text: `${JSON.stringify(vmFileJson(planned.vm, stem), null, 2)}\n` }];
      if (planned.pool) files.push({ path: poolPath, text: `${JSON.stringify(poolFileJson(planned.pool.spec, stem), null, 2)}\n` });
      try {
        const result = await writeNewFiles(files.map((f) => ({ ...f, path: resolve(f.path) })), overwrite);
        const shown = files.map((f) => f.path);
        if (result.kind === 'exists') return { kind: 'exists', files: shown.filter((p) => result.paths.includes(resolve(p))) };
        const command = planned.pool
          ? `gpa-planner pool check --vm ${vmPath} --pool ${poolPath} ${applySetting(planned.setting).args.join(' ')}`
          : `gpa-planner plan --vm ${vmPath}`;
        return { kind: 'exported', files: shown, command };
      } catch (error) {
        return { kind: 'rejected', message: `cannot write ${stem} files (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
      }
    },
  };
}

/** The steps of `pool check`: flags → draft → spec (machine type defaulting to the pool's oldest QEMU) → setting. */
export async function planSetup(setup: Setup, firmware: readonly FirmwareChoice[], devices: readonly DevicePreset[] = []): Promise<Planned | InputError> {
  const draft = await draftFromFlags(setup.flags);
  if (isInputError(draft)) return draft;
  const oldest = setup.pool ? oldestQemu(setup.pool.spec) : null;
  const vm = toSpec(mergeDrafts(oldest ? { machineVersion: { value: oldest, label: FLAG.machineVersion } } : {}, draft), firmware, devices);
  if (isInputError(vm)) return vm;
  const setting = settingFromFlags({ hostPhysBits: setup.hostPhysBits, hostPhysBitsLimit: setup.limit }, vm);
  if (isInputError(setting)) return setting;
  return { ...setup, vm, setting };
}

