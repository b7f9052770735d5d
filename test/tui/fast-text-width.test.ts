/** The fast paths give what string-width and widest-line give, for every character they take and any mix of lines. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import originalStringWidth from 'string-width';
import originalWidestLine from 'widest-line';
import { stringWidth, widestLine } from '../../src/tui/fast-text-width.js';
import { isNarrowGrapheme } from '../../src/tui/fast-ansi-tokenize.js';
import { COLOR_THEME, PLAIN_THEME } from '../../src/tui/theme.js';

const narrow = Array.from({ length: 0x10000 }, (_, unit) => unit).filter(isNarrowGrapheme).map((unit) => String.fromCharCode(unit));
const SGR = ['\x1b[31m', '\x1b[39m', '\x1b[1m', '\x1b[22m', '\x1b[2m', '\x1b[0m', '\x1b[m', '\x1b[1;31m', '\x1b[38;5;196m'];
const SLOW = ['界', '👍', 'e\u0301', '\u200b', '\u00ad', '\t', '\r', '\x1b[K', '\x1b]8;;https://example.org\x07', '\x1b', '\x9b31m'];
const themeText = [COLOR_THEME, PLAIN_THEME].flatMap((t) => [...Object.values(t.glyph), t.cursor, t.pointer, t.editCaret, t.ellipsis]);
/** Text from groups of pieces, each group as likely as the others (so newlines and codes are common). */
const text = (...groups: string[][]) => fc.array(fc.oneof(...groups.map((g) => fc.constantFrom(...g))), { maxLength: 40 }).map((parts) => parts.join(''));

describe('widestLine', () => {
  it('counts one column for each character the fast path takes, as the original does', () => {
    for (const c of narrow) expect(originalWidestLine(`a${c}${c}b`), c).toBe(4);
  });

  it('measures lines of such characters, SGR codes and newlines as the original does', () => {
    fc.assert(fc.property(text(narrow, SGR, themeText, ['\n']), (t) => {
      expect(widestLine(t)).toBe(originalWidestLine(t));
    }), { numRuns: 2000 });
  });

  it('measures lines with anything else in them as the original does', () => {
    fc.assert(fc.property(text(narrow, SGR, themeText, SLOW, ['\n']), (t) => {
      expect(widestLine(t)).toBe(originalWidestLine(t));
    }), { numRuns: 2000 });
  });

  it('gives 0 for no text and the widest of several lines', () => {
    expect(widestLine('')).toBe(0);
    expect(widestLine('ab\n\x1b[31mabcd\x1b[39m\nabc')).toBe(4);
    expect(widestLine('abcd\nab\nabc')).toBe(4);
  });
});

describe('stringWidth', () => {
  it('counts one column for each character the fast path takes, as the original does', () => {
    for (const c of narrow) expect(originalStringWidth(`a${c}${c}b`), c).toBe(4);
  });

  it('measures a line of such characters and SGR codes as the original does', () => {
    fc.assert(fc.property(text(narrow, SGR, themeText), (t) => {
      expect(stringWidth(t)).toBe(originalStringWidth(t));
    }), { numRuns: 2000 });
  });

  it('measures a line with anything else in it as the original does', () => {
    fc.assert(fc.property(text(narrow, SGR, themeText, SLOW, ['\n']), (t) => {
      expect(stringWidth(t)).toBe(originalStringWidth(t));
    }), { numRuns: 2000 });
  });

  it('gives 0 for no text', () => {
    expect(stringWidth('')).toBe(0);
  });
});
