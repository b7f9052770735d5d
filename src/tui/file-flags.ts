/**
 * A VM file (or preset) → the flags that say the same thing, so the planner can show and edit every value as the
 * string a flag carries. `plan --vm FILE` gives the same VM as `plan` with these flags.
 */
import { PCI64_KNOB } from '../core/spec.js';
import type { VmFile } from '../input/schema.js';
import type { VmFlags } from '../input/vm-flags.js';

export function flagsFromVmFile(file: VmFile): VmFlags {
  const flags: Record<string, unknown> = {};
  const put = (flag: keyof VmFlags, value: string | number | boolean | null | undefined) => {
    if (value !== undefined && value !== null) flags[flag] = typeof value === 'number' ? String(value) : value;
  };
  put('machine', file.machine);
  put('machineVersion', file.machineVersion);
  put('qemuVersion', file.qemuVersion);
  put('memory', file.memory);
  put('maxmem', file.maxmem);
  put('slots', file.slots);
  put('maxRamBelow4g', file.maxRamBelow4g);
  put('pciHole64Size', file.pciHole64Size);
  if (file.cxlWindows && file.cxlWindows.length > 0) flags.cxlWindow = file.cxlWindows.map(String);
  const cpu = file.cpu ?? {};
  put('vendor', cpu.vendor);
  put('vendorPinned', cpu.vendorPinned);
  put('longMode', cpu.longMode);
  put('physBits', cpu.physBits);
  put('guestPhysBits', cpu.guestPhysBits);
  put('pdpe1gb', cpu.pdpe1gb);
  put('la57', cpu.la57);
  put('xVendorCpuidOnlyV2', cpu.vendorCpuidOnlyV2);
  const firmware = file.firmware ?? {};
  put('firmware', firmware.edk2);
  put('ovmfBuild', firmware.build);
  put('fiveLevelPaging', firmware.fiveLevelPaging);
  const fwCfg = { ...firmware.fwCfg };
  // The knob has its own field; a VM file may carry it either way (pci64Mb wins, as in the file reader).
  const knob = firmware.pci64Mb ?? fwCfg[PCI64_KNOB];
  delete fwCfg[PCI64_KNOB];
  put('pci64Mb', knob);
  const entries = Object.entries(fwCfg);
  if (entries.length > 0) flags.fwCfg = entries.map(([name, value]) => `${name}=${value}`);
  if (file.devices && file.devices.length > 0) flags.device = file.devices.map(deviceFlag);
  put('emptyRootPorts', file.emptyRootPorts);
  return flags as VmFlags;
}

/** A VM file's device entry as `--device` spells it (vm-flags.ts reads it back to the same request). */
function deviceFlag(device: NonNullable<VmFile['devices']>[number]): string {
  const parts: string[] = device.preset !== undefined ? [device.preset] : [];
  if (device.name !== undefined) parts.push(`name=${device.name}`);
  if (device.count !== undefined) parts.push(`count=${device.count}`);
  if (device.attach !== undefined) parts.push(`attach=${device.attach}`);
  if (device.hotplug !== undefined) parts.push(`hotplug=${device.hotplug ? 'on' : 'off'}`);
  if (device.pref64Reserve !== undefined) parts.push(`pref64-reserve=${device.pref64Reserve}`);
  if (device.vga !== undefined) parts.push(`vga=${device.vga ? 'on' : 'off'}`);
  for (const bar of device.bars ?? []) parts.push(`bar${bar.index}=${bar.size}${bar.bits === 64 ? '/64' : ''}${bar.prefetchable ? '/pref' : ''}`);
  return parts.join(',');
}
