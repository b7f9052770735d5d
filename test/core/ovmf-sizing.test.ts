/** The worked vectors of shared/spec/ovmf.md §7 (QEMU q35/pc rows), each step asserted where the spec names it. */
import { describe, expect, it } from 'vitest';
import { type FirmwareView, ovmfSizing } from '../../src/core/ovmf/sizing.js';
import type { E820Entry } from '../../src/core/findings.js';
import type { FirmwareSpec, GuestCpu } from '../../src/core/spec.js';
import type { Edk2Tag } from '../../src/core/ovmf/releases.js';
import { g, t } from '../builders.js';

const HT: E820Entry = { base: 0xfd_0000_0000n, size: g(12), type: 'reserved' };

interface Case {
  above?: bigint;
  reservedEnd?: bigint;
  knob?: string;
  cpu?: Partial<GuestCpu>;
  ht?: boolean;
  hotplug?: { base: bigint; size: bigint };
  firmware?: Partial<FirmwareSpec>;
}

/** RAM below 4 GiB is 2 GiB in every row (it never affects these outputs); `above` is mapped from 4 GiB. */
function size(tag: Edk2Tag, c: Case = {}) {
  const e820: E820Entry[] = [
    ...(c.ht ? [HT] : []),
    { base: 0n, size: g(2), type: 'ram' },
    ...(c.above ? [{ base: g(4), size: c.above, type: 'ram' as const }] : []),
  ];
  const cpu = { vendor: 'intel' as const, longMode: true, physBits: 40, guestPhysBits: 0, pdpe1gb: true, la57: false, ...c.cpu };
  const view: FirmwareView = {
    e820,
    reservedMemoryEnd: c.reservedEnd ?? null,
    cpu,
    // The spec's vectors are QEMU before 10.1: leaf 0x80000000 carries the vendor (machine-types.ts).
    vendorSignature: cpu.vendor,
    hotplug: c.hotplug ?? null,
  };
  const fwCfg: Record<string, string> = c.knob === undefined ? {} : { 'opt/ovmf/X-PciMmio64Mb': c.knob };
  return ovmfSizing(view, { edk2: tag, build: 'x64', fiveLevelPaging: false, fwCfg, ...c.firmware });
}

const aperture = (s: ReturnType<typeof size>) => s.pci64Aperture && [s.pci64Aperture.base, s.pci64Aperture.size];
const codes = (s: ReturnType<typeof size>) => s.findings.map((f) => f.code);

const C_NEW: Edk2Tag = 'edk2-stable202208';
const C_OLD: Edk2Tag = 'edk2-stable201911';
const D22: Edk2Tag = 'edk2-stable202211';
const D23A: Edk2Tag = 'edk2-stable202302';
const D23B: Edk2Tag = 'edk2-stable202308';
const D24B: Edk2Tag = 'edk2-stable202408';
const D24C: Edk2Tag = 'edk2-stable202411';
const D25: Edk2Tag = 'edk2-stable202505';

