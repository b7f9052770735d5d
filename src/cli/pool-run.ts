/** Running `pool check` and `pool recommend`: read the VM and the pool, check or search, render. */
import { oldestQemu } from '../core/pool/check.js';
import type { PoolSpec } from '../core/spec.js';
import { type PoolReport, checkPool } from '../core/pool/check.js';
import { recommend } from '../core/pool/recommend.js';
import { PoolLimitError } from '../core/pool/migration-classes.js';
import { explainFailure } from '../core/pool/recommend-explain.js';
import { type InputError, inputError, isInputError } from '../input/input-error.js';
import { settingFromFlags } from '../input/setting-flags.js';
import { poolJsonText } from '../render/pool-json.js';
import { poolToText, recommendationToText } from '../render/pool-text.js';
import { pairLines } from '../render/pool-pairs.js';
import { applySetting } from '../render/settings.js';
import { readVmSource } from './vm-options.js';
import { readHostFiles, warningLines } from './import-sources.js';
import { emitChoice, emitText } from './emit-option.js';
import { firmwarePresets, readPoolPreset } from '../io/presets.js';
import { type ExitCode, type Io, readUserFile, refuse } from './io.js';

import type { PoolOptions } from './pool-commands.js';
import { type Format, type FormatChoice, POOL_FORMATS, readFormat } from './format-option.js';
import { matrixCsvRefusal, poolCsv } from '../render/pool-csv.js';
import { poolToMarkdown, recommendationToMarkdown } from '../render/pool-markdown.js';
import type { Recommendation } from '../core/pool/recommend.js';
import type { FailureExplanation } from '../core/pool/recommend-explain.js';
import type { VmSpec } from '../core/spec.js';
import { INPUT_LIMITS } from '../input/input-limits.js';

export async function runPool(command: 'check' | 'recommend', options: PoolOptions, io: Io): Promise<ExitCode> {
  const output = readFormat(options, POOL_FORMATS[command]);
  if (isInputError(output)) return refuse(io, output);
  const emit = emitChoice({ ...options, json: output.format === 'json' });
  if (isInputError(emit)) return refuse(io, emit);
  if (emit && output.format !== 'text' && output.format !== 'json') return refuse(io, inputError('--emit', `prints what to apply; give either --emit or --format ${output.format}`));
  const pairsTo = pairsOption(options, output.format, emit !== null);
  if (isInputError(pairsTo)) return refuse(io, pairsTo);
  const read = await readPool(options, io);
  if (isInputError(read)) return refuse(io, read);
  const poolSpec = read.pool;
  const source = await readVmSource(options, io, oldestQemu(poolSpec));
  if (isInputError(source)) return refuse(io, source);
  const { vm } = source;
  const setting = settingFromFlags(options, vm, source.setting?.value ?? null);
  if (isInputError(setting)) return refuse(io, setting);
  io.stderr(warningLines([...(source.imported?.warnings ?? []), ...read.warnings]));
  try {
    if (command === 'check') {
      const report = checkPool(vm, poolSpec, setting);
      if (emit && report.verdict === 'fail') return emitRefused(io, `${applySetting(setting).label} fails the pool check`, command);
      // Refused before anything is written: the --pairs file too.
      const tooLarge = output.table === 'matrix' ? matrixCsvRefusal(report) : null;
      if (tooLarge) return refuse(io, inputError('--table matrix', tooLarge));
      const written = await writePairs(io, pairsTo, report);
      if (written) return refuse(io, written);
      if (pairsTo !== '-') io.stdout(emit ? emitText(emit, setting, vm, source, poolSpec) : reportText(output, vm, report));
      return report.verdict === 'pass' ? 0 : 1;
    }
    const recommendation = recommend(vm, poolSpec);
    // With no passing setting, the report of the setting asked for explains what fails.
    const report = recommendation.best?.report ?? checkPool(vm, poolSpec, setting);
    if (emit && !recommendation.best) return emitRefused(io, 'no phys-bits setting passes the pool check', command);
    const written = await writePairs(io, pairsTo, report);
    if (written) return refuse(io, written);
    if (pairsTo !== '-') {
      const explanation = recommendation.best || emit ? undefined : explainFailure(vm, poolSpec);
      io.stdout(emit ? emitText(emit, recommendation.best?.setting ?? null, vm, source, poolSpec) : recommendationText(output, vm, recommendation, report, explanation));
    }
    return recommendation.best ? 0 : 1;
  } catch (error) {
    // A pool the check cannot hold for what was asked: one line, exit 2, before memory runs out.
    if (error instanceof PoolLimitError) return refuse(io, inputError('--pool', error.message));
    throw error;
  }
}

function reportText({ format, table }: FormatChoice, vm: VmSpec, report: PoolReport): string {
  if (format === 'json') return `${poolJsonText(vm, report)}\n`;
  if (format === 'csv') return poolCsv(report, table ?? 'groups');
  if (format === 'markdown') return poolToMarkdown(report);
  return poolToText(report);
}

function recommendationText({ format }: FormatChoice, vm: VmSpec, recommendation: Recommendation, report: PoolReport, explanation?: FailureExplanation): string {
  if (format === 'json') return `${poolJsonText(vm, report, recommendation, explanation)}\n`;
  if (format === 'markdown') return `${recommendationToMarkdown(recommendation, report, explanation)}\n${poolToMarkdown(report)}`;
  return `${recommendationToText(recommendation, report, explanation)}\n${poolToText(report)}`;
}

/** --pairs FILE|-: "-" takes standard output, so it stands alone there. */
function pairsOption(options: PoolOptions, format: Format, emitting: boolean): string | null | InputError {
  if (options.pairs === undefined) return null;
  if (options.pairs === '-' && (format !== 'text' || emitting)) {
    return inputError('--pairs', `"-" writes the pairs to standard output instead of the report; with ${emitting ? '--emit' : format === 'json' && options.format === undefined ? '--json' : `--format ${format}`}, give a file`);
  }
  if (options.pairs === '') return inputError('--pairs', 'give a file name, or "-" for standard output');
  return options.pairs;
}

async function writePairs(io: Io, path: string | null, report: PoolReport): Promise<InputError | null> {
  if (path === null) return null;
  if (!io.writeChunks) return inputError('--pairs', 'cannot write files here');
  try {
    await io.writeChunks(path, pairLines(report));
    return null;
  } catch (error) {
    return inputError('--pairs', `cannot write ${path === '-' ? 'standard output' : path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
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
  const { poolFromJson, poolFirmwarePresetNames } = await import('../input/pool-file.js');
  const wanted = poolFirmwarePresetNames(text);
  const presets = wanted.length > 0 ? await firmwarePresets(wanted) : [];
  if (isInputError(presets)) return presets;
  return poolFromJson(text, source, presets);
}


