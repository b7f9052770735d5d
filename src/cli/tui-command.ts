/**
 * `gpa-planner tui`: the interactive planner. It takes every input `pool check` takes (--vm, --preset, --vm-xml,
 * --qemu-cmdline, --host-caps, --pool, --pool-preset) and, with --emit, prints what to apply when it ends. Ink and
 * React load only here, so the other commands start as fast as before.
 */
import type { Command } from 'commander';
import { addVmOptions, type VmOptions } from './vm-options.js';
import { addImportOptions, importedVmDraft, readHostFiles, warningLines } from './import-sources.js';
import type { EmitFlags } from './emit-option.js';
import { isInputError } from '../input/input-error.js';
import type { ImportedVm } from '../input/importers/imported.js';
import type { ExitCode, Io } from './io.js';
import { collect } from './collect.js';

type TuiOptions = VmOptions & EmitFlags & { pool?: string; poolPreset?: string; hostPhysBits?: boolean; hostPhysBitsLimit?: string; hostCaps?: string[] };

export const NOT_A_TERMINAL = 'tui needs a terminal on standard input and output, one that can move the cursor (not TERM=dumb); in scripts use "gpa-planner plan" or "gpa-planner pool check --json"';


export function addTuiCommand(program: Command, io: Io, done: (code: ExitCode) => void): void {
  addImportOptions(addVmOptions(program.command('tui').description('interactive planner: edit the VM and watch the address map and the pool check change (the default in a terminal)')))
    .option('--pool <file>', 'pool JSON file')
    .option('--pool-preset <name>', 'a pool preset (see `gpa-planner presets`)')
    .option('--host-caps <file>', 'a host from virsh capabilities or domcapabilities, /proc/cpuinfo or lscpu --json (repeatable; with or instead of --pool)', collect)
    .option('--host-phys-bits', 'check the pool with host-phys-bits=on (instead of the VM\'s fixed phys-bits)')
    .option('--host-phys-bits-limit <n>', 'with --host-phys-bits: host-phys-bits-limit=N')
    .option('--emit <format>', 'on quitting, print what to apply for the setting in use: libvirt (<maxphysaddr>, <qemu:commandline>) or qemu (-cpu, -fw_cfg)')
    .option('--libvirt-version <X.Y>', 'with --emit libvirt: the libvirt release (default: from a libvirt log, else 9.3 or later assumed)')
    .action(async (options: TuiOptions) => done(await runTuiCommand(options, io)));
}

async function runTuiCommand(options: TuiOptions, io: Io): Promise<ExitCode> {
  const refuse = (message: string): ExitCode => {
    io.stderr(`gpa-planner: ${message}\n`);
    return 2;
  };
  // Options are checked before the terminal is: a mistake reads the same in a script. The emitters load only here.
  const { emitChoice, emitText } = await import('./emit-option.js');
  const emit = emitChoice(options);
  if (isInputError(emit)) return refuse(emit.message);
  for (const [flag, value] of [['--vm-xml', options.vmXml], ['--qemu-cmdline', options.qemuCmdline], ['--host-caps', options.hostCaps?.includes('-') ? '-' : undefined]] as const) {
    if (value === '-') return refuse(`${flag}: the tui reads the keyboard from standard input; give a file`);
  }
  if (!io.isTerminal?.()) return refuse(NOT_A_TERMINAL);
  let imported: ImportedVm | null = null;
  if (options.vmXml !== undefined || options.qemuCmdline !== undefined) {
    const read = await importedVmDraft(options, io);
    if (isInputError(read)) return refuse(read.message);
    if (isInputError(read.draft)) return refuse(read.draft.message);
    imported = read.imported;
  }
  const hosts = await readHostFiles(options.hostCaps ?? [], io, { ...(options.qemuVersion ? { qemu: options.qemuVersion } : {}), ...(options.firmware ? { firmware: options.firmware } : {}) });
  if (isInputError(hosts)) return refuse(hosts.message);
  const { vmXml, qemuCmdline, hostCaps, emit: _emit, libvirtVersion: _libvirt, json: _json, ...rest } = options;
  const { runTui } = await import('../tui/run.js');
  const sourceName = vmXml ?? qemuCmdline;
  const error = await runTui({
    ...rest,
    ...(imported && sourceName ? { imported: { name: sourceName, file: imported.vm } } : {}),
    ...(hosts.hosts.length > 0 ? { hostCaps: { names: hostCaps ?? [], hosts: hosts.hosts } } : {}),
  }, emit ? (planned) => emitText(emit, planned.setting, planned.vm, { vm: planned.vm, setting: null, imported }, planned.pool?.spec ?? { hosts: [] }) : undefined);
  if (error !== null) return refuse(error);
  // What the imports assumed, said once the screen is gone.
  io.stderr(warningLines([...(imported?.warnings ?? []), ...hosts.warnings]));
  return 0;
}
