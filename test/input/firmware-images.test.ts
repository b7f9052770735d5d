/**
 * Firmware image entries (readImages, mergeImages) and where they come in: a firmware preset's list, a pool host's own
 * list, and the VM's bound paths read from flags, a VM file and toSpec (issue 7).
 */
import { describe, expect, it } from 'vitest';
import type { FirmwareImage } from '../../src/core/spec.js';
import { mergeImages, readImages } from '../../src/input/firmware-images.js';
import { firmwarePresetFromJson } from '../../src/input/firmware-preset.js';
import { type InputError, isInputError } from '../../src/input/input-error.js';
import { poolFromJson } from '../../src/input/pool-file.js';
import { type FirmwareChoice, toSpec } from '../../src/input/to-spec.js';
import { draftFromFlags } from '../../src/input/vm-flags.js';
import { vmDraftFromJson } from '../../src/input/vm-file.js';
import { mergeDrafts } from '../../src/input/vm-draft.js';

const CODE_4M = '/usr/share/OVMF/OVMF_CODE_4M.fd';
const VARS_4M = '/usr/share/OVMF/OVMF_VARS_4M.fd';
const BIOS = '/usr/share/qemu/OVMF.fd';
const written = (path: string, more: Record<string, unknown> = {}) =>
  ({ path, role: 'code' as const, build: 'x64' as const, flash: '4m' as const, secureBoot: false, smm: false, size: 3653632, ...more });
const at = (index: number, field: string) => `pool.json: hosts.0.images.${index}.${field}`;

function ok<T>(value: T | InputError): T {
  if (isInputError(value)) throw new Error(`unexpected input error: ${value.message}`);
  return value;
}
function message(value: unknown): string {
  if (!isInputError(value)) throw new Error('expected an input error');
  expect(value.message).not.toMatch(/[\r\n]/);
  return value.message;
}

describe('readImages', () => {
  it('turns sizes into bigints and applies the release and package defaults', () => {
    const images = ok(readImages([written(CODE_4M), written(BIOS, { role: 'unified', size: 4194304, edk2: 'edk2-stable202411', package: 'my-ovmf 1' })],
      { edk2: 'edk2-stable202502', package: 'ovmf 2025.02-8+deb13u1' }, at));
    expect(images).toStrictEqual([
      { path: CODE_4M, role: 'code', build: 'x64', flash: '4m', secureBoot: false, smm: false, size: 3653632n, edk2: 'edk2-stable202502', package: 'ovmf 2025.02-8+deb13u1' },
      { path: BIOS, role: 'unified', build: 'x64', flash: '4m', secureBoot: false, smm: false, size: 4194304n, edk2: 'edk2-stable202411', package: 'my-ovmf 1' },
    ]);
  });

  it('rejects a path listed twice, an unknown edk2 tag, and an ia32 build after its removal', () => {
    const defaults = { edk2: 'edk2-stable202511' as const, package: null };
    expect(message(readImages([written(CODE_4M), written(CODE_4M)], defaults, at))).toBe('pool.json: hosts.0.images.1.path: "/usr/share/OVMF/OVMF_CODE_4M.fd" is listed twice');
    expect(message(readImages([written(CODE_4M, { edk2: 'debian-12' })], defaults, at))).toBe('pool.json: hosts.0.images.0.edk2: "debian-12" is not an edk2 stable tag');
    expect(message(readImages([written(CODE_4M, { build: 'ia32' })], defaults, at))).toBe('pool.json: hosts.0.images.0.build: OvmfPkgIa32 was removed in edk2-stable202511; edk2-stable202511 has x64 and ia32x64');
  });
});

describe('mergeImages', () => {
  const image = (path: string, size: bigint): FirmwareImage =>
    ({ path, role: 'code', build: 'x64', flash: '4m', secureBoot: false, smm: false, size, edk2: 'edk2-stable202502', package: null });
  const preset = [image(CODE_4M, 3653632n), image(BIOS, 4194304n)];

  it('keeps the preset\'s own array when the host lists nothing, so equal hosts group together', () => {
    expect(mergeImages(preset, [])).toBe(preset);
  });

  it('replaces an entry of the same path in place and appends the others', () => {
    const padded = image(BIOS, 8388608n);
    const versioned = image('/srv/ovmf/2022.11/OVMF.fd', 2097152n);
    expect(mergeImages(preset, [versioned, padded])).toStrictEqual([preset[0], padded, versioned]);
  });
});

