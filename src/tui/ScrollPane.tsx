/**
 * A list pane that scrolls: a title with the position ("12-24 of 61") on the right, then the lines of the items in
 * view. The selected item's first line carries the cursor when the pane has the focus, and the title is marked too,
 * so the focus shows without colour.
 */
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { Colour, Theme } from './theme.js';
import { type PaneLine, paneWindow } from './pane-window.js';
import { fit } from './text-fit.js';

export interface StyledLine extends PaneLine {
  readonly colour?: Colour | undefined;
  /** Columns at the start drawn in `colour` (the rest plain); the whole line when absent. */
  readonly colourColumns?: number;
  readonly dim?: boolean;
}

export interface ScrollPaneProps {
  readonly title: string;
  readonly lines: readonly StyledLine[];
  /** How many items the lines hold. */
  readonly items: number;
  /** The selected item; -1 for none (a pane read line by line). */
  readonly selected: number;
  readonly isFocused: boolean;
  /** Rows, the title's included. */
  readonly height: number;
  readonly width: number;
  readonly theme: Theme;
  /** Said in place of the lines when there are none. */
  readonly empty?: string;
  /** A line that stays under the title (a table's column names). */
  readonly header?: string;
  /** With `selected` -1: the first line shown. */
  readonly top?: number;
}

export const ScrollPane = memo(function ScrollPane({ title, lines, items, selected, isFocused, height, width, theme, empty, header, top = 0 }: ScrollPaneProps) {
  if (height <= 0) return null;
  const fixed = header !== undefined && height > 2 ? 2 : 1;
  const { start, end, position } = paneWindow(lines, items, selected, height - fixed, top);
  const mark = isFocused ? `${theme.cursor} ` : '  ';
  const room = Math.max(0, width - mark.length - (position ? position.length + 1 : 0));
  const head = fit(title, room, theme.ellipsis);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold={theme.color} inverse={theme.color && isFocused}>
        {mark}{head}{position ? `${' '.repeat(Math.max(1, width - mark.length - head.length - position.length))}${position}` : ''}
      </Text>
      {fixed === 2 ? <Text dimColor={theme.color}>{fit(`  ${header}`, width, theme.ellipsis)}</Text> : null}
      {lines.length === 0 && empty && height > 1 ? <Text dimColor={theme.color}>{fit(`  ${empty}`, width, theme.ellipsis)}</Text> : null}
      {lines.slice(start, end).map((line, i) => {
        const first = start + i === 0 || lines[start + i - 1]!.item !== line.item;
        const cursor = first && line.item === selected && isFocused ? theme.cursor : ' ';
        const text = fit(line.text, Math.max(0, width - 2), theme.ellipsis);
        const split = line.colourColumns ?? text.length;
        return (
          <Text key={start + i} dimColor={theme.color && line.dim === true}>
            {cursor} <Text color={line.colour}>{text.slice(0, split)}</Text>{text.slice(split)}
          </Text>
        );
      })}
    </Box>
  );
});
