/**
 * checkFirmware and its helpers: what a VM's firmware paths hold on each host, the incoming RAMBlock size check
 * (qemu.md §8.1, vectors G1/G2), the varstore layout (seeds 000, 001), what runs after a move (seed 001), advice.
 * Sizes are Debian's (presets/firmware/debian-1{2,3}.json): 2 MiB build CODE 0x1e0000 / VARS 0x20000, 4 MiB build
 * CODE 0x37c000 / VARS 0x84000, unified OVMF.fd 0x200000 (Debian 12) and 0x400000 (Debian 13).
 */
import { describe, expect, it } from 'vitest';
import {
  checkFirmware, firmwareBinding, firmwareImagesKey, firmwareOnHost, sizeMismatchWording, withBoundFirmware,
} from '../../src/core/firmware/compat.js';
import type { Finding } from '../../src/core/findings.js';
import type { FirmwareImage, HostSpec } from '../../src/core/spec.js';
import type { QemuVersion } from '../../src/core/qemu/versions.js';
import { aHost, aVm } from '../builders.js';

const v = (major: number, minor: number): QemuVersion => ({ major, minor });

const DEB12 = 'ovmf 2022.11-6+deb12u2';
const DEB13 = 'ovmf 2025.02-8+deb13u1';

function image(path: string, role: FirmwareImage['role'], flash: FirmwareImage['flash'], size: bigint, more: Partial<FirmwareImage> = {}): FirmwareImage {
  return { path, role, build: 'x64', flash, secureBoot: false, smm: false, size, edk2: 'edk2-stable202211', package: DEB12, ...more };
}

const CODE = '/usr/share/OVMF/OVMF_CODE.fd';
const VARS = '/usr/share/OVMF/OVMF_VARS.fd';
const CODE_4M = '/usr/share/OVMF/OVMF_CODE_4M.fd';
const VARS_4M = '/usr/share/OVMF/OVMF_VARS_4M.fd';
const BIOS = '/usr/share/qemu/OVMF.fd';

/** Debian 12's images that matter here; Debian 13's: 4 MiB only, OVMF.fd grown to 4 MiB, another release. */
const debian12: FirmwareImage[] = [
  image(CODE, 'code', '2m', 0x1e0000n),
  image(VARS, 'vars', '2m', 0x20000n),
  image(CODE_4M, 'code', '4m', 0x37c000n, { build: 'ia32x64' }),
  image(VARS_4M, 'vars', '4m', 0x84000n, { build: 'ia32x64' }),
  image(BIOS, 'unified', '2m', 0x200000n),
];
const deb13 = (more: Partial<FirmwareImage> = {}) => ({ edk2: 'edk2-stable202502' as const, package: DEB13, ...more });
const debian13: FirmwareImage[] = [
  image(CODE_4M, 'code', '4m', 0x37c000n, deb13()),
  image(VARS_4M, 'vars', '4m', 0x84000n, deb13()),
  image(BIOS, 'unified', '4m', 0x400000n, deb13()),
];

const deb12Host = aHost({ name: 'deb12-1', qemuVersion: v(7, 2), firmware: { edk2: 'edk2-stable202211', build: 'ia32x64' }, images: debian12 });
const deb13Host = aHost({ name: 'deb13-1', qemuVersion: v(10, 0), firmware: { edk2: 'edk2-stable202502', build: 'x64' }, images: debian13 });
const kinds = (...hosts: HostSpec[]) => hosts.map((host) => ({ host, hosts: [host.name] }));

/** The VM on q35 7.2 bound to the given files. */
const bound = (firmware: { loader?: 'pflash' | 'rom'; code?: string; vars?: string; nvramSize?: bigint }) => aVm({ machineVersion: v(7, 2), firmware });

const codes = (findings: readonly Finding[]) => findings.map((f) => f.code);

describe('firmwareBinding', () => {
  it('is null for a VM that names no CODE image', () => {
    expect(firmwareBinding(aVm().firmware)).toBeNull();
  });

  it('defaults to pflash with no varstore and no NVRAM size of its own', () => {
    expect(firmwareBinding(bound({ code: CODE }).firmware)).toStrictEqual({ loader: 'pflash', code: CODE, vars: null, nvramSize: null });
  });
});

describe('sizeMismatchWording', () => {
  it.each([
    [v(2, 11), 'length'], [v(5, 1), 'length'], [v(5, 2), 'size'], [v(7, 2), 'size'], [v(10, 2), 'size'],
  ] as const)('QEMU %o words a refused RAMBlock as "%s mismatch" (a3a929083b03 is in 5.2)', (qemu, wording) => {
    expect(sizeMismatchWording(qemu)).toBe(wording);
  });
});

