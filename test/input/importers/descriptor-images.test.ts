/**
 * descriptorImages: descriptors and file sizes → a pool host's images. Sizes are edk2's OvmfPkgDefines.fdf.inc
 * (FD_SIZE_4MB: CODE 0x37C000 = 3653632, VARS 0x84000 = 540672; FD_SIZE_2MB: 0x1E0000 = 1966080, 0x20000 = 131072;
 * the whole device 2097152 or 4194304), as `ls -l` shows them for Debian 12's ovmf 2022.11-6+deb12u2.
 */
import { describe, expect, it } from 'vitest';
import { type DescribedSource, type DescriptorImagesOptions, descriptorImages } from '../../../src/input/importers/descriptor-images.js';
import { type FirmwareDescriptor, readFirmwareDescriptor } from '../../../src/input/importers/firmware-descriptor.js';
import type { FirmwareImage } from '../../../src/core/spec.js';
import { fixture, ok } from './helpers.js';

const DEBIAN_12 = ['40-edk2-x86_64-secure-enrolled.json', '50-edk2-x86_64-secure.json', '60-edk2-x86_64.json'];
const described = (...names: string[]): DescribedSource[] =>
  names.map((name) => ({ descriptor: ok(readFirmwareDescriptor(fixture(`firmware/${name}`), name)), source: name }));

const CODE_4M = 3653632n;
const VARS_4M = 540672n;
const debian12Sizes = new Map<string, bigint>([
  ['/usr/share/OVMF/OVMF_CODE_4M.ms.fd', CODE_4M], ['/usr/share/OVMF/OVMF_CODE_4M.secboot.fd', CODE_4M], ['/usr/share/OVMF/OVMF_CODE_4M.fd', CODE_4M],
  ['/usr/share/OVMF/OVMF_VARS_4M.ms.fd', VARS_4M], ['/usr/share/OVMF/OVMF_VARS_4M.fd', VARS_4M],
]);
const options = (more: Partial<DescriptorImagesOptions> = {}): DescriptorImagesOptions => ({
  sizes: debian12Sizes, build: 'ia32x64', buildFrom: 'the default build of firmware preset debian-12', known: [], ...more,
});

/** A descriptor of this shape, from the plain Debian one. */
function descriptor(more: Partial<FirmwareDescriptor>): DescribedSource {
  const plain = described('60-edk2-x86_64.json')[0]!.descriptor;
  return { descriptor: { ...plain, ...more }, source: 'x.json' };
}

