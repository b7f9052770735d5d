/** withHostAdditions: the IOMMU width and firmware images other sources add to an imported host entry. */
import { describe, expect, it } from 'vitest';
import { withHostAdditions } from '../../../src/input/importers/host-additions.js';
import { readFirmwareDescriptor } from '../../../src/input/importers/firmware-descriptor.js';
import type { HostFile } from '../../../src/input/importers/imported.js';
import { fixture, ok } from './helpers.js';

const entry: HostFile = { name: 'xeon-1', vendor: 'intel', physBits: 46, pdpe1gb: true, la57: false, qemu: '7.2', firmware: 'debian-12' };
const images = { sizes: new Map<string, bigint>(), build: 'ia32x64' as const, buildFrom: 'b', known: [] };
const plain = { descriptor: ok(readFirmwareDescriptor(fixture('firmware/60-edk2-x86_64.json'), 'd.json')), source: 'd.json' };

describe('withHostAdditions', () => {
  it('puts iommuBits after the CPU fields and images last, in the pool file\'s order', () => {
    const sizes = new Map([['/usr/share/OVMF/OVMF_CODE_4M.fd', 3653632n], ['/usr/share/OVMF/OVMF_VARS_4M.fd', 540672n]]);
    const { host } = withHostAdditions(entry, { iommuWidths: [{ bits: 48, from: 'a' }], descriptors: [plain], images: { ...images, sizes } });
    expect(Object.keys(host)).toEqual(['name', 'vendor', 'physBits', 'pdpe1gb', 'la57', 'iommuBits', 'qemu', 'firmware', 'images']);
    expect(host.iommuBits).toBe(48);
    expect(host.images?.map((i) => i.path)).toEqual(['/usr/share/OVMF/OVMF_CODE_4M.fd', '/usr/share/OVMF/OVMF_VARS_4M.fd']);
  });

  it('leaves both out when nothing is known, and says so when descriptors gave no image', () => {
    expect(withHostAdditions(entry, { iommuWidths: [], descriptors: [], images })).toStrictEqual({ host: entry, warnings: [] });
    const { host, warnings } = withHostAdditions(entry, { iommuWidths: [], descriptors: [plain], images });
    expect(host).toStrictEqual(entry);
    expect(warnings.at(-1)).toBe('the firmware descriptors gave no image of known size: the entry lists no images');
  });
});