describe('checkFirmware on a boot host', () => {
  it('finds nothing for a VM bound to no firmware file', () => {
    expect(checkFirmware(aVm({ machineVersion: v(7, 2) }), kinds(deb12Host, deb13Host)).boot).toStrictEqual([[], []]);
  });

  it('finds nothing when the CODE and VARS of one build exist', () => {
    expect(checkFirmware(bound({ code: CODE_4M, vars: VARS_4M }), kinds(deb12Host)).boot).toStrictEqual([[]]);
  });

  it('says it cannot know when the host lists no images', () => {
    const report = checkFirmware(bound({ code: CODE_4M }), kinds(aHost({ name: 'bare' })));
    expect(report.boot).toStrictEqual([[{ code: 'firmware_images_unknown', path: CODE_4M }]]);
  });

  it('reports each missing path: Debian 13 dropped the 2 MiB CODE and VARS (its NEWS for 2023.11-2)', () => {
    expect(checkFirmware(bound({ code: CODE, vars: VARS }), kinds(deb13Host)).boot).toStrictEqual([[
      { code: 'firmware_image_missing', role: 'code', path: CODE },
      { code: 'firmware_image_missing', role: 'vars', path: VARS },
    ]]);
  });

  it('rejects a 4 MiB CODE with a 2 MiB varstore template at every cold boot (seed 001)', () => {
    expect(checkFirmware(bound({ code: CODE_4M, vars: VARS }), kinds(deb12Host)).boot).toStrictEqual([[{
      code: 'firmware_varstore_layout_mismatch', codePath: CODE_4M, codeFlash: '4m', varsFlash: '2m', varsSize: 0x20000n, varsPath: VARS, when: 'boot',
    }]]);
  });

  it('rejects an existing 128 KiB NVRAM file once the VM points at the 4 MiB CODE and template', () => {
    // The VM was created from OVMF_VARS.fd; its XML now names the 4 MiB pair, its NVRAM file is still 0x20000 bytes.
    expect(checkFirmware(bound({ code: CODE_4M, vars: VARS_4M, nvramSize: 0x20000n }), kinds(deb12Host)).boot).toStrictEqual([[{
      code: 'firmware_varstore_layout_mismatch', codePath: CODE_4M, codeFlash: '4m', varsFlash: '2m', varsSize: 0x20000n, varsPath: null, when: 'boot',
    }]]);
  });

  it('does not guess the layout of an NVRAM file of a size no build has (256 KiB)', () => {
    expect(checkFirmware(bound({ code: CODE_4M, vars: VARS_4M, nvramSize: 0x40000n }), kinds(deb12Host)).boot).toStrictEqual([[]]);
  });

  it('has no varstore to check for a -bios image', () => {
    expect(checkFirmware(bound({ loader: 'rom', code: BIOS }), kinds(deb12Host)).boot).toStrictEqual([[]]);
  });
});

