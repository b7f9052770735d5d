/** Findings as a list of codes; the selected one's explanation in full below it. */
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { FindingItem } from './derive.js';
import type { Theme } from './theme.js';
import { listWindow } from './list-window.js';
import { fit, wrapLines } from './text-fit.js';

export interface FindingsListProps {
  readonly items: readonly FindingItem[];
  readonly selected: number;
  readonly isFocused: boolean;
  /** Rows for the list itself. */
  readonly height: number;
  /** Rows for the explanation (it wraps, and is cut at this height). */
  readonly explanationHeight: number;
  readonly width: number;
  readonly theme: Theme;
}

export const FindingsList = memo(function FindingsList({ items, selected, isFocused, height, explanationHeight, width, theme }: FindingsListProps) {
  if (items.length === 0) return <Text bold={theme.color}>Findings: none</Text>;
  const { start, end } = listWindow(items.length, selected, height);
  const chosen = items[selected];
  return (
    <Box flexDirection="column" width={width}>
      <Text bold={theme.color}>Findings ({items.length}{end > start && end - start < items.length ? `, ${start + 1} to ${end} shown` : ''})</Text>
      {items.slice(start, end).map((item, i) => (
        <Text key={start + i}>
          {start + i === selected && isFocused ? theme.cursor : ' '} <Text color={theme.colour[item.severity]}>{item.severity.padEnd(7)}</Text>{' '}
          {fit(`${item.code}${item.place ? ` [${item.place}]` : ''}`, Math.max(0, width - 10), theme.ellipsis)}
        </Text>
      ))}
      {chosen
        ? wrapLines(`${chosen.place ? `[${chosen.place}] ` : ''}${chosen.message}`, width - 2, explanationHeight, theme.ellipsis)
          .map((text, i) => <Text key={`e${i}`}>  {text}</Text>)
        : null}
    </Box>
  );
});
