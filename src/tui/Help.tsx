/** The help screen's lines: keys, what the fields are, how the map is drawn. It scrolls (src/tui/ScrollPane.tsx). */
import type { SegmentKind } from '../render/map-scale.js';
import type { StyledLine } from './ScrollPane.js';
import type { Theme } from './theme.js';
import { wrapLines } from './text-fit.js';

const LEGEND: readonly [SegmentKind, string][] = [
  ['ram', 'RAM'], ['pci-hole', '32-bit PCI hole'], ['platform', 'IOAPIC, LAPIC, flash'], ['hotplug', 'memory hotplug area'],
  ['cxl', 'CXL'], ['reserved', 'reserved (AMD HyperTransport)'], ['pci-hole64', "QEMU's pci-hole64"],
  ['aperture', "OVMF's 64-bit PCI aperture"], ['devices', 'BARs of passed-through devices'], ['conflict', 'aperture over memory'], ['unused', 'unused'],
  ['marker', '2^phys-bits, 2^PhysMemAddressWidth, hosts\' MAXPHYADDR'],
];

export function helpLines(width: number, theme: Theme): StyledLine[] {
  const { updown, leftright } = theme.keys;
  const keys: [string, string][] = [
    [`${updown} j k`, 'move in the focused pane; PgUp PgDn Home End move by a page or to an end; the pane\'s title shows the position (12-24 of 61)'],
    ['Tab', 'the next pane (Shift-Tab the previous): the fields, then the map or the host groups or the devices, then the findings'],
    [leftright, 'fields: step the value (choices, numbers, on/off; sizes halve or double), every key counts; map: the previous or next region'],
    ['Enter', 'fields: type a value; sizes are expressions (4G, 59.5G, 0x100000000, 1T + 512G); empty means the default. Host groups: open the group\'s own plan (map and findings), Esc goes back'],
    ['0-9 ( .', 'start typing a new value over the selected field'],
    ['Space', 'fields: the next choice, or on/off'],
    ['/', 'filter the findings and the host groups by a word (code, host name, CPU...); Esc clears it'],
    ['Esc', 'stop typing (the value is not applied); close a host group; clear the filter; clear a message'],
    ['v', 'switch between the plan view (the map) and the pool view (the pool check)'],
    ['d', 'the devices view: every BAR, where it lands, the root-port windows, the smallest fixes'],
    ['x  p', 'devices view: apply the smallest X-PciMmio64Mb (x) or phys-bits (p) that places every BAR'],
    ['a', 'apply the recommended phys-bits setting for the pool'],
    ['u', 'undo the last change (again: the one before)'],
    ['e', 'export the VM and the pool as the JSON files the CLI reads (asks before overwriting)'],
    ['?', 'this help'],
    ['q  Ctrl-C', 'quit (with tui --emit libvirt|qemu, the settings to apply are printed)'],
  ];
  const lines: string[] = ['Keys'];
  const pad = 12;
  for (const [key, what] of keys) {
    wrapLines(what, Math.max(1, width - pad - 3), Infinity, theme.ellipsis).forEach((line, i) => lines.push(`${i === 0 ? key.padEnd(pad) : ' '.repeat(pad)} ${line}`));
  }
  const paragraph = (text: string) => lines.push('', ...wrapLines(text, width - 2, Infinity, theme.ellipsis));
  paragraph("The fields are the options of `gpa-planner plan` and `gpa-planner pool check`. A value the CLI would refuse shows the CLI's own message, and the last good plan stays on the screen.");
  paragraph('On the map each piece is at least one column wide and wider pieces are larger by the logarithm of their size, so small regions stay visible; the order of the pieces and every number in the legend are exact.');
  lines.push('', 'Map legend');
  const out: StyledLine[] = lines.map((text, item) => ({ item, text }));
  for (const [kind, what] of LEGEND) out.push({ item: out.length, text: `${theme.glyph[kind]}  ${what}`, colour: theme.colour[kind], colourColumns: 1 });
  return out;
}