describe('checkFirmware on a migration', () => {
  it('refuses Debian 12\'s 2 MiB OVMF.fd on Debian 13 with QEMU 10.0\'s words, and advises (seed 000, qemu.md §8.1)', () => {
    const report = checkFirmware(bound({ loader: 'rom', code: BIOS }), kinds(deb12Host, deb13Host));
    expect(report.migration(0, 0)).toStrictEqual([]);
    expect(report.migration(1, 1)).toStrictEqual([]);
    const move = report.migration(0, 1);
    expect(move[0]).toStrictEqual({
      code: 'firmware_size_mismatch', block: 'pc.bios', role: 'code', path: BIOS, incoming: 0x200000n, local: 0x400000n, wording: 'size', qemu: '10.0',
    });
    expect(move[1]).toStrictEqual({
      code: 'firmware_advice', role: 'code', loader: 'rom', path: BIOS,
      variants: [{ size: 0x200000n, hosts: ['deb12-1'], packages: [DEB12] }, { size: 0x400000n, hosts: ['deb13-1'], packages: [DEB13] }],
      missing: [], largest: 0x400000n, alternative: { code: CODE_4M, vars: VARS_4M },
    });
    // 7.2 and 10.0 may build ACPI tables of other sizes; pc-q35-7.2 resizes the blob.
    expect(move[2]).toStrictEqual({ code: 'acpi_blob_resizable', machine: 'q35', version: '7.2', from: '7.2', to: '10.0' });
    expect(move).toHaveLength(3);
  });

  it('quotes the destination\'s QEMU: the way back to 7.2 also says "Size", and a 5.1 destination says "Length"', () => {
    const vm = bound({ code: CODE });
    const old = aHost({ name: 'old', qemuVersion: v(5, 1), images: [image(CODE, 'code', '4m', 0x37c000n)] });
    const report = checkFirmware(vm, kinds(deb12Host, old));
    expect(report.migration(0, 1)[0]).toStrictEqual({
      code: 'firmware_size_mismatch', block: 'system.flash0', role: 'code', path: CODE, incoming: 0x1e0000n, local: 0x37c000n, wording: 'length', qemu: '5.1',
    });
    expect(report.migration(1, 0)[0]).toMatchObject({ block: 'system.flash0', incoming: 0x37c000n, local: 0x1e0000n, wording: 'size', qemu: '7.2' });
  });

  it('refuses a 128 KiB NVRAM where the destination\'s template is 528 KiB (vector G1: system.flash1)', () => {
    // Same CODE on both; someone replaced the template at the VM's VARS path on the destination.
    const a = aHost({ name: 'a', images: [image(CODE, 'code', '2m', 0x1e0000n), image(VARS, 'vars', '2m', 0x20000n)] });
    const b = aHost({ name: 'b', images: [image(CODE, 'code', '2m', 0x1e0000n), image(VARS, 'vars', '4m', 0x84000n)] });
    const move = checkFirmware(bound({ code: CODE, vars: VARS }), kinds(a, b)).migration(0, 1);
    expect(move[0]).toStrictEqual({
      code: 'firmware_size_mismatch', block: 'system.flash1', role: 'vars', path: VARS, incoming: 0x20000n, local: 0x84000n, wording: 'size', qemu: '9.2',
    });
    expect(codes(move)).toStrictEqual(['firmware_size_mismatch', 'firmware_advice']);
  });

  it('compares the VM\'s own NVRAM size, not the boot host\'s template, with the destination\'s template', () => {
    const move = checkFirmware(bound({ code: CODE_4M, vars: VARS_4M, nvramSize: 0x20000n }), kinds(deb12Host, deb13Host)).migration(0, 1);
    expect(move[0]).toMatchObject({ code: 'firmware_size_mismatch', block: 'system.flash1', incoming: 0x20000n, local: 0x84000n });
    // The uniform pair is the one the VM already uses: no way out there, so no alternative is offered.
    expect(move[1]).toMatchObject({ code: 'firmware_advice', role: 'vars', variants: [{ size: 0x84000n }], alternative: null });
  });

  it('reports paths missing on the destination, with advice naming where they are', () => {
    const move = checkFirmware(bound({ code: CODE, vars: VARS }), kinds(deb12Host, deb13Host)).migration(0, 1);
    expect(codes(move)).toStrictEqual(['firmware_image_missing', 'firmware_image_missing', 'firmware_advice', 'firmware_advice', 'acpi_blob_resizable']);
    expect(move[2]).toStrictEqual({
      code: 'firmware_advice', role: 'code', loader: 'pflash', path: CODE,
      variants: [{ size: 0x1e0000n, hosts: ['deb12-1'], packages: [DEB12] }], missing: ['deb13-1'], largest: 0x1e0000n,
      alternative: { code: CODE_4M, vars: VARS_4M },
    });
    expect(move[3]).toMatchObject({ role: 'vars', path: VARS, missing: ['deb13-1'] });
  });

  it('says what runs after a move between images of one size: the boot host\'s until a cold boot (seed 001)', () => {
    const move = checkFirmware(bound({ code: CODE_4M, vars: VARS_4M }), kinds(deb12Host, deb13Host)).migration(0, 1);
    expect(move).toStrictEqual([
      {
        code: 'firmware_after_migration', path: CODE_4M,
        warm: { edk2: 'edk2-stable202211', build: 'ia32x64', flash: '4m', family: 'D22', package: DEB12 },
        cold: { edk2: 'edk2-stable202502', build: 'x64', flash: '4m', family: 'D24c', package: DEB13 },
      },
      { code: 'acpi_blob_resizable', machine: 'q35', version: '7.2', from: '7.2', to: '10.0' },
    ]);
  });

  it('catches a padded 2 MiB build that migrates but meets a 4 MiB CODE at the next cold boot', () => {
    // Host a padded its 2 MiB images to the 4 MiB sizes: the RAMBlocks match, the varstore layout does not.
    const a = aHost({ name: 'a', images: [image(CODE, 'code', '2m', 0x37c000n), image(VARS, 'vars', '2m', 0x84000n)] });
    const b = aHost({ name: 'b', images: [image(CODE, 'code', '4m', 0x37c000n, deb13()), image(VARS, 'vars', '4m', 0x84000n, deb13())] });
    const report = checkFirmware(bound({ code: CODE, vars: VARS }), kinds(a, b));
    expect(report.boot).toStrictEqual([[], []]);
    expect(report.migration(0, 1)).toStrictEqual([
      { code: 'firmware_varstore_layout_mismatch', codePath: CODE, codeFlash: '4m', varsFlash: '2m', varsSize: 0x84000n, varsPath: VARS, when: 'after-migration' },
      {
        code: 'firmware_after_migration', path: CODE,
        warm: { edk2: 'edk2-stable202211', build: 'x64', flash: '2m', family: 'D22', package: DEB12 },
        cold: { edk2: 'edk2-stable202502', build: 'x64', flash: '4m', family: 'D24c', package: DEB13 },
      },
    ]);
  });

  it('leaves pairs with a host of unknown images to that host\'s own finding', () => {
    const report = checkFirmware(bound({ code: CODE_4M }), kinds(deb12Host, aHost({ name: 'bare', qemuVersion: v(7, 2) })));
    expect(report.migration(0, 1)).toStrictEqual([]);
    expect(report.boot[1]).toStrictEqual([{ code: 'firmware_images_unknown', path: CODE_4M }]);
  });

  it('offers no alternative when no CODE of the VM\'s flavour has one size on every host', () => {
    // The VM uses a secure-boot CODE; neither host has a secure-boot image of one size everywhere.
    const secure = { secureBoot: true, smm: true };
    const others = [image(CODE_4M, 'code', '4m', 0x37c000n), image(VARS_4M, 'vars', '4m', 0x84000n)];
    const a = aHost({ name: 'a', images: [image(CODE, 'code', '2m', 0x1e0000n, secure), ...others] });
    const b = aHost({ name: 'b', images: [image(CODE, 'code', '4m', 0x37c000n, secure), ...others] });
    const move = checkFirmware(bound({ code: CODE }), kinds(a, b)).migration(0, 1);
    expect(move[1]).toMatchObject({ code: 'firmware_advice', alternative: null });
  });

  it('checks the ACPI blob of a legacy machine type even for a VM bound to no file (pc-i440fx-2.2, 7.2 to 8.2)', () => {
    const vm = aVm({ machine: 'pc', machineVersion: v(2, 2) });
    const report = checkFirmware(vm, kinds(aHost({ qemuVersion: v(7, 2) }), aHost({ qemuVersion: v(8, 2) })));
    expect(report.migration(0, 1)).toStrictEqual([{ code: 'acpi_blob_legacy_padding', machine: 'pc', version: '2.2', from: '7.2', to: '8.2', padding: '128k' }]);
    expect(report.migration(0, 0)).toStrictEqual([]);
  });
});

