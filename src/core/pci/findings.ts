/** What a device placement means for the user, as findings (pci-placement.ts has the mechanics). */
import type { Finding } from '../findings.js';
import type { MachineType } from '../spec.js';
import type { DevicePlacement } from './placement.js';
import type { PciTopology } from './devices.js';

/** q35's 32-bit MMIO window: from PCIEXBAR + 256 MiB to 0xfc000000 (OvmfPkg PlatformInitLib `PlatformMemMapInitialization`). */
export const Q35_MMIO32_WINDOW = { base: 0xc000_0000n, size: 0xfc00_0000n - 0xc000_0000n };

export function placementFindings(placement: DevicePlacement, topology: PciTopology, machine: MachineType): Finding[] {
  const findings: Finding[] = [];
  const rejected = placement.rejections.flatMap((r) => (r.kind === 'device' ? [r.device] : []));
  if (placement.outcome === 'failed') {
    const blocking = topology.devices.filter((d) => d.attach === 'root-bus' || d.vga).map((d) => d.name);
    findings.push({ code: 'ovmf_pci_allocation_failed', request: placement.request, aperture: placement.aperture, reason: placement.failure!, blocking, rejected });
  } else if (rejected.length > 0 && placement.aperture !== null) {
    findings.push({ code: 'ovmf_devices_rejected', devices: rejected, request: placement.request, aperture: placement.aperture });
  }
  const dropped = placement.rejections.flatMap((r) => (r.kind === 'padding' ? [r.device ?? `empty root port ${r.port + 1}`] : []));
  if (dropped.length > 0 && placement.outcome !== 'failed') findings.push({ code: 'ovmf_hotplug_padding_dropped', ports: dropped });
  const low = placement.bars.filter((bar) => bar.where === 'below-4g');
  if (placement.outcome === 'below-4g') {
    const degraded = low.filter((bar) => bar.is64);
    if (degraded.length > 0) findings.push({ code: 'ovmf_bars_below_4g', devices: [...new Set(degraded.map((b) => b.device))], total: sum(degraded) });
  }
  const total = sum(low);
  if (machine === 'q35' && total > Q35_MMIO32_WINDOW.size) findings.push({ code: 'ovmf_bars_exceed_32bit_window', total, window: Q35_MMIO32_WINDOW });
  return findings;
}

function sum(bars: readonly { readonly size: bigint }[]): bigint {
  return bars.reduce((n, bar) => n + bar.size, 0n);
}
