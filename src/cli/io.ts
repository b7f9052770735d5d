/** What a command may touch outside itself; tests pass their own. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a file, or standard input for "-". */
  readText(path: string): Promise<string>;
  /** Standard input and output are both terminals (the interactive planner can run). */
  readonly isTerminal?: boolean;
}

/** A command's outcome: 0 ok, 1 a failing configuration was found, 2 bad input or usage. */
export type ExitCode = 0 | 1 | 2;
