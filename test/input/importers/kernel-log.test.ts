/** kernelLogIommu, isKernelLogText: IOMMU widths from the registers Linux prints at boot (fixtures are real log lines). */
import { describe, expect, it } from 'vitest';
import { isKernelLogText, kernelLogIommu } from '../../../src/input/importers/kernel-log.js';
import { fixture } from './helpers.js';

const bits = (text: string) => kernelLogIommu(text).widths.map((w) => w.bits);

describe('kernelLogIommu', () => {
  it('reads every VT-d unit of a Xeon Gold 5215: eight units of cap 8d2078c106f0466, 48 bits, although the DMAR table says 46', () => {
    const { widths, warnings } = kernelLogIommu(fixture('dmesg-intel-xeon.txt'));
    expect(widths.map((w) => w.bits)).toEqual([48, 48, 48, 48, 48, 48, 48, 48]);
    expect(widths[0]!.from).toBe('VT-d cap 8d2078c106f0466: MGAW 48, 4-level tables (48 bits)');
    expect(warnings).toEqual([]);
  });

  it('reads 39 bits on a Sandy Bridge whose DMAR table says 36, and the AMD-Vi EFR of a journal', () => {
    expect(bits(fixture('dmesg-intel-snb.txt'))).toEqual([39, 39]);
    expect(bits(fixture('dmesg-amd.txt'))).toEqual([64]);
  });

  it('reads the older kernels\' "dmar: IOMMU 0:" lines and the EFR with its EFR2', () => {
    expect(bits('[    0.066805] dmar: IOMMU 0: reg_base_addr fbffc000 ver 1:0 cap d2078c106f0466 ecap f020de\n')).toEqual([48]);
    expect(bits('[    0.302676] AMD-Vi: Extended features (0x206d73ef22254ade, 0x0): PPR X2APIC NX GT IA GA PC GA_vAPIC\n')).toEqual([64]);
  });

  it('counts the last boot of a log that holds several', () => {
    const boot = (cap: string) => `[    0.000000] Linux version 6.1.0-18-amd64\n[    0.1] DMAR: dmar0: reg_base_addr fed90000 ver 1:0 cap ${cap} ecap f050da\n`;
    expect(bits(`${boot('c0000020e60262')}${boot('8d2078c106f0466')}`)).toEqual([48]);
  });

  it('says why it gives no width: only the DMAR table\'s host address width, or no IOMMU line at all', () => {
    expect(kernelLogIommu('[    0.133534] DMAR: Host address width 36\n')).toStrictEqual({
      widths: [],
      warnings: ['has the DMAR table\'s "Host address width 36" but no "dmar0: reg_base_addr … cap …" line: the host address width is how far DMA reaches into host memory, not the IOMMU\'s IOVA width, so it gives no iommuBits'],
    });
    expect(kernelLogIommu('[    0.000000] Linux version 6.1.0\n').warnings).toEqual([
      'has no IOMMU line ("DMAR: dmar0: reg_base_addr … cap …" or "AMD-Vi: Extended features (…)"): the IOMMU is off, or the lines were cut; it gives no iommuBits',
    ]);
  });
});

describe('isKernelLogText', () => {
  it('recognises dmesg and journal lines, and IOMMU lines without a timestamp', () => {
    expect(isKernelLogText(fixture('dmesg-intel-xeon.txt'))).toBe(true);
    expect(isKernelLogText(fixture('dmesg-amd.txt'))).toBe(true);
    expect(isKernelLogText('DMAR: Host address width 46\n')).toBe(true);
    expect(isKernelLogText(fixture('cpuinfo-intel-xeon.txt'))).toBe(false);
    expect(isKernelLogText(fixture('qemu-q35-gpu.log'))).toBe(false);
  });
});
