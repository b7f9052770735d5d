/**
 * A drop-in for the three functions of `@alcalzone/ansi-tokenize` that ink's `Output` calls on every frame to turn
 * each written line into styled cells and the cells back into a string. The originals split every line into grapheme
 * clusters with `Intl.Segmenter` (about 1.6 µs a character on Node 20) and compare the styles of every cell of the
 * screen through three new Sets, which made a 120×40 frame cost 15 to 25 ms. These give the same results with fast
 * paths for what the planner draws: characters that are each one narrow grapheme, plain SGR colour codes, and runs of
 * cells in the same style. Anything else goes to the originals.
 *
 * The CLI's bundle swaps it in for ink's output.js alone (scripts/ink-fast-text.mjs); test/tui/fast-ansi-tokenize.test.ts
 * checks it against the originals.
 */
import * as original from '@alcalzone/ansi-tokenize';
import type { AnsiCode, StyledChar, Token } from '@alcalzone/ansi-tokenize';

/**
 * Whether a UTF-16 code unit is, on its own, a whole grapheme one column wide, whatever comes before or after it:
 * printable ASCII, Latin-1 and Latin Extended letters (not the soft hyphen, a format character), general
 * punctuation (not the zero-width and direction marks), arrows, mathematical operators, box drawing, block elements,
 * geometric shapes (not the two wide squares U+25FD and U+25FE) and the check marks and crosses U+2713 to U+2718.
 * Surrogates, combining marks, controls, variation selectors and wide characters are not, and take the slow path.
 */
export function isNarrowGrapheme(unit: number): boolean {
  if (unit < 0x7f) return unit >= 0x20;
  if (unit < 0x300) return unit >= 0xa0 && unit !== 0xad;
  if (unit < 0x2010) return false;
  if (unit <= 0x2027) return true;
  if (unit < 0x2030) return false;
  if (unit <= 0x205e) return true;
  if (unit < 0x2190) return false;
  if (unit <= 0x22ff) return true;
  if (unit < 0x2500) return false;
  if (unit <= 0x25fc) return true;
  if (unit === 0x25ff) return true;
  return unit >= 0x2713 && unit <= 0x2718;
}

/** The ansi tokens of each SGR sequence met, by its text: a screen uses a handful. */
const sgrTokens = new Map<string, readonly AnsiCode[]>();

/** The index just past an SGR sequence (`ESC [ digits and semicolons m`) starting at `at`, else -1. */
export function sgrEnd(text: string, at: number): number {
  if (text.charCodeAt(at + 1) !== 0x5b) return -1;
  for (let i = at + 2; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0x6d) return i + 1;
    if (unit !== 0x3b && (unit < 0x30 || unit > 0x39)) return -1;
  }
  return -1;
}

/** Same as the original `tokenize`. */
export function tokenize(text: string, endChar = Number.POSITIVE_INFINITY): Token[] {
  if (endChar !== Number.POSITIVE_INFINITY) return original.tokenize(text, endChar);
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const unit = text.charCodeAt(i);
    if (unit === 0x1b) {
      const end = sgrEnd(text, i);
      if (end < 0) return original.tokenize(text);
      const sequence = text.slice(i, end);
      let codes = sgrTokens.get(sequence);
      if (codes === undefined) {
        codes = original.tokenize(sequence) as AnsiCode[];
        if (sgrTokens.size < 256) sgrTokens.set(sequence, codes);
      }
      for (const code of codes) tokens.push({ type: 'ansi', code: code.code, endCode: code.endCode });
      i = end;
    } else if (isNarrowGrapheme(unit)) {
      tokens.push({ type: 'char', value: text[i]!, fullWidth: false });
      i++;
    } else {
      return original.tokenize(text);
    }
  }
  return tokens;
}

/** Same as the original `styledCharsFromTokens`, without copying each token through a spread. */
export function styledCharsFromTokens(tokens: Token[]): StyledChar[] {
  let codes: AnsiCode[] = [];
  const chars: StyledChar[] = [];
  for (const token of tokens) {
    if (token.type === 'ansi') codes = original.reduceAnsiCodesIncremental(codes, [token]);
    else chars.push({ type: 'char', value: token.value, fullWidth: token.fullWidth, styles: codes.length === 0 ? [] : [...codes] });
  }
  return chars;
}

/** Same as the original `styledCharsToString`; between two cells in the same style there is nothing to write. */
export function styledCharsToString(chars: StyledChar[]): string {
  let text = '';
  let previous: AnsiCode[] = [];
  for (const char of chars) {
    if (!sameStyles(previous, char.styles)) text += original.ansiCodesToString(original.diffAnsiCodes(previous, char.styles));
    text += char.value;
    previous = char.styles;
  }
  return previous.length === 0 ? text : text + original.ansiCodesToString(original.diffAnsiCodes(previous, []));
}

function sameStyles(a: readonly AnsiCode[], b: readonly AnsiCode[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.code !== b[i]!.code || a[i]!.endCode !== b[i]!.endCode) return false;
  return true;
}
