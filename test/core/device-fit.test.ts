/**
 * The smallest knob and the smallest trusted phys-bits that make devices fit, and the per-release answer, for the
 * gpu-4x preset's VM (presets/vms/gpu-4x.json) as `plan --firmware edk2-stable202211 --vendor intel --phys-bits 40`
 * makes it: q35, 128 GiB of RAM (2 GiB below 4 GiB, 126 GiB from 4 GiB: RAM top 130 GiB), 4 NVIDIA L40S (BARs of 16 MiB
 * 32-bit, 64 GiB and 32 MiB 64-bit prefetchable) each behind a hot-plug root port, then 2 empty hot-plug root ports.
 */
import { describe, expect, it } from 'vitest';
import { aVm } from '../builders.js';
import { plan } from '../../src/core/plan.js';
import { deviceAdvice, devicesFit, fitsByRelease, smallestKnob, smallestTrustedPhysBits, withKnob } from '../../src/core/pci/device-fit.js';
import { EDK2_TAGS, type Edk2Tag, behaviourKey, ovmfRules } from '../../src/core/ovmf/releases.js';
import type { PciDevice } from '../../src/core/pci/devices.js';
import { GiB, MiB, TiB } from '../../src/core/units.js';

const l40s = (i: number): PciDevice => ({
  name: `nvidia-l40s#${i}`, model: 'nvidia-l40s', vga: false, attach: 'root-port', hotplug: true, pref64Reserve: null,
  bars: [
    { index: 0, size: 16n * MiB, is64: false, prefetchable: false },
    { index: 1, size: 64n * GiB, is64: true, prefetchable: true },
    { index: 3, size: 32n * MiB, is64: true, prefetchable: true },
  ],
});

const gpu4x = aVm({
  memory: 128n * GiB,
  cpu: { vendor: 'intel', physBits: 40, pdpe1gb: true },
  firmware: { edk2: 'edk2-stable202211' },
  pci: { devices: [1, 2, 3, 4].map(l40s), emptyRootPorts: 2 },
});

describe('the 4-GPU VM on edk2-stable202211 with Intel phys-bits 40 (issue 11\'s done-when)', () => {
  it('does not fit the classic 32 GiB window', () => {
    // Untrusted width: classic 32 GiB at RU(130 GiB, 32 GiB) = 160 GiB. No padding (32 GiB is not above 32 GiB).
    const devices = plan(gpu4x).devices!;
    expect(devices.aperture).toEqual({ base: 160n * GiB, size: 32n * GiB });
    // Four 64 GiB + 32 MiB windows at 0, 128, 256 and 384 GiB: 448 GiB + 32 MiB.
    expect(devices.request).toEqual({ length: 448n * GiB + 32n * MiB, alignment: 64n * GiB });
    expect(devices.rejections.map((r) => r.kind === 'device' && r.device)).toEqual(['nvidia-l40s#4', 'nvidia-l40s#3', 'nvidia-l40s#2', 'nvidia-l40s#1']);
  });

  it('fits with X-PciMmio64Mb=464896 (454 GiB) and no smaller value', () => {
    // At 454 GiB each hot-plug port pads to 2^⌈log2(454 GiB/256)⌉ = 2 GiB: the GPU windows keep 64 GiB + 32 MiB, the
    // empty ports take 2 GiB each from the next 2 GiB boundary (450 GiB): 454 GiB. The base is RU(130 GiB, 256 GiB)
    // = 256 GiB (256 GiB is the largest power of two ≤ 454 GiB), the end 710 GiB, below 2^40. At 453 GiB the request
    // is still 454 GiB.
    const fix = smallestKnob(gpu4x)!;
    expect(fix.mib).toBe(464896n);
    expect(fix.plan.ovmf!.pci64Aperture).toEqual({ base: 256n * GiB, size: 454n * GiB });
    expect(fix.plan.devices!.outcome).toBe('placed');
    expect(plan(withKnob(gpu4x, 453n * GiB)).devices!.outcome).toBe('partial');
  });

  it('fits with phys-bits 42, the smallest width OVMF trusts that holds them', () => {
    // 41 is trusted but its dynamic window is 2^38 = 256 GiB; 42 gives 2^39 = 512 GiB at [3.5 TiB, 4 TiB), where the
    // 454 GiB request (2 GiB paddings again: 512 GiB/256) starts at 3.5 TiB.
    const fix = smallestTrustedPhysBits(gpu4x)!;
    expect(fix.physBits).toBe(42);
    expect(fix.plan.devices!.block).toEqual({ base: 3n * TiB + 512n * GiB, size: 454n * GiB });
  });

  it('does not fit under any modelled release as it stands, and fits from 202211 on with phys-bits 42', () => {
    expect(fitsByRelease(gpu4x)).toEqual([{ from: 'edk2-stable201808', to: 'edk2-stable202608', fits: false, apertureSize: 32n * GiB }]);
    expect(fitsByRelease({ ...gpu4x, cpu: { ...gpu4x.cpu, physBits: 42 } })).toEqual([
      { from: 'edk2-stable201808', to: 'edk2-stable202208', fits: false, apertureSize: 32n * GiB },
      { from: 'edk2-stable202211', to: 'edk2-stable202608', fits: true, apertureSize: 512n * GiB },
    ]);
  });

  it('offers no knob when any aperture large enough would end beyond phys-bits', () => {
    // 4 × 128 GiB BARs need 896 GiB + 32 MiB; the classic base of a ≥ 896 GiB window is 512 GiB at least, so it ends
    // past 1 TiB = 2^40, which the vCPU cannot address.
    const big = { ...gpu4x, pci: { devices: gpu4x.pci.devices.map((d) => ({ ...d, bars: d.bars.map((b) => (b.index === 1 ? { ...b, size: 128n * GiB } : b)) })), emptyRootPorts: 0 } };
    expect(smallestKnob(big)).toBeNull();
    expect(deviceAdvice(big, plan(big))!.fixes!.physBits!.physBits).toBe(43);
  });
});

