/**
 * Which lines of a scrolling pane show: the pane's items each take one or more lines (a finding and its wrapped
 * explanation), and the window keeps the whole selected item in view, as centred as the ends allow (its first lines
 * when it is taller than the window). The position reads as the items seen: "12-24 of 61".
 */
export interface PaneLine {
  /** The item the line belongs to (0-based); lines of one item are consecutive. */
  readonly item: number;
  readonly text: string;
}

export interface PaneWindow {
  /** The lines shown: [start, end). */
  readonly start: number;
  readonly end: number;
  /** "12-24 of 61" (1-based items, the first and last at least partly in view), '' when every item shows. */
  readonly position: string;
}

/** `selected` -1: a pane read line by line (the help), from line `top`. */
export function paneWindow(lines: readonly PaneLine[], items: number, selected: number, height: number, top = 0): PaneWindow {
  if (height <= 0 || lines.length === 0) return { start: 0, end: 0, position: items > 0 && height <= 0 ? `0 of ${items}` : '' };
  if (lines.length <= height) return { start: 0, end: lines.length, position: '' };
  if (selected < 0) return window(lines, items, Math.max(0, Math.min(top, lines.length - height)), height);
  let first = lines.findIndex((l) => l.item === selected);
  if (first === -1) first = 0;
  let after = first;
  while (after < lines.length && lines[after]!.item === lines[first]!.item) after++;
  const tall = after - first;
  const start = tall >= height ? first : Math.max(0, Math.min(first - Math.floor((height - tall) / 2), lines.length - height));
  return window(lines, items, start, height);
}

function window(lines: readonly PaneLine[], items: number, start: number, height: number): PaneWindow {
  const end = Math.min(lines.length, start + height);
  const from = lines[start]!.item + 1;
  const to = lines[end - 1]!.item + 1;
  return { start, end, position: from === 1 && to === items && end - start === lines.length ? '' : `${from}-${to} of ${items}` };
}