describe('firmware presets and pool hosts', () => {
  const presetText = JSON.stringify({
    name: 'p', description: 'd', distro: 'debian', release: '13', package: 'ovmf', packageVersion: '2025.02-8+deb13u1', edk2: 'edk2-stable202502', defaultBuild: 'x64',
    images: [written(CODE_4M), written(VARS_4M, { role: 'vars', size: 540672 }), written('/usr/share/OVMF/OVMF32_VARS_4M.fd', { role: 'vars', build: 'ia32', size: 540672, package: 'ovmf-ia32 2025.02-8+deb13u1' })],
    sources: ['s'],
  });

  it('gives a preset\'s images the preset\'s release and "package version", unless an image names its own package', () => {
    const preset = ok(firmwarePresetFromJson(presetText, 'p.json'));
    expect(preset.images?.map((i) => [i.path, i.edk2, i.package, i.size])).toStrictEqual([
      [CODE_4M, 'edk2-stable202502', 'ovmf 2025.02-8+deb13u1', 3653632n],
      [VARS_4M, 'edk2-stable202502', 'ovmf 2025.02-8+deb13u1', 540672n],
      ['/usr/share/OVMF/OVMF32_VARS_4M.fd', 'edk2-stable202502', 'ovmf-ia32 2025.02-8+deb13u1', 540672n],
    ]);
  });

  it('rejects a preset image of an unknown role with the field\'s path', () => {
    const bad = presetText.replace('"role":"code"', '"role":"bios"');
    expect(message(firmwarePresetFromJson(bad, 'p.json'))).toMatch(/^p\.json: images\.0\.role: /);
  });

  it('gives a pool host its preset\'s images, its own entries winning by path, defaulting to the host\'s release', () => {
    const preset: FirmwareChoice = ok(firmwarePresetFromJson(presetText, 'p.json'));
    const pool = ok(poolFromJson(JSON.stringify({ hosts: [
      { name: 'plain', vendor: 'intel', physBits: 46, qemu: '10.0', firmware: 'p' },
      { name: 'padded', vendor: 'intel', physBits: 46, qemu: '10.0', firmware: 'p', images: [written(VARS_4M, { role: 'vars', size: 1048576 }), written(BIOS, { role: 'unified', size: 4194304 })] },
    ] }), 'pool.json', [preset]));
    expect(pool.hosts[0]!.images).toBe(preset.images);
    expect(pool.hosts[1]!.images?.map((i) => [i.path, i.size, i.package])).toStrictEqual([
      [CODE_4M, 3653632n, 'ovmf 2025.02-8+deb13u1'],
      [VARS_4M, 1048576n, null],
      ['/usr/share/OVMF/OVMF32_VARS_4M.fd', 540672n, 'ovmf-ia32 2025.02-8+deb13u1'],
      [BIOS, 4194304n, null],
    ]);
  });

  it('gives a host on a bare edk2 tag its own images only, and none at all without a list', () => {
    const pool = ok(poolFromJson(JSON.stringify({ hosts: [
      { name: 'own', vendor: 'intel', physBits: 46, qemu: '10.0', firmware: 'edk2-stable202411', images: [written(CODE_4M)] },
      { name: 'none', vendor: 'intel', physBits: 46, qemu: '10.0', firmware: 'edk2-stable202411' },
    ] }), 'pool.json', []));
    expect(pool.hosts[0]!.images?.map((i) => i.edk2)).toStrictEqual(['edk2-stable202411']);
    expect('images' in pool.hosts[1]!).toBe(false);
  });

  it('names the host\'s image field in errors', () => {
    const text = JSON.stringify({ hosts: [{ name: 'h', vendor: 'intel', physBits: 46, qemu: '10.0', firmware: 'edk2-stable202411', images: [written(CODE_4M, { size: 0 })] }] });
    expect(message(poolFromJson(text, 'pool.json', []))).toMatch(/^pool\.json: hosts\.0\.images\.0\.size: /);
  });
});

