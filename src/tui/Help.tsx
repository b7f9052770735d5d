/** The help screen: keys, what the fields are, how the map is drawn. */
import { Box, Text } from 'ink';
import type { SegmentKind } from '../render/map-scale.js';
import type { Theme } from './theme.js';
import { fit, wrapLines } from './text-fit.js';

const LEGEND: readonly [SegmentKind, string][] = [
  ['ram', 'RAM'], ['pci-hole', '32-bit PCI hole'], ['platform', 'IOAPIC, LAPIC, flash'], ['hotplug', 'memory hotplug area'],
  ['cxl', 'CXL'], ['reserved', 'reserved (AMD HyperTransport)'], ['pci-hole64', "QEMU's pci-hole64"],
  ['aperture', "OVMF's 64-bit PCI aperture"], ['devices', 'BARs of passed-through devices'], ['conflict', 'aperture over memory'], ['unused', 'unused'],
  ['marker', '2^phys-bits, 2^PhysMemAddressWidth, hosts\' MAXPHYADDR'],
];

export function Help({ width, theme }: { width: number; theme: Theme }) {
  const { updown, leftright } = theme.keys;
  const keys: [string, string][] = [
    [`${updown}  j k`, 'move in the focused list; Tab and Shift-Tab move between the fields, the map and the findings'],
    [leftright, 'fields: step the value (choices, numbers, on/off; sizes halve or double); map: the previous or next region'],
    ['Enter', 'fields: type a value; sizes are expressions (4G, 59.5G, 0x100000000, 1T + 512G); empty means the default'],
    ['0-9 ( .', 'start typing a new value over the selected field'],
    ['Space', 'fields: the next choice, or on/off'],
    ['Esc', 'stop typing (the value is not applied); clear a message'],
    ['v', 'switch between the plan view (the map) and the pool view (the pool check)'],
    ['a', 'apply the recommended phys-bits setting for the pool'],
    ['e', 'export the VM and the pool as the JSON files the CLI reads (asks before overwriting)'],
    ['?', 'this help'],
    ['q  Ctrl-C', 'quit'],
  ];
  const paragraph = (text: string) => wrapLines(text, width, Infinity, theme.ellipsis).map((line, i) => <Text key={`${text.slice(0, 8)}${i}`}>{line}</Text>);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold={theme.color}>Keys</Text>
      {keys.map(([k, what]) => <Text key={k}>{fit(`  ${k.padEnd(12)} ${what}`, width, theme.ellipsis)}</Text>)}
      <Text> </Text>
      {paragraph("The fields are the options of `gpa-planner plan` and `gpa-planner pool check`. A value the CLI would refuse shows the CLI's own message, and the last good plan stays on the screen.")}
      <Text> </Text>
      {paragraph('On the map each piece is at least one column wide and wider pieces are larger by the logarithm of their size, so small regions stay visible; the order of the pieces and every number in the legend are exact.')}
      <Text> </Text>
      <Text bold={theme.color}>Map legend</Text>
      {LEGEND.map(([kind, what]) => (
        <Text key={kind}>  <Text color={theme.colour[kind]}>{theme.glyph[kind]}</Text>  {what}</Text>
      ))}
    </Box>
  );
}