describe('the scan over releases plans each distinct rule set once', () => {
  // The reference: every tag planned on its own, its answer read from the plan, against the span that names the tag.
  const vms = [36, 39, 40, 41, 42, 46, 48].flatMap((physBits) => (['intel', 'amd'] as const).flatMap((vendor) =>
    (['x64', 'ia32x64', 'ia32'] as const).map((build) => ({ ...gpu4x, cpu: { ...gpu4x.cpu, vendor, physBits }, firmware: { ...gpu4x.firmware, build } }))));

  it('gives every tag the answer its own plan gives, for 42 VMs (widths, vendors, builds)', () => {
    for (const vm of vms) {
      const spans = fitsByRelease(vm);
      for (const edk2 of EDK2_TAGS) {
        const span = spans.find((s) => EDK2_TAGS.indexOf(s.from) <= EDK2_TAGS.indexOf(edk2) && EDK2_TAGS.indexOf(edk2) <= EDK2_TAGS.indexOf(s.to));
        if (vm.firmware.build === 'ia32' && !ovmfRules(edk2).ia32Build) {
          expect(span).toBeUndefined();
          continue;
        }
        const own = plan({ ...vm, firmware: { ...vm.firmware, edk2, backports: [] } });
        expect([edk2, span?.fits, span?.apertureSize]).toEqual([edk2, devicesFit(own), own.ovmf?.pci64Aperture?.size ?? null]);
      }
    }
  });

  it('groups the tags by what their rules decide: tags with one key plan alike but for the labels', () => {
    const byKey = new Map<string, Edk2Tag[]>();
    for (const tag of EDK2_TAGS) byKey.set(behaviourKey(ovmfRules(tag)), [...(byKey.get(behaviourKey(ovmfRules(tag))) ?? []), tag]);
    // 35 tags (33 mainline, 2 point tags): 201808–202002 share one set, 202005–202202 the next (98800cce65c4's
    // uint32 knob parser), 202205–202208 the next (e23f8f52fd1e, 2b80269d9862), and a point tag shares its base's.
    expect([EDK2_TAGS.length, byKey.size]).toEqual([35, 12]);
    expect([...byKey.values()].slice(0, 3)).toEqual([EDK2_TAGS.slice(0, 7), EDK2_TAGS.slice(7, 15), ['edk2-stable202205', 'edk2-stable202208']]);
    expect(byKey.get(behaviourKey(ovmfRules('edk2-stable202408.01')))).toEqual(['edk2-stable202408', 'edk2-stable202408.01']);
    const unlabelled = (p: ReturnType<typeof plan>) => ({ layout: p.qemu, devices: p.devices, aperture: p.ovmf?.pci64Aperture, width: p.ovmf?.physMemAddressWidth, codes: p.findings.map((f) => f.code) });
    for (const tags of byKey.values()) {
      for (const vm of vms.filter((_, i) => i % 5 === 0)) {
        const [first, ...rest] = tags.map((edk2) => unlabelled(plan({ ...vm, firmware: { ...vm.firmware, edk2, backports: [] } })));
        for (const other of rest) expect(other).toEqual(first);
      }
    }
  });
});
