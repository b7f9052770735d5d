/**
 * Changes the planner makes to the plan as a whole, not to one typed field: the pool's recommended setting (`a`), the
 * devices' smallest fixes (`x`, `p`), undo (`u`), and what a new plan keeps from the old. Pure.
 */
import type { PhysBitsSetting } from '../core/spec.js';
import { applySetting } from '../render/settings.js';
import { type FieldId, withText } from './fields.js';
import type { Planned, Setup } from './setup.js';
import type { KeyContext, TuiState } from './state.js';
import { baseSetup, send } from './send.js';

/**
 * The new plan, reusing the old VM and setting objects when they are equal, so that what the App derives from them
 * (the pool recommendation searches 38 settings) is not computed again for a change that does not touch them.
 */
export function keepUnchanged(old: Planned, next: Planned): Planned {
  const same = (a: unknown, b: unknown) => serialized(a) === serialized(b);
  return {
    ...next,
    vm: same(old.vm, next.vm) ? old.vm : next.vm,
    setting: same(old.setting, next.setting) ? old.setting : next.setting,
  };
}

function serialized(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

export function applyRecommendation(state: TuiState, recommended: PhysBitsSetting | null): TuiState {
  if (!recommended) {
    return { ...state, message: { tone: 'info', text: state.planned.pool ? 'no setting passes on this pool: nothing to apply' : 'no pool: choose one in the pool field', field: null } };
  }
  const base = baseSetup(state);
  const setup: Setup = recommended.kind === 'fixed'
    ? { ...base, hostPhysBits: false, limit: undefined, flags: { ...base.flags, physBits: String(recommended.physBits) }, vmEdited: base.vmName !== null }
    : { ...base, hostPhysBits: true, limit: recommended.limit === null ? undefined : String(recommended.limit) };
  return send(state, { kind: 'plan', setup, field: 'hostPhysBits', text: null, note: `applied the recommendation: ${applySetting(recommended).label}` });
}

/**
 * A firmware preset brings its own OVMF build (debian-12 is ia32x64): said, so that the build does not change unseen
 * when only the firmware was typed.
 */
export function buildNote(before: Planned, after: Planned, field: FieldId | null): string | null {
  const was = before.vm.firmware.build;
  const now = after.vm.firmware.build;
  if (field !== 'firmware' || was === now || after.flags.ovmfBuild !== undefined) return null;
  return `firmware ${after.vm.firmware.edk2}: the OVMF build is now ${now} (${was} before); set the OVMF build field to choose it`;
}

/** Plans kept for undo. */
export const HISTORY = 50;

/** `u`: the plan before the last change, at once (it was planned already); what was in flight is dropped. */
export function undo(state: TuiState): TuiState {
  const previous = state.history.at(-1);
  if (!previous) return { ...state, message: { tone: 'info', text: 'nothing to undo', field: null } };
  return {
    ...state, planned: previous, history: state.history.slice(0, -1), request: null, queued: [], rejected: null,
    message: { tone: 'info', text: 'undone: back to the plan before the last change (u again goes further back)', field: null },
  };
}

/** `x` / `p` in the devices view: the smallest X-PciMmio64Mb or phys-bits that places every BAR, as its field's value. */
export function applyFix(state: TuiState, which: 'knob' | 'physBits', context: KeyContext): TuiState {
  const fixes = context.fixes?.() ?? null;
  const value = fixes === null ? null : which === 'knob' ? fixes.knobMib : fixes.physBits;
  if (value === null || value === undefined) {
    const what = which === 'knob' ? 'no X-PciMmio64Mb value' : 'no phys-bits';
    return { ...state, message: { tone: 'info', text: fixes === null ? 'every BAR is placed already: nothing to apply' : `${what} makes the devices fit: nothing to apply`, field: null } };
  }
  const id: FieldId = which === 'knob' ? 'pci64Mb' : 'physBits';
  const text = String(value);
  let setup = withText(baseSetup(state), id, text);
  // A phys-bits fix is a fixed width: with host-phys-bits the guest would get the host's instead.
  if (which === 'physBits') setup = { ...setup, hostPhysBits: false, limit: undefined };
  const label = which === 'knob' ? `X-PciMmio64Mb=${text} (--pci64-mb ${text})` : `phys-bits ${text} (--phys-bits ${text})`;
  return send(state, { kind: 'plan', setup, field: id, text, note: `applied ${label}; u undoes it` });
}

