/** What the planner's screen is about: the VM as the user wrote it (CLI flags), the pool and the phys-bits setting. */
import type { PhysBitsSetting, PoolSpec, VmSpec } from '../core/spec.js';
import type { VmFlags } from '../input/vm-flags.js';

export interface LoadedPool {
  /** A preset name or the file's path. */
  readonly name: string;
  readonly spec: PoolSpec;
}

/** The written form: every VM value as the string a flag would carry, so errors read exactly like the CLI's. */
export interface Setup {
  readonly flags: VmFlags;
  /** The pool setting: `host-phys-bits=on` (else a fixed width, the VM's phys-bits). */
  readonly hostPhysBits: boolean;
  /** `--host-phys-bits-limit`, with host-phys-bits only. */
  readonly limit: string | undefined;
  /** The preset or file the VM came from, null when it was given as flags only. */
  readonly vmName: string | null;
  /** Whether a field was changed since the VM was loaded. */
  readonly vmEdited: boolean;
  readonly pool: LoadedPool | null;
}

/** A setup that passed the input layer: the VM and the setting the core plans and checks. */
export interface Planned extends Setup {
  readonly vm: VmSpec;
  readonly setting: PhysBitsSetting;
}
