/** The devices section of `plan`'s text: where each BAR lands, the verdict, the smallest fixes, and each release's answer. */
import type { Plan } from '../core/plan.js';
import type { DeviceAdvice, ReleaseSpan } from '../core/pci/device-fit.js';
import type { BarPlacement, DevicePlacement, PortWindow } from '../core/pci/placement.js';
import { formatRange, formatSize, hex64 } from './format.js';

export function devicesText(plan: Plan, advice: DeviceAdvice | null): string[] {
  const devices = plan.devices;
  if (devices === null) return [];
  const { pci } = plan.vm;
  const ports = pci.emptyRootPorts > 0 ? `, ${pci.emptyRootPorts} empty hot-plug root port${pci.emptyRootPorts === 1 ? '' : 's'}` : '';
  return [
    `Devices: ${pci.devices.length} passed through${ports} (OVMF ${plan.vm.firmware.edk2}, PciBusDxe)`,
    `  ${requestLine(devices)}`,
    ...barTable(devices.bars).map((line) => `  ${line}`),
    ...devices.ports.flatMap((port, i) => (port.range !== null || port.padding !== null ? [`  ${portLine(port, i)}`] : [])),
    `  ${verdict(devices, advice)}`,
    ...(advice ? [...fixLines(advice), ...releaseLines(advice.byRelease)] : []),
  ];
}

function requestLine({ request, aperture, block }: DevicePlacement): string {
  const needs = `the 64-bit BARs need ${formatSize(request.length)} aligned to ${formatSize(request.alignment)}`;
  if (aperture === null) return `${needs}; there is no 64-bit aperture`;
  const placed = block ? `, placed at ${formatRange(block)}` : '';
  return `${needs}; the aperture is ${formatSize(aperture.size)} at ${formatRange(aperture)}${placed}`;
}

function barTable(bars: readonly BarPlacement[]): string[] {
  const rows = [['device', 'BAR', 'size', 'kind', 'placed at']];
  let previous = '';
  for (const bar of bars) {
    rows.push([bar.device === previous ? '' : bar.device, String(bar.index), formatSize(bar.size), `${bar.is64 ? 64 : 32}-bit${bar.prefetchable ? ' pref' : ''}`, where(bar)]);
    previous = bar.device;
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((r) => r[column]!.length)));
  return rows.map((r) => r.map((cell, column) => (column === 2 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd());
}

function where(bar: BarPlacement): string {
  if (bar.where === 'above-4g') return `${hex64(bar.range!.base)} – ${hex64(bar.range!.base + bar.range!.size)}`;
  return bar.where === 'below-4g' ? 'below 4 GiB (32-bit window, not placed by the model)' : 'unassigned';
}

function portLine(port: PortWindow, i: number): string {
  const name = port.device === null ? 'an empty root port' : `${port.device}'s root port`;
  const window = port.range ? `window ${formatRange(port.range)} (${formatSize(port.range.size)})` : 'no window';
  const padding = port.padding === null ? '' : port.paddingDropped ? `, padding of ${formatSize(port.padding)} dropped` : `, padding ${formatSize(port.padding)}`;
  return `root port ${i + 1}, ${name}: ${window}${padding}`;
}

function verdict(devices: DevicePlacement, advice: DeviceAdvice | null): string {
  if (advice?.fits) return devices.outcome === 'below-4g' ? 'Verdict: the devices get their BARs below 4 GiB' : 'Verdict: every BAR is placed';
  const rejected = devices.rejections.flatMap((r) => (r.kind === 'device' ? [r.device] : []));
  if (devices.outcome === 'failed') {
    return rejected.length > 0
      ? `Verdict: the devices do not fit; OVMF rejects ${rejected.join(', ')}, then gives up and programs no device on the root bus`
      : 'Verdict: the devices do not fit, and OVMF programs no device on the root bus';
  }
  if (rejected.length > 0) return `Verdict: the devices do not fit; OVMF leaves ${rejected.join(', ')} without BARs`;
  return 'Verdict: the BARs are placed, but at addresses the guest cannot use (see the findings)';
}

function fixLines({ fixes }: DeviceAdvice): string[] {
  if (fixes === null) return [];
  const knob = fixes.knob
    ? `X-PciMmio64Mb=${fixes.knob.mib} (${formatSize(fixes.knob.mib << 20n)}; --pci64-mb ${fixes.knob.mib}): ${aperture(fixes.knob.plan)}, every BAR placed`
    : 'no X-PciMmio64Mb value: the aperture it asks for would end beyond what phys-bits addresses, or the knob is not read';
  const bits = fixes.physBits
    ? `phys-bits ${fixes.physBits.physBits} (--phys-bits ${fixes.physBits.physBits}; with host-phys-bits, every host needs at least ${fixes.physBits.physBits} bits): OVMF trusts it, ${aperture(fixes.physBits.plan)}, every BAR placed`
    : 'no phys-bits from 32 to 52 that this OVMF trusts';
  return ['  Smallest changes that make them fit (each alone, checked by planning the changed VM):', `    ${knob}`, `    ${bits}`];
}

function aperture(plan: Plan): string {
  const ovmf = plan.ovmf!;
  // X-PciMmio64Mb=0 turns the 64-bit window off: the fix when nothing needs it and it would lie beyond phys-bits.
  return ovmf.pci64Aperture ? `${ovmf.window} window ${formatRange(ovmf.pci64Aperture)}` : 'no 64-bit aperture';
}

function releaseLines(spans: readonly ReleaseSpan[]): string[] {
  return ['  By edk2 release (the VM otherwise unchanged):', ...spans.map((span) => {
    const tags = span.from === span.to ? span.from : `${span.from} … ${span.to}`;
    const window = span.apertureSize === null ? 'no aperture' : `${formatSize(span.apertureSize)} aperture`;
    return `    ${tags}: ${span.fits ? 'fit' : 'do not fit'} (${window})`;
  })];
}
