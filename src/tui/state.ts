/**
 * The planner's screen state and the reducer that turns keys into it. Pure: anything that reads or writes files or
 * runs the input layer is a `Request` the App hands to its services, whose result comes back as an action. Every
 * key of a burst is reduced in order against the latest state, so fast typing loses nothing.
 */
import type { PhysBitsSetting } from '../core/spec.js';
import type { VmFlags } from '../input/vm-flags.js';
import { applySetting } from '../render/settings.js';
import { FIELDS, type FieldChoices, type FieldId, editText, isTyped, shownValue, steppedText, withText } from './fields.js';
import type { TuiKey } from './keys.js';
import type { LoadedPool, Planned, Setup } from './setup.js';

export type View = 'plan' | 'pool';
export type Focus = 'fields' | 'map' | 'findings';

export type Mode =
  | { readonly kind: 'browse' }
  | { readonly kind: 'edit'; readonly field: FieldId; readonly text: string }
  | { readonly kind: 'help' }
  | { readonly kind: 'export'; readonly text: string }
  | { readonly kind: 'confirm'; readonly stem: string; readonly files: readonly string[] };

export interface Message {
  readonly tone: 'error' | 'info';
  readonly text: string;
  /** The field the message is about (an error shows there), null for the whole screen. */
  readonly field: FieldId | null;
}

export type Request =
  /** Run a setup through the input layer; on success it becomes the plan, else `text` shows at `field` with the error. */
  | { readonly id: number; readonly kind: 'plan'; readonly setup: Setup; readonly field: FieldId | null; readonly text: string | null; readonly note: string | null }
  | { readonly id: number; readonly kind: 'load-vm'; readonly name: string }
  | { readonly id: number; readonly kind: 'load-pool'; readonly name: string }
  | { readonly id: number; readonly kind: 'export'; readonly stem: string; readonly overwrite: boolean };

export type RequestResult =
  | { readonly kind: 'planned'; readonly planned: Planned }
  | { readonly kind: 'vm-loaded'; readonly name: string; readonly flags: VmFlags; readonly hostPhysBits: { readonly limit: string | undefined } | null }
  | { readonly kind: 'pool-loaded'; readonly pool: LoadedPool | null }
  | { readonly kind: 'exported'; readonly files: readonly string[]; readonly command: string }
  | { readonly kind: 'exists'; readonly files: readonly string[] }
  | { readonly kind: 'rejected'; readonly message: string };

export interface TuiState {
  /** The last setup the input layer accepted: what the screen plans. */
  readonly planned: Planned;
  readonly view: View;
  readonly focus: Focus;
  /** Selected row of each list (clamped to the list's length when used). */
  readonly field: number;
  readonly mapItem: number;
  readonly finding: number;
  readonly mode: Mode;
  readonly message: Message | null;
  /** A value the input layer refused, shown in its field (in the error colour) until the field is left. */
  readonly rejected: { readonly field: FieldId; readonly text: string } | null;
  /** The request in flight; a result for any other id is stale and dropped. */
  readonly request: Request | null;
  readonly nextId: number;
  readonly quit: boolean;
}

/** What a key needs to know about the screen as last drawn. */
export interface KeyContext {
  readonly mapItems: number;
  readonly findings: number;
  /** The recommended setting for the pool (computed when asked: it searches every setting). */
  readonly recommended: () => PhysBitsSetting | null;
  readonly choices: FieldChoices;
}

export type Action =
  | { readonly type: 'key'; readonly key: TuiKey; readonly context: KeyContext }
  | { readonly type: 'result'; readonly id: number; readonly result: RequestResult };

export function initialState(planned: Planned, view: View = 'plan'): TuiState {
  return {
    planned, view, focus: 'fields', field: FIELDS.findIndex((f) => f.id === 'memory'), mapItem: 0, finding: 0,
    mode: { kind: 'browse' }, message: null, rejected: null, request: null, nextId: 1, quit: false,
  };
}