describe('descriptorImages', () => {
  it('lists Debian 12\'s five 4 MiB files once each, secure boot and SMM from the features, the template\'s secure boot from enrolled-keys', () => {
    const { images, warnings } = descriptorImages(described(...DEBIAN_12), options());
    expect(images).toStrictEqual([
      { path: '/usr/share/OVMF/OVMF_CODE_4M.ms.fd', role: 'code', build: 'ia32x64', flash: '4m', secureBoot: true, smm: true, size: 3653632 },
      { path: '/usr/share/OVMF/OVMF_VARS_4M.ms.fd', role: 'vars', build: 'ia32x64', flash: '4m', secureBoot: true, smm: false, size: 540672 },
      { path: '/usr/share/OVMF/OVMF_CODE_4M.secboot.fd', role: 'code', build: 'ia32x64', flash: '4m', secureBoot: true, smm: true, size: 3653632 },
      { path: '/usr/share/OVMF/OVMF_VARS_4M.fd', role: 'vars', build: 'ia32x64', flash: '4m', secureBoot: false, smm: false, size: 540672 },
      { path: '/usr/share/OVMF/OVMF_CODE_4M.fd', role: 'code', build: 'ia32x64', flash: '4m', secureBoot: false, smm: false, size: 3653632 },
    ]);
    expect(warnings).toEqual([
      'firmware descriptors do not say whether an image is an X64 or Ia32X64 build: assumed ia32x64 (the default build of firmware preset debian-12) for /usr/share/OVMF/OVMF_CODE_4M.ms.fd, /usr/share/OVMF/OVMF_VARS_4M.ms.fd, /usr/share/OVMF/OVMF_CODE_4M.secboot.fd, /usr/share/OVMF/OVMF_VARS_4M.fd, /usr/share/OVMF/OVMF_CODE_4M.fd; correct "build" where it differs',
    ]);
  });

  it('takes the build and package of the preset\'s image of the same path, role and size, and assumes nothing then', () => {
    const known: FirmwareImage[] = [{
      path: '/usr/share/OVMF/OVMF_CODE_4M.fd', role: 'code', build: 'x64', flash: '4m', secureBoot: false, smm: false, size: CODE_4M, edk2: 'edk2-stable202502', package: 'ovmf 2025.02-8+deb13u1',
    }];
    const split = descriptorImages(described('60-edk2-x86_64.json'), options({ known }));
    expect(split.images[0]).toStrictEqual({ path: '/usr/share/OVMF/OVMF_CODE_4M.fd', role: 'code', build: 'x64', flash: '4m', secureBoot: false, smm: false, size: 3653632, package: 'ovmf 2025.02-8+deb13u1' });
    expect(split.warnings).toEqual([expect.stringMatching(/assumed ia32x64 .* for \/usr\/share\/OVMF\/OVMF_VARS_4M\.fd; /)]);
  });

  it('leaves out, with a warning each, a file that is not here, a qcow2 image and a size of no OVMF layout', () => {
    const sizes = new Map([['/usr/share/OVMF/OVMF_CODE_4M.fd', 3653633n]]);
    const qcow2 = descriptor({ executable: { filename: '/usr/share/edk2/ovmf/OVMF_CODE_4M.qcow2', format: 'qcow2' } });
    const { images, warnings } = descriptorImages([...described('60-edk2-x86_64.json'), qcow2], options({ sizes }));
    expect(images).toEqual([]);
    expect(warnings).toEqual([
      '60-edk2-x86_64.json: /usr/share/OVMF/OVMF_CODE_4M.fd is 3653633 bytes, which is no OVMF CODE size (1966080 or 3653632): its flash layout is unknown, so it is not listed',
      '60-edk2-x86_64.json: /usr/share/OVMF/OVMF_VARS_4M.fd is not on this machine (or cannot be read): its size is unknown, so it is not listed',
      'x.json: /usr/share/edk2/ovmf/OVMF_CODE_4M.qcow2 is a qcow2 image: its file size is not the size of the flash QEMU maps, so it is not listed',
    ]);
  });

  it('skips descriptors for other interfaces, other targets and kernel loading', () => {
    const { images, warnings } = descriptorImages([
      descriptor({ interfaces: ['bios'] }),
      descriptor({ architectures: ['aarch64'] }),
      descriptor({ device: 'kernel', mode: null, nvramTemplate: null }),
    ], options());
    expect(images).toEqual([]);
    expect(warnings).toEqual([
      'x.json: interface-types bios: not UEFI firmware: skipped',
      'x.json: targets aarch64: not x86_64: skipped',
      'x.json: mapping.device kernel: loaded like a kernel, not mapped as flash or ROM: skipped',
    ]);
  });

  it('reads a whole-device image (combined, stateless or -bios) by its size: 2097152 is the 2 MiB build, 4194304 the 4 MiB one', () => {
    const sizes = new Map([['/a/OVMF.fd', 2097152n], ['/b/OVMF.fd', 4194304n]]);
    const { images } = descriptorImages([
      descriptor({ device: 'memory', mode: null, executable: { filename: '/a/OVMF.fd', format: 'raw' }, nvramTemplate: null }),
      descriptor({ mode: 'combined', executable: { filename: '/b/OVMF.fd', format: 'raw' }, nvramTemplate: null }),
    ], options({ sizes }));
    expect(images.map((i) => [i.path, i.role, i.flash, i.size])).toEqual([['/a/OVMF.fd', 'unified', '2m', 2097152], ['/b/OVMF.fd', 'unified', '4m', 4194304]]);
  });

  it('gives a padded varstore template the layout of the CODE it goes with, and says when a combined mapping names a template', () => {
    const sizes = new Map([['/o/OVMF_CODE.fd', 1966080n], ['/o/OVMF_VARS.fd', 540672n], ['/o/OVMF.fd', 2097152n]]);
    const padded = descriptor({ executable: { filename: '/o/OVMF_CODE.fd', format: 'raw' }, nvramTemplate: { filename: '/o/OVMF_VARS.fd', format: 'raw' } });
    const odd = descriptor({ mode: 'combined', executable: { filename: '/o/OVMF.fd', format: 'raw' }, nvramTemplate: { filename: '/o/OVMF_VARS.fd', format: 'raw' } });
    const { images, warnings } = descriptorImages([padded, odd], options({ sizes }));
    expect(images.map((i) => [i.path, i.flash, i.size])).toEqual([['/o/OVMF_CODE.fd', '2m', 1966080], ['/o/OVMF_VARS.fd', '2m', 540672], ['/o/OVMF.fd', '2m', 2097152]]);
    expect(warnings[0]).toBe('x.json: mapping.nvram-template /o/OVMF_VARS.fd is ignored: a combined mapping has no varstore template (firmware.json)');
  });

  it('gives a template too small for its CODE\'s varstore its own layout, so that the pool check sees the mismatch', () => {
    const sizes = new Map([['/o/OVMF_CODE_4M.fd', 3653632n], ['/o/OVMF_VARS.fd', 131072n]]);
    const mismatched = descriptor({ executable: { filename: '/o/OVMF_CODE_4M.fd', format: 'raw' }, nvramTemplate: { filename: '/o/OVMF_VARS.fd', format: 'raw' } });
    expect(descriptorImages([mismatched], options({ sizes })).images.map((i) => [i.path, i.flash])).toEqual([['/o/OVMF_CODE_4M.fd', '4m'], ['/o/OVMF_VARS.fd', '2m']]);
  });

  it('keeps the first description of a file two descriptors describe otherwise, and says so', () => {
    const other = descriptor({ features: ['secure-boot', 'requires-smm'] });
    const { images, warnings } = descriptorImages([...described('60-edk2-x86_64.json'), other], options());
    expect(images.map((i) => [i.path, i.secureBoot])).toEqual([['/usr/share/OVMF/OVMF_CODE_4M.fd', false], ['/usr/share/OVMF/OVMF_VARS_4M.fd', false]]);
    expect(warnings[0]).toBe('x.json: /usr/share/OVMF/OVMF_CODE_4M.fd is described otherwise by 60-edk2-x86_64.json, whose description is kept');
  });
});