describe('ovmfSizing, classic path (ovmf.md §7 rows 1–15)', () => {
  it.each<[string, Edk2Tag, Case, [bigint, bigint] | null, number]>([
    ['#1 default window after 2 GiB of RAM', C_NEW, {}, [g(32), g(32)], 36],
    ['#2 top of RAM exactly 32 GiB', C_NEW, { above: g(28) }, [g(32), g(32)], 36],
    ['#3 one MiB more moves the window and adds a bit', C_NEW, { above: g(28) + 1048576n }, [g(64), g(32)], 37],
    ['#4 top 34 GiB', C_NEW, { above: g(30) }, [g(64), g(32)], 37],
    ['#5 48 GiB knob: aligned only to 32 GiB', C_NEW, { above: g(6), knob: '49152' }, [g(32), g(48)], 37],
    ['#6 48 GiB knob above 40 GiB of RAM top', C_NEW, { above: g(36), knob: '49152' }, [g(64), g(48)], 37],
    ['#7 1000 MiB rounds up to 1 GiB', C_NEW, { above: g(6), knob: '1000' }, [g(10), g(1)], 36],
    ['#8 knob 0 disables the aperture', C_NEW, { above: g(6), knob: '0' }, null, 36],
    ['#9a "0x10000" is malformed from 202005: default kept', C_NEW, { above: g(6), knob: '0x10000' }, [g(32), g(32)], 36],
    ['#9b "0x10000" reads as 0 before 202005: disabled', C_OLD, { above: g(6), knob: '0x10000' }, null, 36],
    ['#10a 16 TiB is the largest knob', C_NEW, { above: g(6), knob: '16777216' }, [t(16), t(16)], 45],
    ['#10b one MiB more is malformed', C_NEW, { above: g(6), knob: '16777217' }, [g(32), g(32)], 36],
    ['#11 hotplug end 64 GiB', C_NEW, { above: g(6), reservedEnd: g(64) }, [g(64), g(32)], 37],
    ['#12 hotplug end 65 GiB: end 128 GiB is a power of two, no +1', C_NEW, { above: g(6), reservedEnd: g(65) }, [g(96), g(32)], 37],
    ['#13 hotplug end 129 GiB', C_NEW, { above: g(6), reservedEnd: g(129) }, [g(160), g(32)], 38],
    ['#14 hotplug end 250 TiB with a 16 TiB knob', 'edk2-stable202205', { above: g(6), reservedEnd: t(250), knob: '16777216' }, [t(256), t(16)], 49],
  ])('%s', (_name, tag, c, want, width) => {
    const s = size(tag, c);
    expect(aperture(s)).toEqual(want);
    expect(s.physMemAddressWidth).toBe(width);
    expect(s.window).toBe(want ? 'classic' : 'disabled');
  });

  it('#9a reports the malformed knob, with the value OVMF ignored', () => {
    expect(size(C_NEW, { above: g(6), knob: '0x10000' }).findings).toEqual([
      { code: 'ovmf_knob_malformed', name: 'opt/ovmf/X-PciMmio64Mb', value: '0x10000' },
    ]);
  });

  it('#14 passes the X64 PEI maximum of 52 but not the IA32 PEI maximum of 48', () => {
    // phys-bits 52 so that the vCPU reaches the aperture's end at 272 TiB (the classic path ignores CPUID).
    const c: Case = { above: g(6), reservedEnd: t(250), knob: '16777216', cpu: { physBits: 52 } };
    expect(codes(size('edk2-stable202205', c))).toEqual([]);
    // Ia32X64 at 202205 also maps with 2 MiB pages: 2^(49−39) PML4 entries × (512 + 1) + 1 = 525313 pages.
    expect(size('edk2-stable202205', { ...c, firmware: { build: 'ia32x64' } }).findings).toEqual([
      { code: 'ovmf_width_above_pei_max', width: 49, max: 48 },
      { code: 'ovmf_page_tables_large', width: 49, bytes: 525313n * 4096n, uses1GPages: false },
    ]);
    // Before 202205 the X64 PEI asserted ≤ 48 too (e23f8f52fd), and OvmfPkgX64 still mapped with 2 MiB pages (2b80269d9862).
    expect(codes(size('edk2-stable202202', c))).toEqual(['ovmf_width_above_pei_max', 'ovmf_page_tables_large']);
  });

  it('#15 OvmfPkgIa32 (32-bit DXE) publishes no aperture and width 36', () => {
    const s = size(C_NEW, { above: g(6), firmware: { build: 'ia32' } });
    expect(s.window).toBe('none');
    expect(s.pci64Aperture).toBeNull();
    expect(s.physMemAddressWidth).toBe(36);
  });

  it('#3 keeps every classic step: RAM top, size, base and FirstNonAddress', () => {
    const s = size(C_NEW, { above: g(28) + 1048576n });
    expect(s.classic).toMatchObject({ ramTop: g(32) + 1048576n, requestedSize: g(32), hotplugEnd: null, firstNonAddress: g(96), width: 37 });
  });
});

