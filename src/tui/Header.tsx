/** The top line: the VM and QEMU's verdict, the pool and its verdict, and which view is shown. */
import { Text } from 'ink';
import { memo } from 'react';
import type { Colour, Theme } from './theme.js';
import type { View } from './state.js';
import { fit } from './text-fit.js';

export interface HeaderProps {
  readonly vmName: string;
  /** QEMU's verdict: false when it refuses to start. */
  readonly qemuStarts: boolean;
  readonly errors: number;
  readonly warnings: number;
  /** null without a pool. */
  readonly pool: { readonly name: string; readonly pass: boolean } | null;
  readonly view: View;
  readonly width: number;
  readonly theme: Theme;
}

/** `name` pieces shorten first, so the verdicts after them still show in a narrow terminal. */
type Piece = { readonly text: string; readonly colour?: Colour | undefined; readonly bold?: boolean; readonly name?: boolean };

/** What a name is cut to before anything else is. */
const SHORT_NAME = 12;

export const HeaderLine = memo(function HeaderLine({ vmName, qemuStarts, errors, warnings, pool, view, width, theme }: HeaderProps) {
  const count = (n: number, what: string) => (n === 0 ? '' : `, ${n} ${what}${n === 1 ? '' : 's'}`);
  const pieces: Piece[] = [
    { text: 'VM ' },
    { text: vmName, bold: true, name: true },
    { text: ': ' },
    { text: qemuStarts ? 'QEMU starts' : 'QEMU refuses to start', colour: theme.colour[qemuStarts ? 'pass' : 'fail'] },
    { text: `${count(errors, 'error')}${count(warnings, 'warning')}` },
    ...(pool
      ? [{ text: '   pool ' }, { text: pool.name, bold: true, name: true }, { text: ': ' }, { text: pool.pass ? 'PASS' : 'FAIL', colour: theme.colour[pool.pass ? 'pass' : 'fail'], bold: true }]
      : [{ text: '   no pool' }]),
  ];
  // Too narrow for all: the names shorten first, then the view tabs shrink to the view shown, so the verdicts stay.
  const allTabs = (['plan', 'pool', 'devices'] as const).map((v) => (v === view ? `[${v}]` : v)).join(' ');
  const fits = (ps: readonly Piece[], tabs: string) => ps.reduce((n, p) => n + p.text.length, 0) <= width - tabs.length - 2;
  const named = (length: number) => pieces.map((p) => (p.name ? { ...p, text: fit(p.text, length, theme.ellipsis) } : p));
  const levels: [readonly Piece[], string][] = [[pieces, allTabs], [named(SHORT_NAME), allTabs], [named(SHORT_NAME - 2), `[${view}]`]];
  const [chosen, tabs] = levels.find(([ps, t]) => fits(ps, t)) ?? levels.at(-1)!;
  const fitted = fitPieces(chosen, Math.max(0, width - tabs.length - 2), theme.ellipsis);
  const used = fitted.reduce((n, p) => n + p.text.length, 0);
  return (
    <Text>
      {fitted.map((p, i) => <Text key={i} color={p.colour} bold={theme.color && p.bold}>{p.text}</Text>)}
      {' '.repeat(Math.max(2, width - tabs.length - used))}{tabs}
    </Text>
  );
});

/** Cuts a line of styled pieces to `width`, the ellipsis ending the last piece that shows. */
function fitPieces(pieces: readonly Piece[], width: number, ellipsis: string): Piece[] {
  const total = pieces.reduce((n, p) => n + p.text.length, 0);
  if (total <= width) return [...pieces];
  const fitted: Piece[] = [];
  let left = width;
  for (const piece of pieces) {
    if (left <= 0) break;
    const text = piece.text.length <= left - ellipsis.length ? piece.text : fit(piece.text, left, ellipsis);
    fitted.push({ ...piece, text });
    left -= text.length;
    if (text !== piece.text) break;
  }
  return fitted;
}
