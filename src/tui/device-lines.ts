/**
 * The devices pane: one row per device and BAR (size, 64-bit, prefetchable, where it lands or "unassigned"), the
 * root ports' windows, each edk2 release's answer; above them the verdict and the smallest X-PciMmio64Mb and phys-bits
 * that fit (src/core/pci/device-fit.ts), with the key that applies each. Pure.
 */
import type { Plan } from '../core/plan.js';
import type { DeviceAdvice } from '../core/pci/device-fit.js';
import type { BarPlacement } from '../core/pci/placement.js';
import { formatRange, formatSize, hex } from '../render/format.js';
import type { StyledLine } from './ScrollPane.js';
import type { Theme } from './theme.js';
import { wrapLines } from './text-fit.js';
import type { DeviceFixChoices } from './state.js';

export interface DevicesView {
  /** The verdict and the fixes, wrapped: always shown. */
  readonly summary: readonly StyledLine[];
  readonly header: string;
  /** One item per row: BARs, then root ports, then releases. */
  readonly rows: readonly StyledLine[];
  readonly items: number;
}

export const NO_DEVICES_TEXT = 'No passed-through devices. Add them in the devices field as --device specs separated by ";" (nvidia-l40s,count=4), or start with --preset gpu-4x.';

export function fixChoices(advice: DeviceAdvice | null): DeviceFixChoices | null {
  if (advice === null || advice.fixes === null) return null;
  return { knobMib: advice.fixes.knob?.mib ?? null, physBits: advice.fixes.physBits?.physBits ?? null };
}

export function devicesView(plan: Plan, advice: DeviceAdvice | null, width: number, theme: Theme): DevicesView | null {
  const devices = plan.devices;
  if (devices === null || advice === null) return null;
  const wrap = (text: string, indent = '') => wrapLines(text, Math.max(1, width - 2 - indent.length), Infinity, theme.ellipsis).map((l, i) => (i === 0 ? l : `${indent}${l}`));
  const summary: StyledLine[] = [];
  const say = (text: string, colour?: StyledLine['colour'], indent = '  ') => {
    for (const line of wrap(text, indent)) summary.push({ item: summary.length, text: line, colour });
  };
  say(verdict(plan, advice), theme.colour[advice.fits ? 'pass' : 'fail']);
  if (advice.fixes) {
    const { knob, physBits } = advice.fixes;
    say(knob
      ? `x: X-PciMmio64Mb=${knob.mib} (${formatSize(knob.mib << 20n)}, --pci64-mb ${knob.mib}): every BAR placed`
      : 'no X-PciMmio64Mb value makes them fit (the aperture would end beyond phys-bits, or the knob is not read)');
    say(physBits
      ? `p: phys-bits ${physBits.physBits} (--phys-bits ${physBits.physBits}; with host-phys-bits every host needs ${physBits.physBits}): every BAR placed`
      : 'no phys-bits from 32 to 52 that this OVMF trusts makes them fit');
  }
  const bars = barRows(devices.bars);
  const rows: StyledLine[] = bars.lines.map((text, i) => ({ item: i, text, colour: devices.bars[i]!.where === 'unassigned' ? theme.colour.fail : undefined }));
  let item = rows.length;
  devices.ports.forEach((port, i) => {
    const name = port.device === null ? 'empty root port' : `${port.device}'s root port`;
    const window = port.range ? `window ${formatRange(port.range)}, ${formatSize(port.range.size)}` : 'no 64-bit window';
    const padding = port.padding === null ? '' : port.paddingDropped ? `; padding ${formatSize(port.padding)} dropped` : `; padding ${formatSize(port.padding)}`;
    for (const text of wrap(`root port ${i + 1}, ${name}: ${window}${padding}`, '  ')) rows.push({ item, text });
    item++;
  });
  for (const span of advice.byRelease) {
    const tags = span.from === span.to ? span.from : `${span.from} to ${span.to}`;
    const aperture = span.apertureSize === null ? 'no aperture' : `${formatSize(span.apertureSize)} aperture`;
    for (const text of wrap(`${tags}: ${span.fits ? 'fit' : 'do not fit'} (${aperture})`, '  ')) rows.push({ item, text, colour: span.fits ? undefined : theme.colour.fail, colourColumns: 0 });
    item++;
  }
  return { summary, header: bars.header, rows, items: item };
}

function verdict(plan: Plan, advice: DeviceAdvice): string {
  const devices = plan.devices!;
  const count = `${plan.vm.pci.devices.length} device${plan.vm.pci.devices.length === 1 ? '' : 's'}, ${devices.bars.length} BARs`;
  if (advice.fits) return `${count}: every BAR is placed${devices.outcome === 'below-4g' ? ' (below 4 GiB: no 64-bit aperture)' : ''}`;
  const unassigned = devices.bars.filter((b) => b.where === 'unassigned').length;
  const why = devices.aperture === null ? 'there is no 64-bit aperture'
    : `they need ${formatSize(devices.request.length)} aligned to ${formatSize(devices.request.alignment)}; the aperture is ${formatSize(devices.aperture.size)}`;
  return unassigned > 0
    ? `${count}: ${unassigned} unassigned, the devices do not fit (${why})`
    : `${count}: placed, but at addresses the guest cannot use (see the findings)`;
}

/** The BAR table: device (on its first BAR), BAR index, size, 64-bit, prefetchable, where it lands. */
function barRows(bars: readonly BarPlacement[]): { header: string; lines: string[] } {
  const cells = bars.map((bar, i) => [
    i > 0 && bars[i - 1]!.device === bar.device ? '' : bar.device,
    String(bar.index),
    formatSize(bar.size),
    bar.is64 ? '64' : '32',
    bar.prefetchable ? 'yes' : 'no',
    bar.where === 'above-4g' ? hex(bar.range!.base) : bar.where === 'below-4g' ? 'below 4G' : 'unassigned',
  ]);
  const header = ['device', 'BAR', 'size', 'bits', 'pref', 'lands at'];
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((r) => r[c]!.length)));
  const row = (r: readonly string[]) => r.map((cell, c) => (c === 2 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join(' ').trimEnd();
  return { header: row(header), lines: cells.map(row) };
}
