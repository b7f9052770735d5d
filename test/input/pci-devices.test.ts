/** Passed-through devices as the user writes them: `--device` flags, a VM file's `devices`, and their checks. */
import { describe, expect, it } from 'vitest';
import { type DevicePreset, readDeviceEntries, readDeviceFlag, resolveDevices } from '../../src/input/pci-devices.js';
import { isInputError } from '../../src/input/input-error.js';
import { GiB, MiB } from '../../src/core/units.js';

const L40S: DevicePreset = {
  name: 'nvidia-l40s', description: '', vga: false,
  bars: [{ index: 0, size: 16n * MiB, is64: false, prefetchable: false }, { index: 1, size: 64n * GiB, is64: true, prefetchable: true }],
};

const message = (value: unknown) => (isInputError(value) ? value.message : 'no error');

describe('--device', () => {
  it('reads a preset with options', async () => {
    expect(await readDeviceFlag('nvidia-l40s,count=4,attach=root-bus,hotplug=off,pref64-reserve=2G')).toEqual({
      label: '--device', preset: 'nvidia-l40s', name: null, count: 4, attach: 'root-bus', hotplug: false, pref64Reserve: 2n * GiB, vga: null, bars: null,
    });
  });

  it('reads BARs written out instead of a preset', async () => {
    const device = await readDeviceFlag('name=probe,bar2=64G/64/pref,bar0=256');
    expect(isInputError(device) ? device : device.bars).toEqual([
      { index: 0, size: 256n, is64: false, prefetchable: false },
      { index: 2, size: 64n * GiB, is64: true, prefetchable: true },
    ]);
  });

  it.each([
    ['nvidia-l40s,count=0', '--device count: "0" is not a whole number from 1 to 256'],
    ['nvidia-l40s,attach=bridge', '--device attach: "bridge" is not one of root-port, root-bus'],
    ['nvidia-l40s,colour=green', '--device: "colour" is not a device option (count, attach, hotplug, pref64-reserve, name, vga, bar0 to bar5)'],
    ['name=x', '--device: give a device preset first (see `gpa-planner presets`), or BARs such as bar1=64G/64/pref, not both'],
    ['name=x,bar1=48G/64/pref', '--device bar1: 51539607552 is not a BAR size (a power of two from 16 bytes to 8 EiB)'],
    ['name=x,bar5=1G/64', '--device bar5: 5 is not a BAR register for a 64-bit BAR (allowed: 0 to 4)'],
    ['name=x,bar0=1G/64,bar1=1M', '--device bar1: BAR 1 overlaps another BAR (a 64-bit BAR takes its register and the next)'],
    ['name=x,bar0=1G/128', '--device bar0: "1G/128" is not SIZE[/64][/pref] (for example 64G/64/pref)'],
    ['nvidia-l40s,pref64-reserve=lots', '--device pref64-reserve: "lots" is not a size (use bytes, a suffix K M G T P E, or an expression such as 1T + 512G)'],
  ])('rejects %s', async (flag, expected) => {
    expect(message(await readDeviceFlag(flag))).toBe(expected);
  });
});

describe('resolving devices against presets', () => {
  it('expands a count into numbered devices with the preset\'s BARs', async () => {
    const requests = await readDeviceEntries([{ preset: 'nvidia-l40s', count: 2 }], 'vm.json: devices');
    const topology = resolveDevices(isInputError(requests) ? [] : requests, { value: 1, label: 'vm.json: emptyRootPorts' }, 'q35', [L40S]);
    expect(topology).toEqual({
      devices: [1, 2].map((i) => ({ name: `nvidia-l40s#${i}`, model: 'nvidia-l40s', vga: false, bars: L40S.bars, attach: 'root-port', hotplug: true, pref64Reserve: null })),
      emptyRootPorts: 1,
    });
  });

  it('names an unknown preset with the ones there are', async () => {
    const requests = await readDeviceEntries([{ preset: 'a100' }], 'vm.json: devices');
    expect(message(resolveDevices(isInputError(requests) ? [] : requests, null, 'q35', [L40S]))).toBe('vm.json: devices[0].preset: "a100" is not a device preset (nvidia-l40s)');
  });

  it('refuses root ports on a pc machine', async () => {
    const requests = await readDeviceEntries([{ preset: 'nvidia-l40s' }], 'vm.json: devices');
    expect(message(resolveDevices(isInputError(requests) ? [] : requests, null, 'pc', [L40S]))).toBe(
      'vm.json: devices[0]: a pc (i440fx) machine has no PCIe root ports; use attach root-bus, or the q35 machine',
    );
  });

  it('refuses two devices of one name', async () => {
    const requests = await readDeviceEntries([{ preset: 'nvidia-l40s', name: 'gpu' }, { preset: 'nvidia-l40s', name: 'gpu' }], 'vm.json: devices');
    expect(message(resolveDevices(isInputError(requests) ? [] : requests, null, 'q35', [L40S]))).toBe('vm.json: devices[1]: two devices are named "gpu"; give each entry its own name');
  });

  it('wants a preset or BARs in a file entry', async () => {
    expect(message(await readDeviceEntries([{ name: 'x' }], 'vm.json: devices'))).toBe('vm.json: devices[0]: give either "preset" (see `gpa-planner presets`) or "bars"');
  });
});