describe('ovmfSizing, trusted CPUID width (ovmf.md §7 rows 16–36)', () => {
  it.each<[string, Edk2Tag, Case, string, [bigint, bigint] | null, number]>([
    ['#16 Intel 40 is not trusted', D22, { above: g(6) }, 'classic', [g(32), g(32)], 36],
    ['#17 Hygon 40 is not trusted', D22, { above: g(6), cpu: { vendor: 'hygon' } }, 'classic', [g(32), g(32)], 36],
    ['#18 Intel 39: 1/8 of 512 GiB at the top', D22, { above: g(6), cpu: { physBits: 39 } }, 'dynamic', [g(448), g(64)], 39],
    ['#19 Intel 36: 32 GiB is not below 8 GiB, classic kept', D22, { above: g(6), cpu: { physBits: 36 } }, 'classic', [g(32), g(32)], 36],
    ['#20 Intel 36 with 30 GiB above: classic window outside 2^36', D22, { above: g(30), cpu: { physBits: 36 } }, 'classic', [g(64), g(32)], 36],
    ['#21a AMD 40 in 202211: window over the HyperTransport hole', D22, { above: g(6), ht: true, cpu: { vendor: 'amd', pdpe1gb: false } }, 'dynamic', [g(896), g(128)], 40],
    ['#21b AMD 40 from 202302: moved below it', D23A, { above: g(6), ht: true, cpu: { vendor: 'amd' } }, 'dynamic', [g(768), g(128)], 40],
    ['#22 Intel 46', D22, { above: g(6), cpu: { physBits: 46 } }, 'dynamic', [t(56), t(8)], 46],
    ['#23a AMD 48 in 202211: cap 47', D22, { above: g(6), cpu: { vendor: 'amd', physBits: 48 } }, 'dynamic', [t(112), t(16)], 47],
    ['#23b AMD 48 from 202308: cap 46', D23B, { above: g(6), cpu: { vendor: 'amd', physBits: 48 } }, 'dynamic', [t(56), t(8)], 46],
    ['#24 Intel 42 without 1 GiB pages: cap 40', D22, { above: g(6), cpu: { physBits: 42, pdpe1gb: false } }, 'dynamic', [g(896), g(128)], 40],
    ['#25 Ia32X64 in 202211, Intel 46', D22, { above: g(6), cpu: { physBits: 46 }, firmware: { build: 'ia32x64' } }, 'dynamic', [t(56), t(8)], 46],
    ['#26a knob 0 does not disable the window (202211–202502)', D24C, { above: g(6), knob: '0', cpu: { physBits: 39 } }, 'dynamic', [g(448), g(64)], 39],
    ['#26b knob 0 overrides and disables it (202505)', D25, { above: g(6), knob: '0', cpu: { physBits: 39 } }, 'disabled', null, 39],
    ['#27a 64 GiB knob is only a minimum', D24C, { above: g(6), knob: '65536', cpu: { physBits: 46 } }, 'dynamic', [t(56), t(8)], 46],
    ['#27b 64 GiB knob overrides (202505)', D25, { above: g(6), knob: '65536', cpu: { physBits: 46 } }, 'override', [g(64), g(64)], 46],
    ['#28 1000 MiB knob overrides (202505)', D25, { above: g(6), knob: '1000', cpu: { physBits: 39 } }, 'override', [g(10), g(1)], 39],
    ['#28 1000 MiB knob loses to the dynamic window before 202505', D22, { above: g(6), knob: '1000', cpu: { physBits: 39 } }, 'dynamic', [g(448), g(64)], 39],
    ['#29 16 TiB knob is not below 8 TiB: classic', D22, { above: g(6), knob: '16777216', cpu: { physBits: 46 } }, 'classic', [t(16), t(16)], 46],
    ['#30a hotplug end 400 GiB: 416 + 64 < 512, dynamic', D22, { above: g(6), reservedEnd: g(400), cpu: { physBits: 39 } }, 'dynamic', [g(448), g(64)], 39],
    ['#30b hotplug end 420 GiB: 448 + 64 = 512 is not < 512, classic', D22, { above: g(6), reservedEnd: g(420), cpu: { physBits: 39 } }, 'classic', [g(448), g(32)], 39],
    ['#31a 800 GiB above with AMD 40: the second move wraps', D23A, { above: g(800), ht: true, cpu: { vendor: 'amd' } }, 'dynamic', [0xffff_ffe0_0000_0000n, g(128)], 40],
    ['#31b the same in 202211: over the HyperTransport hole', D22, { above: g(800), ht: true, cpu: { vendor: 'amd' } }, 'dynamic', [g(896), g(128)], 40],
    ['#32 hotplug end 800 GiB with AMD 40: moved into the hotplug area', D23A, { above: g(6), reservedEnd: g(800), ht: true, hotplug: { base: g(10), size: g(790) }, cpu: { vendor: 'amd' } }, 'dynamic', [g(768), g(128)], 40],
    ['#33 AMD 52 with GuestPhysBits 48: cap 46', D24B, { above: g(6), cpu: { vendor: 'amd', physBits: 52, guestPhysBits: 48 } }, 'dynamic', [t(56), t(8)], 46],
    ['#34 la57 build, GuestPhysBits 52, 1.5 TiB: 52 bits', D24B, { above: g(1536), cpu: { vendor: 'amd', physBits: 52, guestPhysBits: 52, la57: true }, firmware: { fiveLevelPaging: true } }, 'dynamic', [0xe_0000_0000_0000n, 0x2_0000_0000_0000n], 52],
    ['#35a la57 build, small guest: back to 4-level, cap 46', D24C, { above: g(6), cpu: { physBits: 52, la57: true }, firmware: { fiveLevelPaging: true } }, 'dynamic', [t(56), t(8)], 46],
    ['#35b PagingLevel=5 keeps 5-level: cap 48', D25, { above: g(6), cpu: { physBits: 52, la57: true }, firmware: { fiveLevelPaging: true, fwCfg: { 'opt/org.tianocore/PagingLevel': '5' } } }, 'dynamic', [t(224), t(32)], 48],
    ['#36 Intel 40 with GuestPhysBits 39: trusted, 39', D24B, { above: g(6), cpu: { physBits: 40, guestPhysBits: 39 } }, 'dynamic', [g(448), g(64)], 39],
  ])('%s', (_name, tag, c, window, want, width) => {
    const s = size(tag, c);
    expect(s.window).toBe(window);
    expect(aperture(s)).toEqual(want);
    expect(s.physMemAddressWidth).toBe(width);
  });

  it('#18 keeps FirstNonAddress at the classic 64 GiB in 202211 and at 2^39 from 202302', () => {
    expect(size(D22, { above: g(6), cpu: { physBits: 39 } }).firstNonAddress).toBe(g(64));
    expect(size(D23A, { above: g(6), cpu: { physBits: 39 } }).firstNonAddress).toBe(g(512));
  });

  it('reports a classic window beyond the vCPU\'s phys-bits: 37 bits cannot reach a 128 GiB aperture at 128 GiB', () => {
    // knob 131072 MiB = 128 GiB; RAM top 10 GiB → base RU(10 G, 128 G) = 128 G, end 256 G = 2^38 > 2^37.
    expect(size(D22, { above: g(6), knob: '131072', cpu: { physBits: 37 } }).findings).toEqual([
      { code: 'ovmf_width_untrusted', physBits: 37 },
      { code: 'ovmf_aperture_beyond_phys_bits', aperture: { base: g(128), size: g(128) }, physBits: 37 },
    ]);
  });

  it('#20 reports the classic window outside 2^36 as an error', () => {
    expect(size(D22, { above: g(30), cpu: { physBits: 36 } }).findings).toEqual([
      { code: 'ovmf_aperture_beyond_width', aperture: { base: g(64), size: g(32) }, width: 36 },
    ]);
  });

  it('#21a reports the overlap with the reserved HyperTransport range (BZ 4251)', () => {
    expect(size(D22, { above: g(6), ht: true, cpu: { vendor: 'amd', pdpe1gb: false } }).findings).toEqual([
      { code: 'ovmf_aperture_overlaps_e820', aperture: { base: g(896), size: g(128) }, entry: HT },
    ]);
  });

  it('#21b records the move from 896 GiB to 768 GiB', () => {
    expect(size(D23A, { above: g(6), ht: true, cpu: { vendor: 'amd' } }).moves).toEqual([{ entry: HT, from: g(896), to: g(768), wrapped: false }]);
  });

  it('#31a records both moves and flags the wrapped aperture', () => {
    const s = size(D23A, { above: g(800), ht: true, cpu: { vendor: 'amd' } });
    expect(s.moves.map((move) => [move.from, move.to, move.wrapped])).toEqual([
      [g(896), g(768), false],
      [g(768), 0xffff_ffe0_0000_0000n, true],
    ]);
    expect(codes(s)).toEqual(['ovmf_aperture_wrapped']);
  });

  it('#32 flags the overlap with the memory-hotplug area', () => {
    expect(codes(size(D23A, { above: g(6), reservedEnd: g(800), ht: true, hotplug: { base: g(10), size: g(790) }, cpu: { vendor: 'amd' } })))
      .toEqual(['ovmf_aperture_overlaps_hotplug']);
  });

  it('#23a and #23b report the cap with the width QEMU reported', () => {
    expect(size(D22, { above: g(6), cpu: { vendor: 'amd', physBits: 48 } }).findings).toEqual([
      { code: 'ovmf_width_capped', reported: 48, width: 47, reason: 'paging-47' },
    ]);
    expect(size(D23B, { above: g(6), cpu: { vendor: 'amd', physBits: 48 } }).findings).toEqual([
      { code: 'ovmf_width_capped', reported: 48, width: 46, reason: 'paging-46' },
    ]);
  });

  it('#26a and #27a say the knob did not act as the user meant', () => {
    expect(codes(size(D24C, { above: g(6), knob: '0', cpu: { physBits: 39 } }))).toEqual(['ovmf_knob_zero_ignored']);
    expect(size(D24C, { above: g(6), knob: '65536', cpu: { physBits: 46 } }).findings).toEqual([
      { code: 'ovmf_knob_below_dynamic', knobSize: g(64), windowSize: t(8) },
    ]);
  });

  it('#25 reports the 256.5 MiB identity map of the 202211 Ia32X64 build (2 MiB pages), gone in 202308', () => {
    // 2^(46−39) = 128 PML4 entries, each with a full PDPT of 512 page directories: (512 + 1) × 128 + 1 = 65665 pages.
    const c: Case = { above: g(6), cpu: { physBits: 46 }, firmware: { build: 'ia32x64' } };
    expect(size(D22, c).findings).toEqual([{ code: 'ovmf_page_tables_large', width: 46, bytes: 65665n * 4096n, uses1GPages: false }]);
    expect(size(D22, c).pageTables).toEqual({ bytes: 268963840n, uses1GPages: false });
    // 202308 turns PcdUse1GPageTable on for Ia32X64: 128 + 1 pages.
    expect(size(D23B, c).pageTables).toEqual({ bytes: 129n * 4096n, uses1GPages: true });
  });

  it('counts page tables level by level from 202405: levels 5/4/3/2 = 1 + 1 + 2 + 1024 pages for width 40 without 1 GiB pages', () => {
    expect(size('edk2-stable202405', { above: g(6), cpu: { physBits: 42, pdpe1gb: false } }).pageTables).toEqual({ bytes: 1028n * 4096n, uses1GPages: false });
  });

  it('#16 says why the classic window was used on a release that can trust CPUID', () => {
    expect(size(D22, { above: g(6) }).findings).toEqual([{ code: 'ovmf_width_untrusted', physBits: 40 }]);
    expect(size(C_NEW, { above: g(6) }).findings).toEqual([]);
  });

  it('#35b: the knob spelled for 202505 is not read by 202411, which downgrades to 4-level', () => {
    const c: Case = { above: g(6), cpu: { physBits: 52, la57: true }, firmware: { fiveLevelPaging: true, fwCfg: { 'opt/org.tianocore/PagingLevel': '5' } } };
    const s = size(D24C, c);
    expect(s.paging).toEqual({ levels: 4, reason: 'small-guest' });
    expect(s.findings).toContainEqual({ code: 'ovmf_knob_not_read', name: 'opt/org.tianocore/PagingLevel', readsName: 'opt/org.tianocode/PagingLevel', reason: 'release' });
  });
});
