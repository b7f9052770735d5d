/** The CSV and Markdown cell writers: RFC 4180 quoting, the spreadsheet-formula guard, GFM escaping. */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvField, csvTable } from '../../src/render/csv.js';
import { markdownList, markdownTable, markdownText } from '../../src/render/markdown.js';
import { CSV_TABLES } from '../../src/render/pool-csv.js';
import { TABLES } from '../../src/cli/format-option.js';

describe('csvField', () => {
  it.each<[string, string, string]>([
    ['plain text, as it is', 'desk-1', 'desk-1'],
    ['a comma: quoted (RFC 4180 §2.6)', 'desk-1, desk-2', '"desk-1, desk-2"'],
    ['a quote: quoted, the quote doubled (§2.7)', 'say "hi"', '"say ""hi"""'],
    // OWASP CSV Injection: = + - @ start a formula; a leading single quote makes the cell text.
    ['= : behind a single quote, then quoted for its comma and quotes', '=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['+ : behind a single quote', '+1', "'+1"],
    ['- : behind a single quote', '-1', "'-1"],
    ['@ : behind a single quote', '@SUM(A1)', "'@SUM(A1)"],
    // A tab or CR before the formula is written visibly (\u0009), so the cell starts with a backslash, no formula.
    ['a leading tab: visible, no formula', '\t=1', '\\u0009=1'],
    ['a leading CR: visible', '\r=1', '\\u000d=1'],
    ['a line break: visible, one record a line', 'a\nb', 'a\\u000ab'],
    ['an escape sequence: visible as in the text output', '\u001b[2Jx', '\\u001b[2Jx'],
    ['a formula sign inside: as it is', 'g1->g2', 'g1->g2'],
  ])('%s', (_what, text, written) => {
    expect(csvField(text)).toBe(written);
  });

  it('reads back through a CSV parser as the cell it was, formula guard and visible controls aside', () => {
    const cells = ['a,b', 'q"uote', '=1+1', 'x\ny', 'plain', ''];
    const [header, row] = parse(csvTable(['one', 'two', 'three', 'four', 'five', 'six'], [cells])) as string[][];
    expect(header).toEqual(['one', 'two', 'three', 'four', 'five', 'six']);
    expect(row).toEqual(['a,b', 'q"uote', "'=1+1", 'x\\u000ay', 'plain', '']);
  });

  it('ends every record with LF, the last one too', () => {
    expect(csvTable(['a', 'b'], [['1', '2'], ['3', '4']])).toBe('a,b\n1,2\n3,4\n');
  });
});

describe('markdownText', () => {
  it.each<[string, string, string]>([
    ['a pipe, which would end the cell', 'a|b', 'a\\|b'],
    ['a backslash, which would escape what follows', 'a\\b', 'a\\\\b'],
    ['HTML, shown as written', '<b>x</b>', '\\<b\\>x\\</b\\>'],
    ['a link, shown as written', '[l](http://x)', '\\[l\\](http://x)'],
    ['emphasis and code', '*e* _u_ `c` ~s~', '\\*e\\* \\_u\\_ \\`c\\` \\~s\\~'],
    ['an entity, shown as written', '&lt;', '\\&lt;'],
    ['a line break, visible: a cell is one line', 'a\nb', 'a\\\\u000ab'],
    ['an escape sequence, visible and its backslash escaped', '\u001b[2J', '\\\\u001b\\[2J'],
    ['plain text, as it is', 'desk-1, 64 GiB @ 0x7000000000', 'desk-1, 64 GiB @ 0x7000000000'],
  ])('%s', (_what, text, written) => {
    expect(markdownText(text)).toBe(written);
  });

  it('writes a table with a delimiter row, numbers right-aligned', () => {
    expect(markdownTable(['group', 'machines'], [['g1', '4']], ['left', 'right'])).toEqual(['| group | machines |', '| --- | ---: |', '| g1 | 4 |']);
  });

  it('nests indented lines as list items', () => {
    expect(markdownList(['QEMU starts', '  etc/reserved-memory-end: absent'], 0)).toEqual(['- QEMU starts', '  - etc/reserved-memory-end: absent']);
  });
});

it('offers on the command line the CSV tables the renderer writes', () => {
  expect(TABLES).toEqual(CSV_TABLES);
});
