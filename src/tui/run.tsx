/**
 * Starts the planner on the terminal: reads the VM and pool the options name (defaults: the small-desktop VM preset
 * on the mixed-39-46-48 pool), then renders the App until the user quits. Loaded only by the `tui` command.
 */
import { render } from 'ink';
import type { HostSpec } from '../core/spec.js';
import type { VmFlags } from '../input/vm-flags.js';
import { VmFileSchema } from '../input/schema.js';
import { flagsFromVmFile } from './file-flags.js';
import { type InputError, inputError, isInputError } from '../input/input-error.js';
import { App } from './App.js';
import { createServices, type LoadedVm, type TuiServices } from './services.js';
import type { LoadedPool, Planned, Setup } from './setup.js';
import { initialState } from './state.js';
import { themeFor } from './theme.js';

export interface TuiOptions extends VmFlags {
  readonly vm?: string;
  readonly preset?: string;
  readonly pool?: string;
  readonly poolPreset?: string;
  readonly hostPhysBits?: boolean;
  readonly hostPhysBitsLimit?: string;
  /** A VM read by --vm-xml or --qemu-cmdline, in the VM-file shape, and the file it came from. */
  readonly imported?: { readonly name: string; readonly file: unknown };
  /** Hosts read by --host-caps: with the pool, or the pool itself. */
  readonly hostCaps?: { readonly names: readonly string[]; readonly hosts: readonly HostSpec[] };
}

/**
 * ink's frame-rate cap. Its default, 30 a second, held the frame of a re-plan back up to 34 ms: the Enter that applies
 * a value and the plan that comes back a few ms later are two renders, and the second waited for the next slot. A
 * frame costs a few ms (bench/tui-replan.tsx), so each is drawn as soon as it is ready.
 */
export const MAX_FPS = 1000;

export const DEFAULT_VM_PRESET = 'small-desktop';
export const DEFAULT_POOL_PRESET = 'mixed-39-46-48';

/**
 * Runs until the user quits; returns the one-line message of a bad option instead (nothing is drawn then).
 * `onQuit` gives text to print once the screen is gone (tui --emit), from the last plan.
 */
export async function runTui(options: TuiOptions, onQuit?: (planned: Planned) => string): Promise<string | null> {
  const services = await createServices(process.cwd());
  if (isInputError(services)) return services.message;
  const planned = await startingPlan(options, services);
  if (isInputError(planned)) return planned.message;
  // The alternate screen keeps the user's scrollback as it was, as full-screen terminal programs do.
  process.stdout.write('\x1b[?1049h');
  let last: Planned = planned;
  try {
    const instance = render(
      <App initial={initialState(planned)} services={services} theme={themeFor(process.env)} onQuit={(state) => (last = state.planned)} />,
      // Ctrl-C is a key like q (keys.ts), so that it ends through the App with the last plan.
      { exitOnCtrlC: false, maxFps: MAX_FPS },
    );
    await instance.waitUntilExit();
  } finally {
    process.stdout.write('\x1b[?1049l');
  }
  if (onQuit) process.stdout.write(onQuit(last));
  return null;
}

/** The options as `pool check` reads them: flags over the VM file or preset, the pool, the setting. */
export async function startingPlan(options: TuiOptions, services: TuiServices): Promise<Planned | InputError> {
  const { vm, preset, pool, poolPreset, hostPhysBits, hostPhysBitsLimit, imported, hostCaps, ...flags } = options;
  if (vm !== undefined && preset !== undefined) return inputError('--vm', 'give either --vm FILE or --preset NAME, not both');
  if (pool !== undefined && poolPreset !== undefined) return inputError('--pool', 'give either --pool FILE or --pool-preset NAME');
  // The keyboard is standard input here.
  if (vm === '-' || pool === '-') return inputError(vm === '-' ? '--vm' : '--pool', 'the tui reads the keyboard from standard input; give a file');
  const nothingGiven = Object.values(options).every((v) => v === undefined);
  const source = vm ?? preset ?? (nothingGiven ? DEFAULT_VM_PRESET : null);
  let vmFlags: VmFlags = flags;
  let fileMode: LoadedVm['hostPhysBits'] = null;
  if (imported) {
    // The importer's VM file, as a VM file's values are: flags over it (vm-options.ts reads it the same way).
    const file = VmFileSchema.parse(imported.file);
    vmFlags = { ...flagsFromVmFile(file), ...flags };
    fileMode = file.cpu?.hostPhysBits ? { limit: file.cpu.hostPhysBitsLimit ? String(file.cpu.hostPhysBitsLimit) : undefined } : null;
  } else if (source !== null) {
    const loaded = await services.loadVm(source, vm !== undefined ? 'file' : 'preset');
    if (isInputError(loaded)) return loaded;
    vmFlags = { ...loaded.flags, ...flags, ...(flags.fwCfg && loaded.flags.fwCfg ? { fwCfg: [...loaded.flags.fwCfg, ...flags.fwCfg] } : {}) };
    fileMode = loaded.hostPhysBits;
  }
  let loadedPool: LoadedPool | null = null;
  const poolSource = pool ?? poolPreset ?? (nothingGiven ? DEFAULT_POOL_PRESET : null);
  if (poolSource !== null) {
    const read = await services.loadPool(poolSource, pool !== undefined ? 'file' : 'preset');
    if (isInputError(read)) return read;
    loadedPool = read;
  }
  if (hostCaps) {
    const clash = hostCaps.hosts.find((h) => loadedPool?.spec.hosts.some((p) => p.name === h.name));
    if (clash) return inputError('--host-caps', `${JSON.stringify(clash.name)} names a host of the pool too; host names must be unique (rename the file)`);
    loadedPool = {
      name: loadedPool ? `${loadedPool.name} + ${hostCaps.names.length} host file${hostCaps.names.length === 1 ? '' : 's'}` : hostCaps.names.join(', '),
      spec: { hosts: [...(loadedPool?.spec.hosts ?? []), ...hostCaps.hosts] },
    };
  }
  const setup: Setup = {
    flags: vmFlags,
    // Flags win over the file's own host-phys-bits (as in pool check); --phys-bits N is a fixed width.
    hostPhysBits: hostPhysBits ?? (flags.physBits === undefined && fileMode !== null),
    limit: hostPhysBitsLimit ?? (hostPhysBits === undefined && flags.physBits === undefined ? fileMode?.limit : undefined),
    vmName: imported ? imported.name : source,
    vmEdited: source !== null && Object.values(flags).some((v) => v !== undefined),
    pool: loadedPool,
  };
  return services.plan(setup);
}
