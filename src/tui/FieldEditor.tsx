/** The editable fields as a list: label, value (dimmed when it is the default), the editor on the one being typed. */
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { FieldId } from './fields.js';
import type { Theme } from './theme.js';
import { listWindow } from './list-window.js';
import { fit } from './text-fit.js';

export interface FieldRow {
  readonly id: FieldId;
  readonly label: string;
  readonly text: string;
  /** false when the value shown is what applies by default. */
  readonly isSet: boolean;
  readonly isSelected: boolean;
  readonly state: 'shown' | 'editing' | 'rejected';
  /** A heading drawn above this row. */
  readonly section: string | null;
}

export interface FieldEditorProps {
  readonly rows: readonly FieldRow[];
  readonly height: number;
  readonly width: number;
  readonly isFocused: boolean;
  readonly theme: Theme;
  /** Columns of the labels: 16, or 12 in a narrow terminal. */
  readonly labelWidth?: number;
}

export const FieldEditor = memo(function FieldEditor({ rows, height, width, isFocused, theme, labelWidth = 16 }: FieldEditorProps) {
  type Line = { readonly heading: string } | { readonly row: FieldRow };
  const lines = rows.flatMap((row): Line[] => [...(row.section === null ? [] : [{ heading: row.section }]), { row }]);
  const selected = lines.findIndex((line) => 'row' in line && line.row.isSelected);
  const { start, end } = listWindow(lines.length, selected, height);
  return (
    <Box flexDirection="column" width={width}>
      {lines.slice(start, end).map((line, i) => ('heading' in line
        ? <Text key={`h${start + i}`} bold={theme.color}>{fit(line.heading, width, theme.ellipsis)}</Text>
        : <FieldLine key={line.row.id} row={line.row} isFocused={isFocused} width={width} theme={theme} labelWidth={labelWidth} />))}
    </Box>
  );
});

function FieldLine({ row, isFocused, width, theme, labelWidth }: { row: FieldRow; isFocused: boolean; width: number; theme: Theme; labelWidth: number }) {
  const cursor = row.isSelected && isFocused ? theme.cursor : ' ';
  const label = `${cursor} ${fit(row.label, labelWidth, theme.ellipsis).padEnd(labelWidth)} `;
  const room = Math.max(0, width - label.length);
  if (row.state === 'editing') {
    // The end of a long text stays in view while typing.
    const text = row.text.length + 1 > room ? row.text.slice(row.text.length + 1 - room) : row.text;
    return <Text><Text inverse={theme.color}>{label}</Text><Text underline={theme.color}>{text}</Text>{theme.editCaret}</Text>;
  }
  if (row.state === 'rejected') {
    return <Text>{label}<Text color={theme.colour.error}>{fit(`${row.text} ${theme.color ? '✗' : '(refused)'}`, room, theme.ellipsis)}</Text></Text>;
  }
  return (
    <Text>
      <Text inverse={theme.color && row.isSelected && isFocused}>{label}</Text>
      <Text dimColor={theme.color && !row.isSet}>{fit(row.text, room, theme.ellipsis)}</Text>
    </Text>
  );
}