export function reduce(state: TuiState, action: Action): TuiState {
  if (action.type === 'result') return action.id === state.request?.id ? settle(state, state.request, action.result) : state;
  const { key, context } = action;
  switch (state.mode.kind) {
    case 'help':
      return 'char' in key && key.char === 'q' ? { ...state, quit: true } : { ...state, mode: { kind: 'browse' } };
    case 'edit':
      return editKey(state, state.mode, key);
    case 'export':
      return exportKey(state, state.mode, key);
    case 'confirm':
      return confirmKey(state, state.mode, key);
    case 'browse':
      return browseKey(state, key, context);
  }
}

/** Space steps only through choices and on/off (not numbers and sizes, which it would change by surprise). */
function isSwitched(id: FieldId): boolean {
  const kind = FIELDS.find((f) => f.id === id)!.kind;
  return kind === 'choice' || kind === 'toggle' || kind === 'source';
}

/** The field at the selection. */
export function selectedField(state: TuiState): FieldId {
  return FIELDS[clamp(state.field, FIELDS.length)]!.id;
}

export function clamp(index: number, length: number): number {
  return Math.max(0, Math.min(index, length - 1));
}

const PAGE = 10;

function browseKey(state: TuiState, key: TuiKey, context: KeyContext): TuiState {
  if ('char' in key) {
    switch (key.char) {
      case 'q': return { ...state, quit: true };
      case '?': return { ...state, mode: { kind: 'help' } };
      case 'e': return { ...state, mode: { kind: 'export', text: defaultStem(state.planned) }, message: null };
      case 'v': {
        const view = state.view === 'plan' ? 'pool' : 'plan';
        return { ...state, view, focus: state.focus === 'map' ? 'findings' : state.focus, finding: 0 };
      }
      case 'a': return applyRecommendation(state, context.recommended());
      case 'j': return move(state, 1, context);
      case 'k': return move(state, -1, context);
      case ' ': return state.focus === 'fields' && isSwitched(selectedField(state)) ? stepField(state, 1, context) : state;
    }
    const id = selectedField(state);
    // Typing a value over a field starts editing it afresh, as in a spreadsheet.
    if (state.focus === 'fields' && isTyped(id) && /^[0-9(.]$/.test(key.char)) {
      return { ...leaveRejected(state), mode: { kind: 'edit', field: id, text: key.char } };
    }
    return state;
  }
  switch (key.name) {
    case 'up': return move(state, -1, context);
    case 'down': return move(state, 1, context);
    case 'pageup': return move(state, -PAGE, context);
    case 'pagedown': return move(state, PAGE, context);
    case 'home': return move(state, -Infinity, context);
    case 'end': return move(state, Infinity, context);
    case 'tab': return cycleFocus(state, 1);
    case 'backtab': return cycleFocus(state, -1);
    case 'left': return state.focus === 'fields' ? stepField(state, -1, context) : move(state, -1, context);
    case 'right': return state.focus === 'fields' ? stepField(state, 1, context) : move(state, 1, context);
    case 'enter': {
      if (state.focus !== 'fields') return state;
      const id = selectedField(state);
      if (!isTyped(id)) return stepField(state, 1, context);
      const text = state.rejected?.field === id ? state.rejected.text : editText(state.planned, id).replace(/\*$/, '');
      return { ...state, mode: { kind: 'edit', field: id, text } };
    }
    case 'escape': return { ...state, message: null, rejected: null };
    default: return state;
  }
}

function editKey(state: TuiState, mode: Extract<Mode, { kind: 'edit' }>, key: TuiKey): TuiState {
  if ('char' in key) return retype(state, { ...mode, text: mode.text + key.char });
  switch (key.name) {
    case 'backspace': return retype(state, { ...mode, text: mode.text.slice(0, -1) });
    case 'clear': return retype(state, { ...mode, text: '' });
    case 'escape': return { ...leaveRejected(state), mode: { kind: 'browse' }, request: null };
    case 'enter': {
      const text = mode.text.trim();
      if (mode.field === 'vm') return send(state, { kind: 'load-vm', name: text });
      if (mode.field === 'pool') return send(state, { kind: 'load-pool', name: text === '' ? 'none' : text });
      return send(state, { kind: 'plan', setup: withText(baseSetup(state), mode.field, text), field: mode.field, text, note: null });
    }
    default: return state;
  }
}

/** Changing the text drops a request still in flight: its answer is about text that is gone. */
function retype(state: TuiState, mode: Mode): TuiState {
  return { ...state, mode, request: null };
}

function exportKey(state: TuiState, mode: Extract<Mode, { kind: 'export' }>, key: TuiKey): TuiState {
  if ('char' in key) return { ...state, mode: { ...mode, text: mode.text + key.char } };
  switch (key.name) {
    case 'backspace': return { ...state, mode: { ...mode, text: mode.text.slice(0, -1) } };
    case 'clear': return { ...state, mode: { ...mode, text: '' } };
    case 'escape': return { ...state, mode: { kind: 'browse' }, request: null };
    case 'enter': return mode.text.trim() === '' ? state : send(state, { kind: 'export', stem: mode.text.trim(), overwrite: false });
    default: return state;
  }
}

function confirmKey(state: TuiState, mode: Extract<Mode, { kind: 'confirm' }>, key: TuiKey): TuiState {
  if ('char' in key && (key.char === 'y' || key.char === 'Y')) return send(state, { kind: 'export', stem: mode.stem, overwrite: true });
  if (('char' in key && (key.char === 'n' || key.char === 'N')) || ('name' in key && key.name === 'escape')) {
    return { ...state, mode: { kind: 'export', text: mode.stem }, message: { tone: 'info', text: 'nothing written; choose another name', field: null } };
  }
  return state;
}

type NewRequest = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

function send(state: TuiState, request: NewRequest): TuiState {
  return { ...state, request: { ...request, id: state.nextId } as Request, nextId: state.nextId + 1 };
}

/** New values build on the setup in flight, if any, so two quick steps make two steps. */
function baseSetup(state: TuiState): Setup {
  return state.request?.kind === 'plan' ? state.request.setup : state.planned;
}

function settle(state: TuiState, request: Request, result: RequestResult): TuiState {
  const done = { ...state, request: null };
  switch (result.kind) {
    case 'planned': {
      const field = request.kind === 'plan' ? request.field : null;
      const note = request.kind === 'plan' ? request.note : null;
      return {
        ...done,
        planned: keepUnchanged(state.planned, result.planned),
        mode: state.mode.kind === 'edit' ? { kind: 'browse' } : state.mode,
        rejected: null,
        message: note ? { tone: 'info', text: note, field } : null,
      };
    }
    case 'vm-loaded': {
      // A file written with host-phys-bits (cpu.hostPhysBits) brings its mode; one with a fixed width keeps the screen's.
      const mode = result.hostPhysBits ? { hostPhysBits: true, limit: result.hostPhysBits.limit } : {};
      const setup: Setup = { ...baseSetup(state), ...mode, flags: result.flags, vmName: result.name, vmEdited: false };
      return send(done, { kind: 'plan', setup, field: 'vm', text: result.name, note: null });
    }
    case 'pool-loaded': {
      const base = baseSetup(state);
      return send(done, { kind: 'plan', setup: { ...base, pool: result.pool }, field: 'pool', text: result.pool?.name ?? 'none', note: null });
    }
    case 'exported':
      return { ...done, mode: { kind: 'browse' }, message: { tone: 'info', text: `wrote ${result.files.join(', ')}; ${result.command}`, field: null } };
    case 'exists':
      return {
        ...done,
        mode: { kind: 'confirm', stem: request.kind === 'export' ? request.stem : '', files: result.files },
        message: null,
      };
    case 'rejected': {
      const field = request.kind === 'plan' ? request.field : request.kind === 'load-vm' ? 'vm' : request.kind === 'load-pool' ? 'pool' : null;
      const text = request.kind === 'plan' ? request.text : request.kind === 'export' ? null : request.name;
      return {
        ...done,
        message: { tone: 'error', text: result.message, field },
        rejected: field !== null && text !== null && state.mode.kind !== 'edit' ? { field, text } : state.rejected,
      };
    }
  }
}

/**
 * The new plan, reusing the old VM and setting objects when they are equal, so that what the App derives from them
 * (the pool recommendation searches 38 settings) is not computed again for a change that does not touch them.
 */
function keepUnchanged(old: Planned, next: Planned): Planned {
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

function stepField(state: TuiState, direction: 1 | -1, context: KeyContext): TuiState {
  const id = selectedField(state);
  const current = state.rejected?.field === id ? state.rejected.text : shownValue(state.planned, id).text;
  const text = steppedText(state.planned, id, current, direction, context.choices);
  if (text === null) return state;
  if (id === 'vm') return send({ ...state, message: null }, { kind: 'load-vm', name: text });
  if (id === 'pool') return send({ ...state, message: null }, { kind: 'load-pool', name: text });
  let setup = withText(baseSetup(state), id, text);
  // A limit only goes with host-phys-bits (the CLI refuses it otherwise), so the fixed mode drops it.
  if (id === 'hostPhysBits' && !setup.hostPhysBits) setup = { ...setup, limit: undefined };
  return send(state, { kind: 'plan', setup, field: id, text, note: null });
}

function applyRecommendation(state: TuiState, recommended: PhysBitsSetting | null): TuiState {
  if (!recommended) {
    return { ...state, message: { tone: 'info', text: state.planned.pool ? 'no setting passes on this pool: nothing to apply' : 'no pool: choose one in the pool field', field: null } };
  }
  const base = baseSetup(state);
  const setup: Setup = recommended.kind === 'fixed'
    ? { ...base, hostPhysBits: false, limit: undefined, flags: { ...base.flags, physBits: String(recommended.physBits) }, vmEdited: base.vmName !== null }
    : { ...base, hostPhysBits: true, limit: recommended.limit === null ? undefined : String(recommended.limit) };
  return send(state, { kind: 'plan', setup, field: 'hostPhysBits', text: null, note: `applied the recommendation: ${applySetting(recommended).label}` });
}

function move(state: TuiState, by: number, context: KeyContext): TuiState {
  const to = (index: number, length: number) => (by === -Infinity ? 0 : by === Infinity ? Math.max(0, length - 1) : clamp(clamp(index, length) + by, length));
  switch (state.focus) {
    case 'fields': {
      const field = to(state.field, FIELDS.length);
      return field === state.field ? state : { ...leaveRejected(state), field };
    }
    case 'map': return { ...state, mapItem: to(state.mapItem, context.mapItems) };
    case 'findings': return { ...state, finding: to(state.finding, context.findings) };
  }
}

/** Leaving a field forgets the value it refused (the last good one shows again) and the error about it. */
function leaveRejected(state: TuiState): TuiState {
  return { ...state, rejected: null, message: state.message?.field ? null : state.message };
}

function cycleFocus(state: TuiState, direction: 1 | -1): TuiState {
  const order: Focus[] = state.view === 'plan' ? ['fields', 'map', 'findings'] : ['fields', 'findings'];
  const index = order.indexOf(state.focus);
  return { ...leaveRejected(state), focus: order[(index + direction + order.length) % order.length]! };
}

function defaultStem(planned: Planned): string {
  return (planned.vmName ?? 'vm').replace(/^.*\//, '').replace(/\.json$/, '').replace(/\.vm$/, '');
}
