/** The fast paths give what @alcalzone/ansi-tokenize gives, for every character they take and any mix of lines. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as original from '@alcalzone/ansi-tokenize';
import { isNarrowGrapheme, styledCharsFromTokens, styledCharsToString, tokenize } from '../../src/tui/fast-ansi-tokenize.js';
import { COLOR_THEME, PLAIN_THEME } from '../../src/tui/theme.js';

const narrow = Array.from({ length: 0x10000 }, (_, unit) => unit).filter(isNarrowGrapheme).map((unit) => String.fromCharCode(unit));

/** What chalk writes for the theme's colours and styles, and other SGR forms. */
const SGR = ['\x1b[31m', '\x1b[32m', '\x1b[39m', '\x1b[1m', '\x1b[2m', '\x1b[22m', '\x1b[4m', '\x1b[24m', '\x1b[0m', '\x1b[m', '\x1b[1;31m', '\x1b[38;5;196m', '\x1b[38;2;1;2;3m', '\x1b[49m'];
/** What the fast paths leave to the originals: wide, combining, joining and control characters, other escapes. */
const SLOW = ['界', '👍', 'e\u0301', '\u200d', '\ufe0f', '\u00ad', '🇩🇪', '\t', '\x9b', '\x1b[K', '\x1b]8;;https://example.org\x07', '\x1b', '\x1b[12'];
const themeText = [COLOR_THEME, PLAIN_THEME].flatMap((t) => [...Object.values(t.glyph), t.cursor, t.pointer, t.editCaret, t.ellipsis, t.keys.updown, t.keys.leftright]);

const line = (pieces: fc.Arbitrary<string>) => fc.array(pieces, { maxLength: 30 }).map((parts) => parts.join(''));
const fastLine = line(fc.oneof(fc.constantFrom(...narrow), fc.constantFrom(...SGR), fc.constantFrom(...themeText)));
const anyLine = line(fc.oneof(fc.constantFrom(...narrow), fc.constantFrom(...SGR), fc.constantFrom(...themeText), fc.constantFrom(...SLOW)));

describe('isNarrowGrapheme', () => {
  it('takes only characters that are each a grapheme one column wide, next to anything it takes', () => {
    for (const c of narrow) expect(original.tokenize(`a${c}${c}b`), c).toEqual([..."a", c, c, 'b'].map((value) => ({ type: 'char', value, fullWidth: false })));
  });

  it('takes every character the themes draw', () => {
    expect(themeText.filter((text) => ![...text].every((c) => isNarrowGrapheme(c.charCodeAt(0))))).toEqual([]);
  });
});

describe('tokenize', () => {
  it('gives the original tokens for lines of characters it takes and SGR codes', () => {
    fc.assert(fc.property(fastLine, (text) => { expect(tokenize(text)).toEqual(original.tokenize(text)); }), { numRuns: 2000 });
  });

  it('gives the original tokens for lines with anything else in them', () => {
    fc.assert(fc.property(anyLine, (text) => { expect(tokenize(text)).toEqual(original.tokenize(text)); }), { numRuns: 2000 });
  });

  it('stops where the original does when given an end', () => {
    expect(tokenize('abc界def', 4)).toEqual(original.tokenize('abc界def', 4));
  });
});

describe('styledCharsFromTokens', () => {
  it('gives each character the styles the original does', () => {
    fc.assert(fc.property(anyLine, (text) => {
      expect(styledCharsFromTokens(tokenize(text))).toEqual(original.styledCharsFromTokens(original.tokenize(text)));
    }), { numRuns: 2000 });
  });
});

describe('styledCharsToString', () => {
  it('writes the cells of a line as the original does', () => {
    fc.assert(fc.property(anyLine, (text) => {
      const chars = original.styledCharsFromTokens(original.tokenize(text));
      expect(styledCharsToString(chars)).toBe(original.styledCharsToString(chars));
    }), { numRuns: 2000 });
  });

  it('writes a row pieced together from several lines, as ink lays out a screen, as the original does', () => {
    fc.assert(fc.property(fc.array(fc.tuple(anyLine, fc.nat(40)), { maxLength: 6 }), (writes) => {
      const row = Array.from({ length: 40 }, (): original.StyledChar => ({ type: 'char', value: ' ', fullWidth: false, styles: [] }));
      for (const [text, x] of writes) original.styledCharsFromTokens(original.tokenize(text)).forEach((char, i) => { row[x + i] = char; });
      expect(styledCharsToString(row)).toBe(original.styledCharsToString(row));
    }), { numRuns: 2000 });
  });

  it('writes nothing for no cells', () => {
    expect(styledCharsToString([])).toBe('');
  });
});
