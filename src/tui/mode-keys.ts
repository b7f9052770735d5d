/**
 * The keys of the planner's modes other than browsing and typing a value: the help (it scrolls), the `/` filter,
 * the export prompt and its overwrite question. Pure, like the reducer that calls them (state.ts).
 */
import type { TuiKey } from './keys.js';
import type { Focus, KeyContext, Mode, TuiState } from './state.js';
import { send } from './send.js';

/** PgUp/PgDn without a window's height (tests); the App gives the focused list's. */
export const PAGE = 10;

/** The help scrolls with the list keys; Esc, Enter, ? or any other key go back, q quits. */
export function helpKey(state: TuiState, mode: Extract<Mode, { kind: 'help' }>, key: TuiKey, context: KeyContext): TuiState {
  const rows = context.helpRows ?? PAGE;
  const last = Math.max(0, (context.helpLines ?? 0) - rows);
  const scroll = (by: number) => ({ ...state, mode: { kind: 'help' as const, top: Math.max(0, Math.min(last, mode.top + by)) } });
  if ('char' in key) {
    if (key.char === 'q') return { ...state, quit: true };
    if (key.char === 'j') return scroll(1);
    if (key.char === 'k') return scroll(-1);
    return { ...state, mode: { kind: 'browse' } };
  }
  switch (key.name) {
    case 'down': return scroll(1);
    case 'up': return scroll(-1);
    case 'pagedown': return scroll(rows);
    case 'pageup': return scroll(-rows);
    case 'home': return scroll(-Infinity);
    case 'end': return scroll(Infinity);
    default: return { ...state, mode: { kind: 'browse' } };
  }
}

/** `/`: the filter applies as it is typed (from the first row); Enter keeps it, Esc drops it. */
export function filterKey(state: TuiState, mode: Extract<Mode, { kind: 'filter' }>, key: TuiKey): TuiState {
  const typed = (text: string) => ({ ...state, mode: { kind: 'filter' as const, text }, filter: text, finding: 0, group: 0 });
  if ('char' in key) return typed(mode.text + key.char);
  switch (key.name) {
    case 'backspace': return typed(mode.text.slice(0, -1));
    case 'clear': return typed('');
    case 'enter': return { ...state, mode: { kind: 'browse' }, focus: state.focus === 'fields' || state.focus === 'map' || state.focus === 'devices' ? firstList(state) : state.focus };
    case 'escape': return { ...state, mode: { kind: 'browse' }, filter: '', finding: 0, group: 0 };
    default: return state;
  }
}

/** The list a filter is about: the host groups in the pool check, else the findings. */
function firstList(state: TuiState): Focus {
  return state.view === 'pool' && state.openGroup === null ? 'groups' : 'findings';
}

export function exportKey(state: TuiState, mode: Extract<Mode, { kind: 'export' }>, key: TuiKey): TuiState {
  if ('char' in key) return { ...state, mode: { ...mode, text: mode.text + key.char } };
  switch (key.name) {
    case 'backspace': return { ...state, mode: { ...mode, text: mode.text.slice(0, -1) } };
    case 'clear': return { ...state, mode: { ...mode, text: '' } };
    case 'escape': return { ...state, mode: { kind: 'browse' }, request: null };
    case 'enter': return mode.text.trim() === '' ? state : send(state, { kind: 'export', stem: mode.text.trim(), overwrite: false });
    default: return state;
  }
}

export function confirmKey(state: TuiState, mode: Extract<Mode, { kind: 'confirm' }>, key: TuiKey): TuiState {
  if ('char' in key && (key.char === 'y' || key.char === 'Y')) return send(state, { kind: 'export', stem: mode.stem, overwrite: true });
  if (('char' in key && (key.char === 'n' || key.char === 'N')) || ('name' in key && key.name === 'escape')) {
    return { ...state, mode: { kind: 'export', text: mode.stem }, message: { tone: 'info', text: 'nothing written; choose another name', field: null } };
  }
  return state;
}

