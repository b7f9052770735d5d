import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { decodeKeys } from '../../src/tui/keys.js';

const none: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};

describe('decodeKeys', () => {
  it('splits a burst of typed keys into characters and Enter (tmux send-keys, a paste)', () => {
    expect(decodeKeys('16G\r', none)).toEqual([{ char: '1' }, { char: '6' }, { char: 'G' }, { name: 'enter' }]);
  });

  it('reads a burst of backspaces as that many backspaces', () => {
    expect(decodeKeys('\x7f\x7f', none)).toEqual([{ name: 'backspace' }, { name: 'backspace' }]);
  });

  it('reads one Backspace, which ink reports as delete, as a backspace', () => {
    expect(decodeKeys('', { ...none, delete: true })).toEqual([{ name: 'backspace' }]);
  });

  it('names the keys ink parsed from escape sequences', () => {
    expect(decodeKeys('', { ...none, upArrow: true })).toEqual([{ name: 'up' }]);
    expect(decodeKeys('', { ...none, rightArrow: true })).toEqual([{ name: 'right' }]);
    expect(decodeKeys('\t', { ...none, tab: true, shift: true })).toEqual([{ name: 'backtab' }]);
    expect(decodeKeys('', { ...none, escape: true, meta: true })).toEqual([{ name: 'escape' }]);
  });

  it('reads Ctrl-U as clearing the line and ignores other control keys', () => {
    expect(decodeKeys('u', { ...none, ctrl: true })).toEqual([{ name: 'clear' }]);
    expect(decodeKeys('x', { ...none, ctrl: true })).toEqual([]);
    // Ctrl-C as ink reports it (exitOnCtrlC off), and inside a burst.
    expect(decodeKeys('c', { ...none, ctrl: true })).toEqual([{ name: 'interrupt' }]);
    expect(decodeKeys('1\x03', none)).toEqual([{ char: '1' }, { name: 'interrupt' }]);
  });

  it('reads a lone Enter and a space', () => {
    expect(decodeKeys('\r', { ...none, return: true })).toEqual([{ name: 'enter' }]);
    expect(decodeKeys(' ', none)).toEqual([{ char: ' ' }]);
  });
});
