/**
 * The planner's screen state and the reducer that turns keys into it. Pure: anything that reads or writes files or
 * runs the input layer is a `Request` the App hands to its services, whose result comes back as an action. Every
 * key of a burst is reduced in order against the latest state, so fast typing loses nothing.
 */
import type { PhysBitsSetting } from '../core/spec.js';
import type { VmFlags } from '../input/vm-flags.js';
import { FIELDS, type FieldChoices, type FieldId, editText, isTyped, shownValue, steppedText, withText } from './fields.js';
import type { TuiKey } from './keys.js';
import type { LoadedPool, Planned, Setup } from './setup.js';
import { PAGE, confirmKey, exportKey, filterKey, helpKey } from './mode-keys.js';
import { baseSetup, send } from './send.js';
import { HISTORY, applyFix, applyRecommendation, buildNote, keepUnchanged, undo } from './plan-changes.js';

export type View = 'plan' | 'pool' | 'devices';
/** The panes that take the arrow keys; `groups` is the pool view's host groups, `devices` the devices pane's rows. */
export type Focus = 'fields' | 'map' | 'findings' | 'groups' | 'devices';

export type Mode =
  | { readonly kind: 'browse' }
  | { readonly kind: 'edit'; readonly field: FieldId; readonly text: string }
  | { readonly kind: 'help'; readonly top: number }
  /** Typing the text `/` filters the findings and host groups by. */
  | { readonly kind: 'filter'; readonly text: string }
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
  readonly group: number;
  readonly device: number;
  /** The host group whose own plan the pool view shows (Enter on a group), null for the pool check. */
  readonly openGroup: number | null;
  /** What the findings and host groups are filtered by ('' for all). */
  readonly filter: string;
  /** Steps that came while a request was in flight: each is made on the state the one before it leads to. */
  readonly queued: readonly QueuedStep[];
  /** Plans replaced by a change, the latest last: `u` goes back to them. */
  readonly history: readonly Planned[];
  readonly mode: Mode;
  readonly message: Message | null;
  /** A value the input layer refused, shown in its field (in the error colour) until the field is left. */
  readonly rejected: { readonly field: FieldId; readonly text: string } | null;
  /** The request in flight; a result for any other id is stale and dropped. */
  readonly request: Request | null;
  readonly nextId: number;
  readonly quit: boolean;
}

export interface QueuedStep {
  readonly field: FieldId;
  readonly direction: 1 | -1;
  readonly choices: FieldChoices;
}

/** Changes the devices pane offers: the smallest X-PciMmio64Mb (MiB) and phys-bits that make every BAR fit. */
export interface DeviceFixChoices {
  readonly knobMib: bigint | null;
  readonly physBits: number | null;
}

/** What a key needs to know about the screen as last drawn. */
export interface KeyContext {
  readonly mapItems: number;
  readonly findings: number;
  /** Host groups shown (after the filter), and the devices pane's rows. */
  readonly groups?: number;
  /** The pool report's index of the i-th host group shown. */
  readonly groupAt?: (shown: number) => number;
  readonly deviceRows?: number;
  /** Rows of the focused list's window: what PgUp/PgDn move by. */
  readonly page?: number;
  /** The help's lines and the rows it is shown in. */
  readonly helpLines?: number;
  readonly helpRows?: number;
  /** The devices' fixes (computed when asked: each plans the VM many times); null without devices. */
  readonly fixes?: () => DeviceFixChoices | null;
  /** The recommended setting for the pool (computed when asked: it searches every setting). */
  readonly recommended: () => PhysBitsSetting | null;
  readonly choices: FieldChoices;
}

export type Action =
  | { readonly type: 'key'; readonly key: TuiKey; readonly context: KeyContext }
  | { readonly type: 'result'; readonly id: number; readonly result: RequestResult };

