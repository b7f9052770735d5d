import { type InputError, inputError } from '../input/input-error.js';
import type { InputLimit } from '../input/input-limits.js';
import { readFailure } from '../io/bounded-read.js';

/** What a command may touch outside itself; tests pass their own. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a file, or standard input for "-", refusing more than `limit` bytes and text that is not UTF-8. */
  readText(path: string, limit: InputLimit): Promise<string>;
  /**
   * Writes the chunks to a file (created or truncated), or standard output for "-", each after the last has drained;
   * rejects with the system's error (its `code`) when the file cannot be opened or written.
   */
  writeChunks?(path: string, chunks: Iterable<string>): Promise<void>;
  /**
   * Standard input and output are both terminals (the interactive planner can run). A question, not a field: asking
   * builds Node's stdin and stdout streams, which only the commands that draw need.
   */
  isTerminal?(): boolean;
}

/** A command's outcome: 0 ok, 1 a failing configuration was found, 2 bad input or usage. */
export type ExitCode = 0 | 1 | 2;

/** A user's file (or standard input for "-") as text with the label its errors carry, or one line naming the option. */
export async function readUserFile(io: Io, path: string, option: string, limit: InputLimit): Promise<{ text: string; source: string } | InputError> {
  const source = path === '-' ? 'standard input' : path;
  try {
    return { text: await io.readText(path, limit), source };
  } catch (error) {
    return inputError(option, `cannot read ${source} (${readFailure(error)})`);
  }
}

/** Bad input or usage: the one line on standard error, and exit code 2. */
export function refuse(io: Io, error: InputError): ExitCode {
  io.stderr(`gpa-planner: ${error.message}\n`);
  return 2;
}
