/** The commander program as plain data, for the completion scripts and the man page: generated, never written twice. */
import type { Command } from 'commander';
import type { CommandInfo, OptionInfo } from '../render/command-info.js';

const HELP: OptionInfo = { flags: '-h, --help', long: '--help', short: '-h', description: 'display help for command', takesValue: false, choices: [] };

/** `argumentValues`: the fixed words a command's argument takes (by command name), for completion. */
export function commandTree(command: Command, argumentValues: Readonly<Record<string, readonly string[]>> = {}): CommandInfo {
  return {
    name: command.name(),
    description: command.description(),
    args: command.registeredArguments.map((a) => ({ name: a.name(), required: a.required, choices: a.argChoices ?? argumentValues[command.name()] ?? [] })),
    options: [
      ...command.options.map((o) => ({
        flags: o.flags, long: o.long ?? null, short: o.short ?? null, description: o.description,
        takesValue: o.required || o.optional, choices: o.argChoices ?? [],
      })),
      HELP,
    ],
    commands: command.commands.map((c) => commandTree(c, argumentValues)),
  };
}
