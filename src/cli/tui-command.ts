/** `gpa-planner tui`: the interactive planner. Ink and React load only here, so the other commands start as fast as before. */
import type { Command } from 'commander';
import { addVmOptions, type VmOptions } from './vm-options.js';
import type { ExitCode, Io } from './io.js';

type TuiOptions = VmOptions & { pool?: string; poolPreset?: string; hostPhysBits?: boolean; hostPhysBitsLimit?: string };

export const NOT_A_TERMINAL = 'tui needs a terminal on standard input and output; in scripts use "gpa-planner plan" or "gpa-planner pool check --json"';

export function addTuiCommand(program: Command, io: Io, done: (code: ExitCode) => void): void {
  addVmOptions(program.command('tui').description('interactive planner: edit the VM and watch the address map and the pool check change (the default in a terminal)'))
    .option('--pool <file>', 'pool JSON file')
    .option('--pool-preset <name>', 'a pool preset (see `gpa-planner presets`)')
    .option('--host-phys-bits', 'check the pool with host-phys-bits=on (instead of the VM\'s fixed phys-bits)')
    .option('--host-phys-bits-limit <n>', 'with --host-phys-bits: host-phys-bits-limit=N')
    .action(async (options: TuiOptions) => done(await runTuiCommand(options, io)));
}

async function runTuiCommand(options: TuiOptions, io: Io): Promise<ExitCode> {
  if (!io.isTerminal) {
    io.stderr(`gpa-planner: ${NOT_A_TERMINAL}\n`);
    return 2;
  }
  const { runTui } = await import('../tui/run.js');
  const error = await runTui(options);
  if (error !== null) {
    io.stderr(`gpa-planner: ${error}\n`);
    return 2;
  }
  return 0;
}
