/** The CLI's commands and options as plain data (read from commander by src/cli/command-tree.ts). */
export interface OptionInfo {
  /** `--memory <size>` as commander shows it. */
  readonly flags: string;
  readonly long: string | null;
  readonly short: string | null;
  readonly description: string;
  /** The option takes a value (`<x>` or `[x]`). */
  readonly takesValue: boolean;
  readonly choices: readonly string[];
}

export interface CommandInfo {
  readonly name: string;
  readonly description: string;
  /** `<code>` and `[shell]` arguments as commander shows them. */
  readonly args: readonly { readonly name: string; readonly required: boolean; readonly choices: readonly string[] }[];
  readonly options: readonly OptionInfo[];
  readonly commands: readonly CommandInfo[];
}

/** Every command path below the root, depth first: ['plan'], ['pool'], ['pool', 'check'], … */
export function commandPaths(tree: CommandInfo, prefix: readonly string[] = []): { path: readonly string[]; command: CommandInfo }[] {
  return tree.commands.flatMap((c) => [{ path: [...prefix, c.name], command: c }, ...commandPaths(c, [...prefix, c.name])]);
}
