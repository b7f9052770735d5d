/**
 * OVMF's placement of passed-through BARs (edk2 PciBusDxe, modelled in src/core/pci/resource-tree.ts and
 * pci-placement.ts). Every address below is derived by hand in the comments, from the edk2 functions named there.
 */
import { describe, expect, it } from 'vitest';
import { aVm } from '../builders.js';
import { plan } from '../../src/core/plan.js';
import type { PciDevice } from '../../src/core/pci/devices.js';
import { calculateResourceAperture, insertResourceNode, type ResourceNode } from '../../src/core/pci/resource-tree.js';
import { GiB, MiB, TiB } from '../../src/core/units.js';

/** A GPU with a 64 GiB and a 32 MiB 64-bit prefetchable BAR and a 16 MiB 32-bit one (the NVIDIA L40S layout). */
function gpu(name: string, bar1 = 64n * GiB, extra: Partial<PciDevice> = {}): PciDevice {
  return {
    name, model: null, vga: false, attach: 'root-port', hotplug: true, pref64Reserve: null,
    bars: [
      { index: 0, size: 16n * MiB, is64: false, prefetchable: false },
      { index: 1, size: bar1, is64: true, prefetchable: true },
      { index: 3, size: 32n * MiB, is64: true, prefetchable: true },
    ],
    ...extra,
  };
}

/** q35, 2 GiB of RAM, Intel, 1 GiB pages, edk2-stable202211: the spec's common settings with a chosen width. */
function twoGpus(physBits: number, devices = [gpu('gpu0'), gpu('gpu1')], emptyRootPorts = 0) {
  return aVm({
    cpu: { vendor: 'intel', physBits, pdpe1gb: true },
    firmware: { edk2: 'edk2-stable202211' },
    pci: { devices, emptyRootPorts },
  });
}

describe('PciBusDxe resource nodes', () => {
  const node = (length: bigint, usage: 'typical' | 'padding' = 'typical'): ResourceNode =>
    ({ owner: null, usage, length, alignment: length - 1n, offset: 0n, children: [] });

  it('keeps a bridge window at its BARs\' length in 1 MiB steps, not rounded to its largest BAR', () => {
    // CalculateResourceAperture: 64 GiB at 0, 32 MiB at 64 GiB; ALIGN(64 GiB + 32 MiB, 1 MiB); then alignment 64 GiB.
    const window: ResourceNode = { owner: null, usage: 'typical', length: 0n, alignment: MiB - 1n, offset: 0n, children: [] };
    insertResourceNode(window.children, node(32n * MiB));
    insertResourceNode(window.children, node(64n * GiB));
    calculateResourceAperture(window);
    expect(window.children.map((c) => c.offset)).toEqual([0n, 64n * GiB]);
    expect(window.length).toBe(64n * GiB + 32n * MiB);
    expect(window.alignment).toBe(64n * GiB - 1n);
  });

  it('takes the padding when it is larger than the BARs, laid out apart from them', () => {
    // Typical 16 MiB, padding 32 GiB: the window is max(16 MiB, 32 GiB) = 32 GiB, aligned to the padding's 32 GiB.
    const window: ResourceNode = { owner: null, usage: 'typical', length: 0n, alignment: MiB - 1n, offset: 0n, children: [] };
    insertResourceNode(window.children, node(16n * MiB));
    insertResourceNode(window.children, node(32n * GiB, 'padding'));
    calculateResourceAperture(window);
    expect(window.length).toBe(32n * GiB);
    expect(window.alignment).toBe(32n * GiB - 1n);
    expect(window.children[1]!.offset).toBe(0n);
  });

  it('orders equal alignments the way InsertResourceNode does: an exact multiple stops first', () => {
    // Inserting B (rest 32 MiB) before A (rest 0): B stops at A (rest ≥ 0). Inserting C (rest 0) stops at the head.
    const list: ResourceNode[] = [];
    const a = node(64n * GiB);
    const b = { ...node(64n * GiB), length: 64n * GiB + 32n * MiB };
    const c = node(64n * GiB);
    insertResourceNode(list, a);
    insertResourceNode(list, b);
    insertResourceNode(list, c);
    expect(list).toEqual([c, b, a]);
  });
});

