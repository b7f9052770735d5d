/** Every file in presets/ parses with the input schemas and plans; the VM presets' headline numbers derived by hand. */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { vmDraftFromJson } from '../src/input/vm-file.js';
import { firmwarePresetFromJson } from '../src/input/firmware-preset.js';
import { type FirmwareChoice, toSpec } from '../src/input/to-spec.js';
import { devicePresetFromJson } from '../src/input/device-preset.js';
import type { DevicePreset } from '../src/input/pci-devices.js';
import { isInputError } from '../src/input/input-error.js';
import { plan } from '../src/core/plan.js';
import { g, t } from './builders.js';

const dir = (kind: string) => new URL(`../presets/${kind}/`, import.meta.url);
const files = (kind: string) => readdirSync(dir(kind)).filter((f) => f.endsWith('.json'));
const read = (kind: string, file: string) => readFileSync(new URL(file, dir(kind)), 'utf8');

const firmware: FirmwareChoice[] = files('firmware').map((file) => {
  const preset = firmwarePresetFromJson(read('firmware', file), file);
  if (isInputError(preset)) throw new Error(preset.message);
  return preset;
});

const devices: DevicePreset[] = await Promise.all(files('devices').map(async (file) => {
  const preset = await devicePresetFromJson(read('devices', file), file);
  if (isInputError(preset)) throw new Error(preset.message);
  return preset;
}));

async function planPreset(name: string) {
  const draft = await vmDraftFromJson(read('vms', `${name}.json`), name);
  if (isInputError(draft)) throw new Error(draft.message);
  const spec = toSpec(draft, firmware, devices);
  if (isInputError(spec)) throw new Error(spec.message);
  return plan(spec);
}

describe('presets', () => {
  it.each(files('firmware'))('firmware preset %s names a modelled edk2 tag and matches its file name', (file) => {
    expect(firmware.find((f) => `${f.name}.json` === file)).toBeDefined();
  });

  it('maps Debian 12 to edk2-stable202211 with the Ia32X64 4 MiB image as default (ovmf.md §6)', () => {
    expect(firmware.find((f) => f.name === 'debian-12')).toMatchObject({ edk2: 'edk2-stable202211', defaultBuild: 'ia32x64' });
  });

  it.each(files('vms').map((f) => f.slice(0, -5)))('VM preset %s plans with its name matching the file', async (name) => {
    const json = JSON.parse(read('vms', `${name}.json`)) as { name: string };
    expect(json.name).toBe(name);
    expect((await planPreset(name)).findings.filter((f) => f.code.startsWith('qemu_phys'))).toEqual([]);
  });

  it.each(files('devices'))('device preset %s reads with BARs the PCI specification allows', (file) => {
    expect(devices.find((d) => `${d.name}.json` === file)?.bars.length).toBeGreaterThan(0);
  });

  it('gpu-4x: four L40S behind their own root ports ask for 448 GiB + 32 MiB; the classic window has 32 GiB', async () => {
    // The preset's Intel vCPU keeps QEMU's phys-bits 40, untrusted by OVMF: the classic 32 GiB window at RU(130 GiB, 32 GiB).
    const { devices: placed, ovmf } = await planPreset('gpu-4x');
    expect(ovmf?.pci64Aperture).toEqual({ base: g(160), size: g(32) });
    expect([placed?.outcome, placed?.request.length]).toEqual(['failed', g(448) + 32n * 1024n * 1024n]);
  });

  it('small-desktop: Intel 39 trusted by 202211, dynamic 64 GiB window at 448 GiB', async () => {
    const { ovmf } = await planPreset('small-desktop');
    expect([ovmf?.window, ovmf?.pci64Aperture, ovmf?.physMemAddressWidth]).toEqual(['dynamic', { base: g(448), size: g(64) }, 39]);
  });

  it('database-1t: 1 TiB of RAM ends at 1026 GiB, hole64 [1026 G, 1058 G); Intel 46 gives the 8 TiB window at 56 TiB', async () => {
    const { qemu, ovmf } = await planPreset('database-1t');
    expect(qemu.ramAbove4g).toEqual({ base: g(4), size: g(1022) });
    expect(qemu.pciHole64).toEqual({ base: g(1026), size: g(32) });
    expect(ovmf?.pci64Aperture).toEqual({ base: t(56), size: t(8) });
  });

  it('gpu-4x-hotplug: hotplug [258 G, 518 G); the 512 GiB knob overrides on 202505 and lands at 1 TiB; width 48 capped to 46', async () => {
    // device memory = (512 G − 256 G) + 4 × 1 G = 260 G from RU(4 G + 254 G, 1 G) = 258 G; RU(518 G, 512 G) = 1 T.
    const { qemu, ovmf } = await planPreset('gpu-4x-hotplug');
    expect(qemu.deviceMemory).toEqual({ base: g(258), size: g(260) });
    expect(qemu.reservedMemoryEnd).toBe(g(518));
    expect([ovmf?.window, ovmf?.pci64Aperture, ovmf?.physMemAddressWidth]).toEqual(['override', { base: t(1), size: g(512) }, 46]);
  });
});

describe('firmware preset images (issue 7)', () => {
  const sizeOf = (name: string, path: string) => firmware.find((f) => f.name === name)?.images?.find((i) => i.path === path)?.size;

  it('has Debian\'s OVMF.fd grow from 2 MiB (11, 12) to 4 MiB (13) at the same path: the mixed-pool trap', () => {
    // dpkg -c of ovmf 2020.11-2+deb11u3, 2022.11-6+deb12u2 and 2025.02-8+deb13u1; /usr/share/qemu/OVMF.fd links to it.
    expect(['debian-11', 'debian-12', 'debian-13'].map((name) => sizeOf(name, '/usr/share/qemu/OVMF.fd'))).toEqual([2097152n, 2097152n, 4194304n]);
  });

  it('has Debian 13 without the 2 MiB CODE, and the 4 MiB CODE/VARS at one size in Debian 11, 12 and 13', () => {
    expect(sizeOf('debian-13', '/usr/share/OVMF/OVMF_CODE.fd')).toBeUndefined();
    for (const name of ['debian-11', 'debian-12', 'debian-13']) {
      expect([sizeOf(name, '/usr/share/OVMF/OVMF_CODE_4M.fd'), sizeOf(name, '/usr/share/OVMF/OVMF_VARS_4M.fd')]).toEqual([3653632n, 540672n]);
    }
  });
});
