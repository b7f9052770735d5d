import { describe, expect, it } from 'vitest';
import { COLOR_THEME, PLAIN_THEME, themeFor } from '../../src/tui/theme.js';

describe('themeFor', () => {
  it('draws plain characters when NO_COLOR is set to anything but empty (no-color.org)', () => {
    expect(themeFor({ NO_COLOR: '1' })).toBe(PLAIN_THEME);
    expect(themeFor({ NO_COLOR: '' })).toBe(COLOR_THEME);
    expect(themeFor({})).toBe(COLOR_THEME);
  });
});

describe('the themes', () => {
  it('keep the plain theme ASCII, one character per kind of region', () => {
    const glyphs = Object.values(PLAIN_THEME.glyph);
    expect(glyphs.every((g) => /^[\x20-\x7e]$/.test(g))).toBe(true);
    expect(new Set(glyphs).size).toBe(glyphs.length);
    expect([PLAIN_THEME.cursor, PLAIN_THEME.pointer, PLAIN_THEME.editCaret, PLAIN_THEME.ellipsis, ...Object.values(PLAIN_THEME.keys)].join('')).toMatch(/^[\x20-\x7e]+$/);
    expect(PLAIN_THEME.colour).toEqual({});
  });

  it('give each kind of region its own character in the colour theme too, so colour is never the only difference', () => {
    const glyphs = Object.values(COLOR_THEME.glyph);
    expect(new Set(glyphs).size).toBe(glyphs.length);
    // Only the basic ANSI colours, which light and dark terminal themes both adapt.
    expect(Object.values(COLOR_THEME.colour).every((c) => ['red', 'green', 'yellow', 'blue', 'magenta', 'cyan'].includes(c!))).toBe(true);
  });
});