describe('two 64 GiB GPUs behind root ports (issue 11\'s hand-derived case)', () => {
  it('do not fit the 32 GiB classic window: OVMF rejects both, the later one first, then programs nothing', () => {
    // Intel 40 is untrusted in 202211 (ovmf.md §3.1), so the classic window: FNA = 4 GiB (2 GiB of RAM, all below
    // 4 GiB), 32 GiB aligned to 32 GiB → [32 GiB, 64 GiB). No padding: PcdPciMmio64Size is not above 32 GiB (§3.5).
    // Each port window is 64 GiB + 32 MiB aligned to 64 GiB; the second lands at 128 GiB, so the request is
    // 192 GiB + 32 MiB aligned to 64 GiB: from 64 GiB it ends far past 64 GiB. GetLargerConsumerDevice keeps the
    // later of two equal 64 GiB BARs, so gpu1 goes first; then gpu0 alone (64 GiB + 32 MiB) still does not fit.
    const result = plan(twoGpus(40));
    expect(result.ovmf!.pci64Aperture).toEqual({ base: 32n * GiB, size: 32n * GiB });
    const devices = result.devices!;
    expect(devices.request).toEqual({ length: 192n * GiB + 32n * MiB, alignment: 64n * GiB });
    expect(devices.rejections).toEqual([
      { kind: 'device', device: 'gpu1', largestBar: 64n * GiB },
      { kind: 'device', device: 'gpu0', largestBar: 64n * GiB },
    ]);
    // With both gone no 64-bit request is left, but the host bridge still holds the failed one and retries it
    // (PciHostBridgeDxe NotifyPhase/SubmitResources): nothing on the root bus is programmed, as the real boot
    // q35-2g-intel40-dev-2x64g shows (test/conformance).
    expect([devices.outcome, devices.failure]).toEqual(['failed', 'emptied']);
    expect(devices.bars.every((bar) => bar.where === 'unassigned')).toBe(true);
    expect(result.findings.filter((f) => f.code.startsWith('ovmf_devices') || f.code === 'ovmf_pci_allocation_failed')).toEqual([{
      code: 'ovmf_pci_allocation_failed', request: devices.request, aperture: { base: 32n * GiB, size: 32n * GiB }, reason: 'emptied', blocking: [], rejected: ['gpu1', 'gpu0'],
    }]);
  });

  it('fit the dynamic window of a trusted 46-bit width, at these addresses', () => {
    // 46 bits is trusted (≥ 41) and under the 47 cap: the dynamic window is 2^43 = 8 TiB at 64 − 8 = 56 TiB.
    // PcdPciMmio64Size = 8 TiB > 32 GiB, so each hot-plug port asks for 2^⌈log2(8 TiB/256)⌉ = 32 GiB of padding,
    // less than its 64 GiB + 32 MiB of BARs, so the windows keep their length. The block starts at 56 TiB (a
    // multiple of 64 GiB): gpu0's window at 56 TiB, gpu1's at 56 TiB + 128 GiB, each BAR 1 first, BAR 3 64 GiB on.
    const devices = plan(twoGpus(46)).devices!;
    const T56 = 56n * TiB;
    expect(devices.outcome).toBe('placed');
    expect(devices.block).toEqual({ base: T56, size: 192n * GiB + 32n * MiB });
    const placed = devices.bars.filter((bar) => bar.where === 'above-4g').map((bar) => [bar.device, bar.index, bar.range!.base]);
    expect(placed).toEqual([
      ['gpu0', 1, 0x3800_0000_0000n], ['gpu0', 3, 0x3810_0000_0000n],
      ['gpu1', 1, 0x3820_0000_0000n], ['gpu1', 3, 0x3830_0000_0000n],
    ]);
    expect(devices.ports.map((p) => [p.device, p.range, p.padding])).toEqual([
      ['gpu0', { base: T56, size: 64n * GiB + 32n * MiB }, 32n * GiB],
      ['gpu1', { base: T56 + 128n * GiB, size: 64n * GiB + 32n * MiB }, 32n * GiB],
    ]);
    // The 32-bit BAR 0 of each goes below 4 GiB, where the model does not place.
    expect(devices.bars.filter((bar) => bar.where === 'below-4g').map((bar) => [bar.device, bar.index])).toEqual([['gpu0', 0], ['gpu1', 0]]);
  });
});