describe('firmwareOnHost and withBoundFirmware', () => {
  it('run the bound image\'s release and build: Debian 12\'s OVMF.fd is the X64 build, not the package\'s Ia32X64 default', () => {
    expect(firmwareOnHost(bound({ loader: 'rom', code: BIOS }).firmware, deb12Host)).toStrictEqual({ edk2: 'edk2-stable202211', build: 'x64', package: 'ovmf 2022.11-6+deb12u2' });
    const group = withBoundFirmware(bound({ loader: 'rom', code: BIOS }).firmware, { id: 'g1', host: deb12Host });
    expect(group.host.firmware).toStrictEqual({ edk2: 'edk2-stable202211', build: 'x64', package: 'ovmf 2022.11-6+deb12u2' });
    expect(group.host.name).toBe('deb12-1');
  });

  it('keep the host\'s package default when the VM is not bound or its image is missing, and the group object too', () => {
    expect(firmwareOnHost(aVm().firmware, deb12Host)).toBe(deb12Host.firmware);
    expect(firmwareOnHost(bound({ code: CODE }).firmware, deb13Host)).toBe(deb13Host.firmware);
    const group = { id: 'g1', host: deb12Host };
    expect(withBoundFirmware(bound({ code: CODE_4M }).firmware, group)).toBe(group);
  });
});

describe('firmwareImagesKey', () => {
  it('is empty without images, equal for equal lists, and differs when a size differs', () => {
    expect(firmwareImagesKey(undefined)).toBe('');
    expect(firmwareImagesKey([])).toBe('');
    expect(firmwareImagesKey([...debian12])).toBe(firmwareImagesKey(debian12));
    const padded = debian12.map((i) => (i.path === BIOS ? { ...i, size: 0x400000n } : i));
    expect(firmwareImagesKey(padded)).not.toBe(firmwareImagesKey(debian12));
  });
});
