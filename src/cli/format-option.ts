/**
 * `--format text|json|csv|markdown` (which formats depends on the command) and `--table` for CSV. `--json` stays and
 * means `--format json`; both given with different values is refused, as a flag given twice is (program.ts).
 */
import { type Command, Option } from 'commander';
import { type InputError, inputError, isInputError } from '../input/input-error.js';
import { readChoice } from '../input/fields.js';

export type Format = 'text' | 'json' | 'csv' | 'markdown';

/** `reverse` has a text and a JSON form, as `--json` gave; `--format` takes them so that it works wherever `--json` does. */
export const REVERSE_FORMATS: readonly Format[] = ['text', 'json'];

/** `pool check` prints CSV too; a CSV is one table, with no room for `pool recommend`'s answer. */
export const POOL_FORMATS: Readonly<Record<'check' | 'recommend', readonly Format[]>> = {
  check: ['text', 'json', 'csv', 'markdown'],
  recommend: ['text', 'json', 'markdown'],
};

export interface FormatFlags {
  format?: string;
  json?: boolean;
  table?: string;
}

/** The CSV tables of `pool check` (render/pool-csv.ts CSV_TABLES; written here so that start-up does not load the renderer). */
export const TABLES = ['groups', 'matrix', 'findings'] as const;
export type Table = (typeof TABLES)[number];

/**
 * `--format`, its values listed for the completion scripts (argChoices); the value is checked by readFormat, which
 * words the error as every other option's ("--format: "xml" is not one of …"), not by commander.
 */
export function addFormatOption(command: Command, formats: readonly Format[]): Command {
  const option = new Option('--format <format>', 'what to print (default text; --json is --format json)').choices(formats);
  return command.addOption(option.argParser((value: string) => value));
}

export function addTableOption(command: Command): Command {
  const option = new Option('--table <table>', 'with --format csv, the table to print (default groups; one table per file)').choices(TABLES);
  return command.addOption(option.argParser((value: string) => value));
}

export interface FormatChoice {
  readonly format: Format;
  /** With --format csv: the table; null otherwise. */
  readonly table: Table | null;
}

export function readFormat(flags: FormatFlags, formats: readonly Format[]): FormatChoice | InputError {
  const chosen = flags.format === undefined ? null : readChoice(flags.format, formats, '--format');
  if (isInputError(chosen)) return chosen;
  if (flags.json && chosen !== null && chosen.value !== 'json') return inputError('--json', `means --format json, and --format ${chosen.value} is given too; give one`);
  const format = chosen?.value ?? (flags.json ? 'json' : 'text');
  if (flags.table === undefined) return { format, table: format === 'csv' ? 'groups' : null };
  if (format !== 'csv') return inputError('--table', 'chooses the table of --format csv; give it with --format csv');
  const table = readChoice(flags.table, TABLES, '--table');
  return isInputError(table) ? table : { format, table: table.value };
}