describe('rejection rules (PciHostBridgeAdjustAllocation)', () => {
  it('drops an empty port\'s padding before a smaller device', () => {
    // A 128 GiB knob on 202211 with an untrusted Intel 40: classic [128 GiB, 256 GiB). Padding: 2^⌈log2(128 GiB/256)⌉
    // = 512 MiB per hot-plug port. One 64 GiB GPU (64 GiB + 32 MiB window) and 64 empty ports of 512 MiB each:
    // the request is 64 GiB + 32 MiB, then 64 × 512 MiB from the next 512 MiB boundary (64.5 GiB) = 96.5 GiB,
    // which fits 128 GiB. With 130 empty ports: 64.5 + 65 = 129.5 GiB does not fit; the largest rejectable node is
    // the GPU's 64 GiB BAR, so the GPU goes, not the paddings.
    const knob = (ports: number) => aVm({
      cpu: { vendor: 'intel', physBits: 40, pdpe1gb: true },
      firmware: { edk2: 'edk2-stable202211', fwCfg: { 'opt/ovmf/X-PciMmio64Mb': '131072' } },
      pci: { devices: [gpu('gpu0')], emptyRootPorts: ports },
    });
    const fits = plan(knob(64)).devices!;
    expect(fits.outcome).toBe('placed');
    expect(fits.request).toEqual({ length: 96n * GiB + 512n * MiB, alignment: 64n * GiB });
    const crowded = plan(knob(130)).devices!;
    expect(crowded.rejections).toEqual([{ kind: 'device', device: 'gpu0', largestBar: 64n * GiB }]);
  });

  it('never rejects a device on the root bus: when it does not fit, nothing is programmed', () => {
    // The conformance boot pc-2g-intel40-bar64g: one 64 GiB BAR on the root bus, 32 GiB classic window.
    const onBus = gpu('ivshmem', 64n * GiB, { attach: 'root-bus' });
    const result = plan(aVm({ machine: 'pc', cpu: { vendor: 'intel', physBits: 40 }, firmware: { edk2: 'edk2-stable202211' }, pci: { devices: [onBus], emptyRootPorts: 0 } }));
    expect(result.devices!.outcome).toBe('failed');
    expect(result.findings.find((f) => f.code === 'ovmf_pci_allocation_failed')).toMatchObject({ reason: 'nothing-to-reject', blocking: ['ivshmem'], rejected: [] });
  });

  it('never rejects a VGA device either', () => {
    const result = plan(twoGpus(40, [gpu('vga0', 64n * GiB, { vga: true })]));
    expect(result.devices!.outcome).toBe('failed');
  });

  it('puts every 64-bit BAR below 4 GiB when there is no aperture (X-PciMmio64Mb=0 with an untrusted width)', () => {
    const result = plan(aVm({
      cpu: { vendor: 'intel', physBits: 40, pdpe1gb: true }, firmware: { edk2: 'edk2-stable202211', fwCfg: { 'opt/ovmf/X-PciMmio64Mb': '0' } },
      pci: { devices: [gpu('gpu0', 256n * MiB)], emptyRootPorts: 0 },
    }));
    expect(result.devices!.outcome).toBe('below-4g');
    // BAR 1 (256 MiB) and BAR 3 (32 MiB) are degraded; BAR 0 (16 MiB) was 32-bit already: 304 MiB below 4 GiB.
    expect(result.findings.find((f) => f.code === 'ovmf_bars_below_4g')).toEqual({ code: 'ovmf_bars_below_4g', devices: ['gpu0'], total: 288n * MiB });
    expect(result.findings.some((f) => f.code === 'ovmf_bars_exceed_32bit_window')).toBe(false);
  });
});

describe('hot-plug padding (OvmfPkg PciHotPlugInitDxe GetResourcePadding)', () => {
  it('is absent before edk2-stable202211 and for ports with hotplug off', () => {
    // Intel 40 is untrusted, so the knob's classic 64 GiB window is published in both releases (ovmf.md §3.4).
    const at = (edk2: 'edk2-stable202208' | 'edk2-stable202211', hotplug: boolean) => plan(aVm({
      cpu: { vendor: 'intel', physBits: 40, pdpe1gb: true }, firmware: { edk2, fwCfg: { 'opt/ovmf/X-PciMmio64Mb': '65536' } },
      pci: { devices: [gpu('gpu0', 256n * MiB, { hotplug })], emptyRootPorts: 0 },
    })).devices!.ports[0]!.padding;
    // 64 GiB window: 2^⌈log2(64 GiB/256)⌉ = 256 MiB (ovmf.md §3.5's example), only from 202211 and only on hot-plug ports.
    expect(at('edk2-stable202211', true)).toBe(256n * MiB);
    expect(at('edk2-stable202211', false)).toBeNull();
    expect(at('edk2-stable202208', true)).toBeNull();
  });

  it('follows QEMU\'s pref64-reserve hint rounded up to a power of two, and 0 leaves the default', () => {
    const padding = (pref64Reserve: bigint | null) => plan(twoGpus(46, [gpu('gpu0', 256n * MiB, { pref64Reserve })])).devices!.ports[0]!.padding;
    expect(padding(3n * GiB)).toBe(4n * GiB);
    expect(padding(0n)).toBe(32n * GiB);
    expect(padding(null)).toBe(32n * GiB);
  });
});

