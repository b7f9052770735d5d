/**
 * GitHub-flavoured Markdown (https://github.github.com/gfm/) for text that is shown, not interpreted: a host name such
 * as `<b>x</b>` or `[x](http://…)`, or a finding that names `<maxphysaddr>`, must read as written on a wiki page.
 */
import { visibleControls } from './visible-controls.js';

/**
 * The characters that start emphasis, code, links, raw HTML, entities or strikethrough, and the table's `|`,
 * backslash-escaped (GFM §2.4: any ASCII punctuation may be); line breaks and tabs written visibly, since a cell is one line.
 */
const SPECIAL = /[\\|`*_[\]<>&~]/g;

export function markdownText(text: string): string {
  return visibleControls(text).replace(/[\t\n\r]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(SPECIAL, '\\$&');
}

/** A finding code or a command, as a code span: these never hold a backquote or `|`. */
export function markdownCode(text: string): string {
  return `\`${text}\``;
}

export type Alignment = 'left' | 'right';

/** A table of cells already written as Markdown (markdownText, markdownCode); `right` columns hold numbers. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Alignment[] = []): string[] {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (align[i] === 'right' ? '---:' : '---'))), ...rows.map(line)];
}

/** Indented text lines (two spaces a level, the first level indented by `first`) as a nested list. */
export function markdownList(lines: readonly string[], first = 2): string[] {
  return lines.map((line) => {
    const indent = line.length - line.trimStart().length;
    return `${'  '.repeat(Math.max(0, Math.floor((indent - first) / 2)))}- ${markdownText(line.trim())}`;
  });
}
