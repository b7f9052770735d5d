/**
 * Ink's input events → the keys the planner acts on, one by one. Ink 6 splits escape sequences (arrows, Shift-Tab)
 * into their own events but hands a burst of plain keys over as ONE event with no key flags: fast typing, a paste or
 * tmux `send-keys` arrive as "16G\r" or "\x7f\x7f". So the text is walked character by character here.
 */
import type { Key } from 'ink';

export type KeyName =
  | 'up' | 'down' | 'left' | 'right' | 'pageup' | 'pagedown' | 'home' | 'end'
  | 'enter' | 'escape' | 'tab' | 'backtab' | 'backspace' | 'clear'
  /** Ctrl-C: quit from anywhere, through the reducer, so what runs on quitting (tui --emit) sees the last plan. */
  | 'interrupt';

/** A named key, or one printable character. */
export type TuiKey = { readonly name: KeyName } | { readonly char: string };

const NAMED: readonly [keyof Key, KeyName][] = [
  ['upArrow', 'up'], ['downArrow', 'down'], ['leftArrow', 'left'], ['rightArrow', 'right'],
  ['pageUp', 'pageup'], ['pageDown', 'pagedown'], ['home', 'home'], ['end', 'end'],
];

export function decodeKeys(input: string, key: Key): TuiKey[] {
  for (const [flag, name] of NAMED) if (key[flag]) return [{ name }];
  if (key.tab) return [{ name: key.shift ? 'backtab' : 'tab' }];
  // Ink reports the Backspace key (\x7f) as `delete`, the same as the Delete key; with no cursor inside the text both
  // delete the last character.
  if ((key.backspace || key.delete) && input === '') return [{ name: 'backspace' }];
  if (key.escape && (input === '' || input === '\x1b')) return [{ name: 'escape' }];
  if (key.ctrl) return input === 'u' ? [{ name: 'clear' }] : input === 'h' ? [{ name: 'backspace' }] : input === 'c' ? [{ name: 'interrupt' }] : [];
  if (key.return) return [{ name: 'enter' }];
  const keys: TuiKey[] = [];
  for (const char of input) {
    if (char === '\r' || char === '\n') keys.push({ name: 'enter' });
    else if (char === '\x7f' || char === '\b') keys.push({ name: 'backspace' });
    else if (char === '\t') keys.push({ name: 'tab' });
    else if (char === '\x15') keys.push({ name: 'clear' });
    else if (char === '\x1b') keys.push({ name: 'escape' });
    else if (char === '\x03') keys.push({ name: 'interrupt' });
    else if (char >= ' ' && char !== '\x7f') keys.push({ char });
  }
  return keys;
}
