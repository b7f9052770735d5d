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
  put('longMode', cpu.longMode);
  put('physBits', cpu.physBits);
  put('guestPhysBits', cpu.guestPhysBits);
  put('pdpe1gb', cpu.pdpe1gb);
  put('la57', cpu.la57);
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
  return flags as VmFlags;
}
