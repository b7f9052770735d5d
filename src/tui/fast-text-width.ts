/**
 * Drop-ins for `string-width` and `widest-line`, which ink calls on every character cell and on the text of every Text
 * node of every frame: for styled text the originals strip the colour codes and measure each grapheme with
 * `Intl.Segmenter` and Unicode regular expressions. These count the characters that are each one narrow grapheme
 * (fast-ansi-tokenize.ts), skip SGR codes, and give anything else to the originals. The CLI's bundle swaps them in for
 * ink's own imports alone (scripts/ink-fast-text.mjs); test/tui/fast-text-width.test.ts checks them against the
 * originals.
 */
import originalStringWidth from 'string-width';
import originalWidestLine from 'widest-line';
import { isNarrowGrapheme, sgrEnd } from './fast-ansi-tokenize.js';

/** Same as the original `widest-line`: the width in columns of the widest line of `text`. */
export function widestLine(text: string): number {
  let widest = 0;
  let width = 0;
  let i = 0;
  while (i < text.length) {
    const unit = text.charCodeAt(i);
    if (unit === 0x0a) {
      widest = Math.max(widest, width);
      width = 0;
      i++;
    } else if (unit === 0x1b) {
      const end = sgrEnd(text, i);
      if (end < 0) return originalWidestLine(text);
      i = end;
    } else if (isNarrowGrapheme(unit)) {
      width++;
      i++;
    } else {
      return originalWidestLine(text);
    }
  }
  return Math.max(widest, width);
}

/** Same as the original `string-width` called as ink calls it, without options: the width of one line in columns. */
export function stringWidth(text: string): number {
  let width = 0;
  let i = 0;
  while (i < text.length) {
    const unit = text.charCodeAt(i);
    if (unit === 0x1b) {
      const end = sgrEnd(text, i);
      if (end < 0) return originalStringWidth(text);
      i = end;
    } else if (isNarrowGrapheme(unit)) {
      width++;
      i++;
    } else {
      return originalStringWidth(text);
    }
  }
  return width;
}
