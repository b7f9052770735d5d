/**
 * The guest physical address space as one line of characters, with the selected item pointed at, address labels,
 * a legend and the exact numbers of the selected item. Layout comes computed (src/render/map-scale.ts).
 */
import { Box, Text } from 'ink';
import { memo } from 'react';
import { formatSize, hex } from '../render/format.js';
import { labelLine, markerLabel } from '../render/map-scale.js';
import { type MapItem, type MapView, itemColumns } from './derive.js';
import type { Theme } from './theme.js';
import { listWindow } from './list-window.js';
import { fit } from './text-fit.js';

export interface AddressMapProps {
  readonly view: MapView;
  readonly selected: number;
  readonly isFocused: boolean;
  /** Rows for the legend; it scrolls to keep the selected item in view. */
  readonly legendHeight: number;
  /** Rows for the selected item's numbers: 3, or 0 to fold them. */
  readonly detailsHeight?: number;
  /** Columns for the legend and the numbers (the picture itself was laid out for its own width). */
  readonly width: number;
  readonly theme: Theme;
}

export const AddressMap = memo(function AddressMap({ view, selected, isFocused, legendHeight, detailsHeight = 3, width, theme }: AddressMapProps) {
  const { layout, items } = view;
  const item = items[selected];
  const pointed = itemColumns(view, item);
  const { start, end } = listWindow(items.length, selected, legendHeight);
  return (
    <Box flexDirection="column">
      <Text bold={theme.color}>{fit(`Guest physical address map: 0 to ${markerLabel(layout.end)}, widths by log2 of size`, width, theme.ellipsis)}</Text>
      <Text>
        {layout.segments.filter((s) => s.width > 0).map((s, i) => (
          <Text key={i} color={theme.colour[s.kind]} dimColor={theme.color && s.kind === 'unused'}>{theme.glyph[s.kind].repeat(s.width)}</Text>
        ))}
      </Text>
      <Text>{pointed ? `${' '.repeat(pointed[0])}${theme.pointer.repeat(pointed[1] - pointed[0])}` : ' '}</Text>
      <Text>{labelLine(layout.labels) || ' '}</Text>
      {items.slice(start, end).map((it, i) => (
        <LegendRow key={start + i} item={it} isSelected={start + i === selected} isFocused={isFocused} width={width} theme={theme} />
      ))}
      {item && detailsHeight > 0 ? <Details item={item} width={width} theme={theme} /> : null}
    </Box>
  );
});

function LegendRow({ item, isSelected, isFocused, width, theme }: { item: MapItem; isSelected: boolean; isFocused: boolean; width: number; theme: Theme }) {
  const glyph = theme.glyph[item.kind];
  const size = `${(item.kind === 'marker' ? '' : formatSize(item.size)).padStart(10)}  ${item.by}`.trimEnd();
  // cursor, space, two-column swatch, space | what | size and who (markers have no size)
  const room = Math.max(0, width - 5 - (item.kind === 'marker' ? 0 : SIZE_COLUMNS));
  const what = fit(item.what, room, theme.ellipsis);
  return (
    <Text>
      {isSelected && isFocused ? theme.cursor : ' '}{' '}
      <Text color={theme.colour[item.kind]} dimColor={theme.color && item.kind === 'unused'}>{item.kind === 'marker' ? ` ${glyph}` : glyph.repeat(2)}</Text>
      {' '}{item.kind === 'marker' ? what : `${what.padEnd(room)}${size}`}
    </Text>
  );
}

/** The size (10 columns, right-aligned) and who placed the region ("  platform"). */
const SIZE_COLUMNS = 20;

/** The selected item's exact numbers (three lines). */
function Details({ item, width, theme }: { item: MapItem; width: number; theme: Theme }) {
  const lines = item.kind === 'marker'
    ? [item.what, `  at ${hex(item.base)} = ${item.base} = ${formatSize(item.base)}`, '']
    : [
        `${item.what}${item.by ? ` (${item.by})` : ''}`,
        `  start ${hex(item.base)}  end ${hex(item.base + item.size)} (exclusive)`,
        `  size ${hex(item.size)} = ${item.size} bytes = ${formatSize(item.size)}`,
      ];
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => <Text key={i}>{fit(line, width, theme.ellipsis) || ' '}</Text>)}
    </Box>
  );
}