export function initialState(planned: Planned, view: View = 'plan'): TuiState {
  return {
    planned, view, focus: 'fields', field: FIELDS.findIndex((f) => f.id === 'memory'), mapItem: 0, finding: 0, group: 0, device: 0,
    openGroup: null, filter: '', queued: [], history: [],
    mode: { kind: 'browse' }, message: null, rejected: null, request: null, nextId: 1, quit: false,
  };
}

export function reduce(state: TuiState, action: Action): TuiState {
  if (action.type === 'result') return action.id === state.request?.id ? drainQueue(settle(state, state.request, action.result)) : state;
  const { key, context } = action;
  if ('name' in key && key.name === 'interrupt') return { ...state, quit: true };
  switch (state.mode.kind) {
    case 'help':
      return helpKey(state, state.mode, key, context);
    case 'filter':
      return filterKey(state, state.mode, key);
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

function browseKey(state: TuiState, key: TuiKey, context: KeyContext): TuiState {
  if ('char' in key) {
    switch (key.char) {
      case 'q': return { ...state, quit: true };
      case '?': return { ...state, mode: { kind: 'help', top: 0 } };
      case 'e': return { ...state, mode: { kind: 'export', text: defaultStem(state.planned) }, message: null };
      case 'v': return switchView(state, state.view === 'plan' ? 'pool' : 'plan');
      case 'd': return switchView(state, state.view === 'devices' ? 'plan' : 'devices');
      case '/': return { ...state, mode: { kind: 'filter', text: state.filter }, message: null };
      case 'a': return applyRecommendation(state, context.recommended());
      case 'x': return state.view === 'devices' ? applyFix(state, 'knob', context) : state;
      case 'p': return state.view === 'devices' ? applyFix(state, 'physBits', context) : state;
      case 'u': return undo(state);
      case 'j': return move(state, 1, context);
      case 'k': return move(state, -1, context);
      case ' ': return state.focus === 'fields' && isSwitched(selectedField(state)) ? stepField(state, 1, context.choices) : state;
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
    case 'pageup': return move(state, -(context.page ?? PAGE), context);
    case 'pagedown': return move(state, context.page ?? PAGE, context);
    case 'home': return move(state, -Infinity, context);
    case 'end': return move(state, Infinity, context);
    case 'tab': return cycleFocus(state, 1);
    case 'backtab': return cycleFocus(state, -1);
    case 'left': return state.focus === 'fields' ? stepField(state, -1, context.choices) : move(state, -1, context);
    case 'right': return state.focus === 'fields' ? stepField(state, 1, context.choices) : move(state, 1, context);
    case 'enter': {
      if (state.focus === 'groups' && state.view === 'pool' && state.openGroup === null && (context.groups ?? 0) > 0) {
        const shown = clamp(state.group, context.groups ?? 0);
        return { ...state, openGroup: context.groupAt ? context.groupAt(shown) : shown, focus: 'map', mapItem: 0, finding: 0 };
      }
      if (state.focus !== 'fields') return state;
      const id = selectedField(state);
      if (!isTyped(id)) return stepField(state, 1, context.choices);
      const text = state.rejected?.field === id ? state.rejected.text : editText(state.planned, id).replace(/\*$/, '');
      return { ...state, mode: { kind: 'edit', field: id, text } };
    }
    case 'escape': {
      // Esc closes an open host group first (back to the pool check), then clears the filter, then the message.
      if (state.openGroup !== null) return { ...state, openGroup: null, focus: 'groups', finding: 0 };
      if (state.filter !== '' && state.message === null && state.rejected === null) return { ...state, filter: '', finding: 0, group: 0 };
      return { ...state, message: null, rejected: null };
    }
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

function settle(state: TuiState, request: Request, result: RequestResult): TuiState {
  const done = { ...state, request: null };
  switch (result.kind) {
    case 'planned': {
      const field = request.kind === 'plan' ? request.field : null;
      const note = request.kind === 'plan' ? request.note ?? buildNote(state.planned, result.planned, field) : null;
      return {
        ...done,
        history: [...state.history, state.planned].slice(-HISTORY),
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
      // Another pool has other host groups: an open one closes.
      return send({ ...done, openGroup: null, group: 0 }, { kind: 'plan', setup: { ...base, pool: result.pool }, field: 'pool', text: result.pool?.name ?? 'none', note: null });
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
      // What was queued after a refused value builds on it: dropped.
      const field = request.kind === 'plan' ? request.field : request.kind === 'load-vm' ? 'vm' : request.kind === 'load-pool' ? 'pool' : null;
      const text = request.kind === 'plan' ? request.text : request.kind === 'export' ? null : request.name;
      return {
        ...done,
        queued: [],
        message: { tone: 'error', text: result.message, field },
        rejected: field !== null && text !== null && state.mode.kind !== 'edit' ? { field, text } : state.rejected,
      };
    }
  }
}

/**
 * ←/→ on a field. With a request in flight the step waits for its answer, then reads the state it leads to: three
 * quick steps (`tmux send-keys Right Right Right`, a held key) make three, each from the one before.
 */
function stepField(state: TuiState, direction: 1 | -1, choices: FieldChoices, id = selectedField(state)): TuiState {
  if (state.request !== null) return { ...state, queued: [...state.queued, { field: id, direction, choices }] };
  const current = state.rejected?.field === id ? state.rejected.text : shownValue(state.planned, id).text;
  const text = steppedText(state.planned, id, current, direction, choices);
  if (text === null) return state;
  if (id === 'vm') return send({ ...state, message: null }, { kind: 'load-vm', name: text });
  if (id === 'pool') return send({ ...state, message: null }, { kind: 'load-pool', name: text });
  let setup = withText(baseSetup(state), id, text);
  // A limit only goes with host-phys-bits (the CLI refuses it otherwise), so the fixed mode drops it.
  if (id === 'hostPhysBits' && !setup.hostPhysBits) setup = { ...setup, limit: undefined };
  return send(state, { kind: 'plan', setup, field: id, text, note: null });
}

/** After an answer, the next queued step, if nothing else is in flight. */
function drainQueue(state: TuiState): TuiState {
  if (state.request !== null || state.queued.length === 0) return state;
  const [next, ...rest] = state.queued;
  return stepField({ ...state, queued: rest }, next!.direction, next!.choices, next!.field);
}

function switchView(state: TuiState, view: View): TuiState {
  const focus: Focus = state.focus === 'fields' ? 'fields' : view === 'pool' ? 'groups' : view === 'devices' ? 'devices' : 'map';
  return { ...state, view, focus, openGroup: null, finding: 0 };
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
    case 'groups': return { ...state, group: to(state.group, context.groups ?? 0) };
    case 'devices': return { ...state, device: to(state.device, context.deviceRows ?? 0) };
  }
}

/** Leaving a field forgets the value it refused (the last good one shows again) and the error about it. */
function leaveRejected(state: TuiState): TuiState {
  return { ...state, rejected: null, message: state.message?.field ? null : state.message };
}

/** The panes Tab goes through in a view. */
export function focusOrder(state: Pick<TuiState, 'view' | 'openGroup'>): readonly Focus[] {
  if (state.view === 'devices') return ['fields', 'devices'];
  if (state.view === 'pool' && state.openGroup === null) return ['fields', 'groups', 'findings'];
  return ['fields', 'map', 'findings'];
}

function cycleFocus(state: TuiState, direction: 1 | -1): TuiState {
  const order = focusOrder(state);
  const index = order.indexOf(state.focus);
  return { ...leaveRejected(state), focus: order[(index + direction + order.length) % order.length]! };
}

function defaultStem(planned: Planned): string {
  return (planned.vmName ?? 'vm').replace(/^.*\//, '').replace(/\.json$/, '').replace(/\.vm$/, '');
}
