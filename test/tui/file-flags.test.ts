import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { flagsFromVmFile } from '../../src/tui/file-flags.js';
import { planSetup } from '../../src/tui/services.js';
import { vmPreset } from '../../src/api.js';
import { devicePresets, firmwarePresets } from '../../src/io/presets.js';
import { isInputError } from '../../src/input/input-error.js';

const presetFile = (name: string) => JSON.parse(readFileSync(new URL(`../../presets/vms/${name}.json`, import.meta.url), 'utf8'));

describe('flagsFromVmFile', () => {
  it('says with flags what presets/vms/gpu-4x-hotplug.json says', () => {
    expect(flagsFromVmFile(presetFile('gpu-4x-hotplug'))).toEqual({
      machine: 'q35', qemuVersion: '9.2', memory: '256G', maxmem: '512G', slots: '4',
      vendor: 'amd', physBits: '48', pdpe1gb: true, firmware: 'fedora-42', pci64Mb: '524288',
    });
  });

  it('moves the knob out of fwCfg into its own flag and keeps the other files as NAME=VALUE', () => {
    expect(flagsFromVmFile({ memory: 4096, cxlWindows: ['256M'], firmware: { fwCfg: { 'opt/ovmf/X-PciMmio64Mb': '65536', 'opt/org.tianocore/PagingLevel': '5' } } })).toEqual({
      memory: '4096', cxlWindow: ['256M'], pci64Mb: '65536', fwCfg: ['opt/org.tianocore/PagingLevel=5'],
    });
  });

  it('writes devices as --device specs, BARs spelled out when there is no preset', () => {
    expect(flagsFromVmFile({
      memory: '8G', emptyRootPorts: 2,
      devices: [{ preset: 'nvidia-l40s', count: 4 }, { name: 'nic', attach: 'root-bus', hotplug: false, vga: false, bars: [{ index: 0, size: '0x2000000', bits: 64, prefetchable: true }, { index: 2, size: '16K', bits: 32, prefetchable: false }] }],
    })).toEqual({
      memory: '8G', emptyRootPorts: '2',
      device: ['nvidia-l40s,count=4', 'name=nic,attach=root-bus,hotplug=off,vga=off,bar0=0x2000000/64/pref,bar2=16K'],
    });
  });

  it.each(['database-1t', 'gpu-2x', 'gpu-4x', 'gpu-4x-hotplug', 'small-desktop'])('plans preset %s as --preset does', async (name) => {
    const firmware = await firmwarePresets();
    if (isInputError(firmware)) throw new Error(firmware.message);
    const devices = await devicePresets();
    if (isInputError(devices)) throw new Error(devices.message);
    const planned = await planSetup({ flags: flagsFromVmFile(presetFile(name)), hostPhysBits: false, limit: undefined, vmName: name, vmEdited: false, pool: null }, firmware, devices);
    expect(isInputError(planned) ? planned : planned.vm).toEqual(await vmPreset(name));
  });
});