describe('the VM\'s firmware files', () => {
  const spec = async (flags: Parameters<typeof draftFromFlags>[0]) => toSpec(ok(await draftFromFlags({ memory: '4G', ...flags })));

  it('reads --ovmf-code, --ovmf-vars and --nvram-size, pflash by default', async () => {
    const vm = ok(await spec({ ovmfCode: CODE_4M, ovmfVars: VARS_4M, nvramSize: '128K' }));
    expect(vm.firmware).toStrictEqual({ edk2: 'edk2-stable202608', build: 'x64', fiveLevelPaging: false, fwCfg: {}, loader: 'pflash', code: CODE_4M, vars: VARS_4M, nvramSize: 0x20000n });
  });

  it('adds no firmware file fields to a VM bound to none', async () => {
    expect(ok(await spec({})).firmware).toStrictEqual({ edk2: 'edk2-stable202608', build: 'x64', fiveLevelPaging: false, fwCfg: {} });
  });

  it('rejects each firmware file option that cannot apply, naming it', async () => {
    expect(message(await spec({ ovmfVars: VARS_4M }))).toBe('--ovmf-vars: applies only with the VM\'s CODE image (--ovmf-code, or firmware.code in a VM file)');
    expect(message(await spec({ ovmfCode: BIOS, ovmfLoader: 'rom', ovmfVars: VARS_4M }))).toBe('--ovmf-vars: a firmware loaded with -bios (loader rom) has no varstore drive; bind a varstore only with pflash');
    expect(message(await spec({ ovmfCode: CODE_4M, nvramSize: '128K' }))).toBe('--nvram-size: needs the varstore template too (--ovmf-vars, or firmware.vars): libvirt creates the NVRAM file on a destination from it');
    expect(message(await spec({ ovmfCode: CODE_4M, ovmfVars: VARS_4M, nvramSize: '1000' }))).toBe('--nvram-size: 1000 bytes is not a pflash image size: QEMU needs a non-zero multiple of 4 KiB');
    expect(message(await draftFromFlags({ ovmfLoader: 'bios' }))).toBe('--ovmf-loader: "bios" is not one of pflash, rom');
    expect(message(await draftFromFlags({ ovmfCode: ' ' }))).toBe('--ovmf-code: is empty; give the firmware file\'s path');
  });

  it('reads firmware.loader, code, vars and nvramSize from a VM file, labelled with the file, flags winning', async () => {
    const file = ok(await vmDraftFromJson(JSON.stringify({ memory: '4G', firmware: { loader: 'pflash', code: CODE_4M, vars: VARS_4M, nvramSize: '0x84000' } }), 'vm.json'));
    expect([file.ovmfLoader, file.ovmfCode, file.ovmfVars, file.nvramSize]).toStrictEqual([
      { value: 'pflash', label: 'vm.json: firmware.loader' }, { value: CODE_4M, label: 'vm.json: firmware.code' },
      { value: VARS_4M, label: 'vm.json: firmware.vars' }, { value: 0x84000n, label: 'vm.json: firmware.nvramSize' },
    ]);
    const merged = mergeDrafts(file, ok(await draftFromFlags({ ovmfLoader: 'rom', ovmfCode: BIOS })));
    expect(message(toSpec(merged))).toBe('vm.json: firmware.vars: a firmware loaded with -bios (loader rom) has no varstore drive; bind a varstore only with pflash');
  });

  it('reads back a plan\'s input: vars and nvramSize may be null there', async () => {
    const file = ok(await vmDraftFromJson(JSON.stringify({ memory: '4G', firmware: { loader: 'rom', code: BIOS, vars: null, nvramSize: null } }), 'plan.json'));
    expect(ok(toSpec(file)).firmware).toMatchObject({ loader: 'rom', code: BIOS });
    expect(ok(toSpec(file)).firmware.vars).toBeUndefined();
  });
});
