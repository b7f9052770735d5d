/** `gpa-planner pool check` and `pool recommend`: their options; the work loads only when one of them runs. */
import type { Command } from 'commander';
import type { SettingFlags } from '../input/setting-flags.js';
import { RANGES, rangeText } from '../input/field-ranges.js';
import { addVmOptions, type VmOptions } from './vm-options.js';
import { addImportOptions } from './import-sources.js';
import type { EmitFlags } from './emit-option.js';
import type { ExitCode, Io } from './io.js';
import { collect } from './collect.js';
import { type FormatFlags, POOL_FORMATS, addFormatOption, addTableOption } from './format-option.js';

export type PoolOptions = VmOptions & SettingFlags & EmitFlags & FormatFlags & { pool?: string; poolPreset?: string; hostCaps?: string[]; json?: boolean; pairs?: string };


export function addPoolCommands(program: Command, io: Io, done: (code: ExitCode) => void): void {
  const pool = program.command('pool').description('check a phys-bits setting across a live-migration pool, or find the best one');
  for (const [name, description] of [
    ['check', 'plan the VM on every host group and every (boot, destination) pair; exit 1 when any fails'],
    ['recommend', 'search every fixed phys-bits and host-phys-bits limit for the setting that passes with the largest aperture'],
  ] as const) {
    const command = addImportOptions(addVmOptions(pool.command(name).description(description)))
      .option('--pool <file>', 'pool JSON file ("-" for standard input)')
      .option('--pool-preset <name>', 'a pool preset (see `gpa-planner presets`)')
      .option('--host-caps <file>', 'a host from virsh capabilities or domcapabilities, /proc/cpuinfo or lscpu --json (repeatable; with or instead of --pool)', collect)
      .option('--host-phys-bits', 'the setting to check: host-phys-bits=on (instead of a fixed --phys-bits)')
      .option('--host-phys-bits-limit <n>', `with --host-phys-bits: host-phys-bits-limit=N, ${rangeText(RANGES.hostPhysBitsLimit)}`)
      .option('--json', 'print the gpa-planner/pool/v2 JSON document');
    // `pool check` with the setting recommend names gives its tables as CSV.
    addFormatOption(command, POOL_FORMATS[name]);
    if (name === 'check') addTableOption(command);
    command
      .option('--pairs <file>', 'also write every (boot, destination) pair of groups to FILE as NDJSON, one line each ("-": to standard output, instead of the report)')
      .option('--emit <format>', 'print what to apply instead of the report: libvirt (<maxphysaddr>, <qemu:commandline>) or qemu (-cpu, -fw_cfg)')
      .option('--libvirt-version <X.Y>', 'with --emit libvirt: the libvirt release (default: from a libvirt log, else 9.3 or later assumed)')
      .action(async (options: PoolOptions) => done(await (await import('./pool-run.js')).runPool(name, options, io)));
  }
}
