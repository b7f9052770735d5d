/** `gpa-planner pool check` and `pool recommend`: read the VM and the pool, check or search, render. */
import type { Command } from 'commander';
import type { PoolSpec } from '../core/spec.js';
import { checkPool } from '../core/pool-check.js';
import { recommend } from '../core/recommend.js';
import { compareVersions, type QemuVersion } from '../core/versions.js';
import { type InputError, inputError, isInputError } from '../input/input-error.js';
import { type SettingFlags, settingFromFlags } from '../input/setting-flags.js';
import { poolToJson } from '../render/pool-json.js';
import { poolToText, recommendationToText } from '../render/pool-text.js';
import { addVmOptions, readVm, type VmOptions } from './vm-options.js';
import { firmwarePresets, readPoolPreset } from '../io/presets.js';
import type { ExitCode, Io } from './io.js';

type PoolOptions = VmOptions & SettingFlags & { pool?: string; poolPreset?: string; json?: boolean };

export function addPoolCommands(program: Command, io: Io, done: (code: ExitCode) => void): void {
  const pool = program.command('pool').description('check a phys-bits setting across a live-migration pool, or find the best one');
  for (const [name, description] of [
    ['check', 'plan the VM on every host group and every (boot, destination) pair; exit 1 when any fails'],
    ['recommend', 'search every fixed phys-bits and host-phys-bits limit for the setting that passes with the largest aperture'],
  ] as const) {
    addVmOptions(pool.command(name).description(description))
      .option('--pool <file>', 'pool JSON file ("-" for standard input)')
      .option('--pool-preset <name>', 'a pool preset (see `gpa-planner presets`)')
      .option('--host-phys-bits', 'the setting to check: host-phys-bits=on (instead of a fixed --phys-bits)')
      .option('--host-phys-bits-limit <n>', 'with --host-phys-bits: host-phys-bits-limit=N')
      .option('--json', 'print the gpa-planner/pool/v1 JSON document')
      .action(async (options: PoolOptions) => done(await runPool(name, options, io)));
  }
}

async function runPool(command: 'check' | 'recommend', options: PoolOptions, io: Io): Promise<ExitCode> {
  const poolSpec = await readPool(options, io);
  if (isInputError(poolSpec)) return fail(io, poolSpec);
  const vm = await readVm(options, io, oldestQemu(poolSpec));
  if (isInputError(vm)) return fail(io, vm);
  const setting = settingFromFlags(options, vm);
  if (isInputError(setting)) return fail(io, setting);
  if (command === 'check') {
    const report = checkPool(vm, poolSpec, setting);
    io.stdout(options.json ? `${JSON.stringify(poolToJson(vm, report), null, 2)}\n` : poolToText(report));
    return report.verdict === 'pass' ? 0 : 1;
  }
  const recommendation = recommend(vm, poolSpec);
  // With no passing setting, the report of the setting asked for explains what fails.
  const report = recommendation.best?.report ?? checkPool(vm, poolSpec, setting);
  io.stdout(options.json
    ? `${JSON.stringify(poolToJson(vm, report, recommendation), null, 2)}\n`
    : `${recommendationToText(recommendation)}\n${poolToText(report)}`);
  return recommendation.best ? 0 : 1;
}

async function readPool(options: PoolOptions, io: Io): Promise<PoolSpec | InputError> {
  if ((options.pool === undefined) === (options.poolPreset === undefined)) {
    return inputError('--pool', 'give either --pool FILE or --pool-preset NAME');
  }
  let text: string;
  let source: string;
  if (options.poolPreset !== undefined) {
    const preset = await readPoolPreset(options.poolPreset);
    if (isInputError(preset)) return preset;
    ({ text, source } = preset);
  } else {
    try {
      text = await io.readText(options.pool!);
    } catch (error) {
      return inputError('--pool', `cannot read ${options.pool} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    source = options.pool === '-' ? 'standard input' : options.pool!;
  }
  const { poolFromJson, poolNeedsFirmwarePresets } = await import('../input/pool-file.js');
  const presets = poolNeedsFirmwarePresets(text) ? await firmwarePresets() : [];
  if (isInputError(presets)) return presets;
  return poolFromJson(text, source, presets);
}

/** Live migration needs a machine type every host offers: by default, the oldest QEMU's newest. */
function oldestQemu(pool: PoolSpec): QemuVersion {
  return pool.hosts.map((h) => h.qemuVersion).reduce((a, b) => (compareVersions(a, b) <= 0 ? a : b));
}

function fail(io: Io, error: InputError): ExitCode {
  io.stderr(`gpa-planner: ${error.message}\n`);
  return 2;
}

