/**
 * CSV as RFC 4180 writes it (https://www.rfc-editor.org/rfc/rfc4180): a header row, fields separated by commas, a field
 * holding a comma, a double quote, CR or LF quoted and its quotes doubled. Records end in LF, not the RFC's CRLF: every
 * spreadsheet and CSV reader accepts LF, line tools (grep, diff, awk) read it cleanly, and the CLI's output never
 * carries a raw CR (visible-controls.ts would write it as \u000d).
 */
import { visibleControls } from './visible-controls.js';

/**
 * What a spreadsheet reads as a formula when it starts a cell (OWASP, "CSV Injection"): = + - @. TAB and CR, which
 * some spreadsheets skip before looking for one, never start a cell: they are written as `\u0009` and `\u000d` first.
 */
const FORMULA_START = /^[=+\-@]/;
/** Line breaks and tabs too: in a cell they would split the record or hide a formula's start (the rest is visibleControls'). */
const BREAKS = /[\t\n\r]/g;

/**
 * One cell: controls written visibly (`\u000a`), a formula-starting text behind a single quote (OWASP's advice: the
 * spreadsheet shows it as text), then quoted when RFC 4180 needs it.
 */
export function csvField(text: string): string {
  const visible = visibleControls(text).replace(BREAKS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const guarded = FORMULA_START.test(visible) ? `'${visible}` : visible;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** A table: the header row, then one record per row, each ended by LF. */
export function csvTable(header: readonly string[], rows: Iterable<readonly string[]>): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}
