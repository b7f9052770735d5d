/** The `devices` section of `plan --json` (present only when the VM has devices); sizes and addresses as hex. */
import type { DeviceAdvice } from '../core/pci/device-fit.js';
import type { DevicePlacement } from '../core/pci/placement.js';
import type { PciTopology } from '../core/pci/devices.js';
import { toJson } from './plan-json.js';
import type { PlanDocument } from '../contract/plan.js';
import type { VmInputDocument } from '../contract/vm-input.js';

export function devicesToJson(devices: DevicePlacement, advice: DeviceAdvice | null): NonNullable<PlanDocument['devices']> {
  return toJson({
    outcome: devices.outcome,
    fits: advice?.fits ?? null,
    aperture: devices.aperture,
    apertureUsable: devices.apertureUsable,
    request: devices.request,
    block: devices.block,
    bars: devices.bars.map(({ device, index, size, is64, prefetchable, where, range }) => ({ device, index, size, bits: is64 ? 64 : 32, prefetchable, where, range })),
    rootPorts: devices.ports,
    rejections: devices.rejections,
    fixes: advice?.fixes
      ? {
        pci64Mb: advice.fixes.knob ? advice.fixes.knob.mib.toString() : null,
        pci64MbAperture: advice.fixes.knob?.plan.ovmf?.pci64Aperture ?? null,
        physBits: advice.fixes.physBits?.physBits ?? null,
        physBitsAperture: advice.fixes.physBits?.plan.ovmf?.pci64Aperture ?? null,
      }
      : null,
    byRelease: advice?.byRelease.map(({ from, to, fits, apertureSize }) => ({ from, to, fits, apertureSize })) ?? [],
  });
}

/** The VM file's `devices` and `emptyRootPorts`, so that a plan's `input` reads back with --vm (BARs written out). */
export function topologyToVmFile({ devices, emptyRootPorts }: PciTopology): Pick<VmInputDocument, 'devices' | 'emptyRootPorts'> {
  return toJson({
    devices: devices.map(({ name, vga, bars, attach, hotplug, pref64Reserve }) => ({
      name, attach, hotplug, ...(pref64Reserve === null ? {} : { pref64Reserve }), vga,
      bars: bars.map(({ index, size, is64, prefetchable }) => ({ index, size, bits: is64 ? 64 : 32, prefetchable })),
    })),
    emptyRootPorts,
  });
}
