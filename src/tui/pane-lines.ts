/**
 * The lines of the scrolling panes, computed from what derive.ts gives: findings (the selected one with its
 * explanation wrapped in full), host groups (the table's columns folded by priority to the width), and the `/` filter
 * over both. Pure.
 */
import type { GroupResult } from '../core/pool/check.js';
import { GROUP_HEADER, groupRow } from '../render/pool-text.js';
import type { FindingItem } from './derive.js';
import type { StyledLine } from './ScrollPane.js';
import type { Theme } from './theme.js';
import { wrapLines } from './text-fit.js';

/** Case-insensitive: a finding matches on its severity, code, place or message. */
export function filterFindings(items: readonly FindingItem[], filter: string): readonly FindingItem[] {
  const wanted = filter.trim().toLowerCase();
  if (wanted === '') return items;
  return items.filter((f) => `${f.severity} ${f.code} ${f.place} ${f.message}`.toLowerCase().includes(wanted));
}

/** A group matches on its id, any of its hosts' names, or a cell of its row (CPU, QEMU, OVMF, "NO" for boots). */
export function filterGroups(groups: readonly GroupResult[], filter: string): readonly GroupResult[] {
  const wanted = filter.trim().toLowerCase();
  if (wanted === '') return groups;
  return groups.filter((g) => [...g.hosts, ...groupRow(g)].some((text) => text.toLowerCase().includes(wanted)));
}

export function findingLines(items: readonly FindingItem[], selected: number, width: number, theme: Theme): StyledLine[] {
  return items.flatMap((item, i): StyledLine[] => {
    const head: StyledLine = {
      item: i, text: `${item.severity.padEnd(7)} ${item.code}${item.place ? ` [${item.place}]` : ''}`,
      colour: theme.colour[item.severity], colourColumns: 7,
    };
    if (i !== selected) return [head];
    const text = `${item.place ? `[${item.place}] ` : ''}${item.message}`;
    return [head, ...wrapLines(text, Math.max(1, width - 4), Infinity, theme.ellipsis).map((line) => ({ item: i, text: `  ${line}` }))];
  });
}

/** Columns of the group table in the order they fold (last first): a group, whether it boots, its CPU, ... */
const KEEP = ['group', 'boots', 'host CPU', 'machines', 'width', 'QEMU', 'OVMF', 'guest', 'aperture', 'hosts'];

export interface GroupTable {
  readonly header: string;
  readonly lines: StyledLine[];
}

/** The table narrowed to `width`: the least telling columns go first; the OVMF release loses its "edk2-stable". */
export function groupTable(groups: readonly GroupResult[], width: number, theme: Theme): GroupTable {
  const all = [GROUP_HEADER, ...groups.map(groupRow)];
  const widths = GROUP_HEADER.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  let kept = KEEP.length;
  const shown = (count: number) => GROUP_HEADER.map((name, c) => c).filter((c) => KEEP.indexOf(GROUP_HEADER[c]!) < count);
  const span = (columns: number[]) => columns.reduce((n, c) => n + widths[c]! + 1, -1);
  while (kept > 2 && span(shown(kept)) > width) kept--;
  const columns = shown(kept);
  const row = (cells: readonly string[]) => columns.map((c) => cells[c]!.padEnd(widths[c]!)).join(' ').trimEnd();
  return {
    header: row(GROUP_HEADER),
    lines: groups.map((g, i) => ({ item: i, text: row(groupRow(g)), colour: g.boots ? undefined : theme.colour.fail })),
  };
}
