import { describe, expect, it } from 'vitest';
import { fit, wrapLines } from '../../src/tui/text-fit.js';

describe('fit', () => {
  it('keeps text that fits and cuts the rest with the ellipsis inside the width', () => {
    expect(fit('abcdef', 6, '...')).toBe('abcdef');
    expect(fit('abcdefg', 6, '...')).toBe('abc...');
    expect(fit('abcdefg', 2, '...')).toBe('ab');
  });
});

describe('wrapLines', () => {
  it('wraps at spaces without leading spaces, and cuts a word longer than the width', () => {
    expect(wrapLines('one two three four', 9, 5, '…')).toEqual(['one two', 'three', 'four']);
    expect(wrapLines('abcdefghij k', 4, 5, '…')).toEqual(['abcd', 'efgh', 'ij k']);
  });

  it('ends the last line shown with the ellipsis when text is left out', () => {
    expect(wrapLines('one two three four', 9, 2, '...')).toEqual(['one two', 'three ...']);
  });

  it('gives nothing for no room', () => {
    expect(wrapLines('one', 0, 2, '…')).toEqual([]);
    expect(wrapLines('one', 5, 0, '…')).toEqual([]);
  });
});
