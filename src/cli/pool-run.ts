/** Running `pool check` and `pool recommend`: read the VM and the pool, check or search, render. */
import { oldestQemu } from '../core/pool/check.js';
import type { PoolSpec } from '../core/spec.js';
import { checkPool } from '../core/pool/check.js';
import { recommend } from '../core/pool/recommend.js';
import { explainFailure } from '../core/pool/recommend-explain.js';
import { type InputError, inputError, isInputError } from '../input/input-error.js';
import { settingFromFlags } from '../input/setting-flags.js';
import { poolToJson } from '../render/pool-json.js';
import { poolToText, recommendationToText } from '../render/pool-text.js';
import { applySetting } from '../render/settings.js';
import { readVmSource } from './vm-options.js';
import { readHostFiles, warningLines } from './import-sources.js';
import { emitChoice, emitText } from './emit-option.js';
import { firmwarePresets, readPoolPreset } from '../io/presets.js';
import { type ExitCode, type Io, readUserFile, refuse } from './io.js';

import type { PoolOptions } from './pool-commands.js';
import { INPUT_LIMITS } from '../input/input-limits.js';

export async function runPool(command: 'check' | 'recommend', options: PoolOptions, io: Io): Promise<ExitCode> {
  const emit = emitChoice(options);
  if (isInputError(emit)) return refuse(io, emit);
  const read = await readPool(options, io);
  if (isInputError(read)) return refuse(io, read);
  const poolSpec = read.pool;
  const source = await readVmSource(options, io, oldestQemu(poolSpec));
  if (isInputError(source)) return refuse(io, source);
  const { vm } = source;
  const setting = settingFromFlags(options, vm, source.setting?.value ?? null);
  if (isInputError(setting)) return refuse(io, setting);
  io.stderr(warningLines([...(source.imported?.warnings ?? []), ...read.warnings]));
  if (command === 'check') {
    const report = checkPool(vm, poolSpec, setting);
    if (emit && report.verdict === 'fail') return emitRefused(io, `${applySetting(setting).label} fails the pool check`, command);
    io.stdout(emit ? emitText(emit, setting, vm, source, poolSpec) : options.json ? `${JSON.stringify(poolToJson(vm, report), null, 2)}\n` : poolToText(report));
    return report.verdict === 'pass' ? 0 : 1;
  }
  const recommendation = recommend(vm, poolSpec);
  // With no passing setting, the report of the setting asked for explains what fails.
  const report = recommendation.best?.report ?? checkPool(vm, poolSpec, setting);
  if (emit && !recommendation.best) return emitRefused(io, 'no phys-bits setting passes the pool check', command);
  const explanation = recommendation.best ? undefined : explainFailure(vm, poolSpec);
  io.stdout(emit ? emitText(emit, recommendation.best?.setting ?? null, vm, source, poolSpec) : options.json
    ? `${JSON.stringify(poolToJson(vm, report, recommendation, explanation), null, 2)}\n`
    : `${recommendationToText(recommendation, report, explanation)}\n${poolToText(report)}`);
  return recommendation.best ? 0 : 1;
}

/**
 * `--emit` of a failing answer (issue 17): nothing on standard output that could be pasted as advice, one line on
 * standard error that says it fails, and the failing exit code.
 */
function emitRefused(io: Io, what: string, command: 'check' | 'recommend'): ExitCode {
  io.stderr(`gpa-planner: ${what}, so --emit prints nothing to apply; run pool ${command} without --emit for the findings\n`);
  return 1;
}

/** --pool or --pool-preset, then the --host-caps hosts (either may stand alone), with the import warnings. */
async function readPool(options: PoolOptions, io: Io): Promise<{ pool: PoolSpec; warnings: string[] } | InputError> {
  const imported = await readHostFiles(options.hostCaps ?? [], io, { ...(options.qemuVersion ? { qemu: options.qemuVersion } : {}), ...(options.firmware ? { firmware: options.firmware } : {}) });
  if (isInputError(imported)) return imported;
  if (options.pool === undefined && options.poolPreset === undefined && imported.hosts.length > 0) return { pool: { hosts: imported.hosts }, warnings: imported.warnings };
  const pool = await readPoolFile(options, io);
  if (isInputError(pool)) return pool;
  const clash = imported.hosts.find((h) => pool.hosts.some((p) => p.name === h.name));
  if (clash) return inputError('--host-caps', `${JSON.stringify(clash.name)} names a host of the pool too; host names must be unique (rename the file)`);
  return { pool: { hosts: [...pool.hosts, ...imported.hosts] }, warnings: imported.warnings };
}

async function readPoolFile(options: PoolOptions, io: Io): Promise<PoolSpec | InputError> {
  if ((options.pool === undefined) === (options.poolPreset === undefined)) {
    return inputError('--pool', 'give either --pool FILE or --pool-preset NAME');
  }
  const file = options.poolPreset !== undefined ? await readPoolPreset(options.poolPreset) : await readUserFile(io, options.pool!, '--pool', INPUT_LIMITS.poolFile);
  if (isInputError(file)) return file;
  const { text, source } = file;
  const { poolFromJson, poolNeedsFirmwarePresets } = await import('../input/pool-file.js');
  const presets = poolNeedsFirmwarePresets(text) ? await firmwarePresets() : [];
  if (isInputError(presets)) return presets;
  return poolFromJson(text, source, presets);
}


