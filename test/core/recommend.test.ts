/** The recommendation on the pool presets, each expected value derived by hand in the comments. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { candidateSettings, recommend } from '../../src/core/pool/recommend.js';
import { poolFromJson } from '../../src/input/pool-file.js';
import { firmwarePresetFromJson } from '../../src/input/firmware-preset.js';
import { isInputError } from '../../src/input/input-error.js';
import type { PoolSpec } from '../../src/core/spec.js';
import { aHost, aPool, aVm, g, t } from '../builders.js';

const firmware = ['debian-12', 'debian-13', 'ubuntu-24.04', 'fedora-41'].map((name) => {
  const preset = firmwarePresetFromJson(readFileSync(new URL(`../../presets/firmware/${name}.json`, import.meta.url), 'utf8'), name);
  if (isInputError(preset)) throw new Error(preset.message);
  return preset;
});

function poolPreset(name: string): PoolSpec {
  const pool = poolFromJson(readFileSync(new URL(`../../presets/pools/${name}.json`, import.meta.url), 'utf8'), name, firmware);
  if (isInputError(pool)) throw new Error(pool.message);
  return pool;
}

const v72 = { major: 7, minor: 2 };

describe('recommend', () => {
  it('searches 21 fixed widths, host-phys-bits, and every limit below the widest host', () => {
    // 32..52 fixed, host without limit, limits 32..45 for a 46-bit pool.
    expect(candidateSettings(aPool(aHost({ physBits: 46 })))).toHaveLength(21 + 1 + 14);
  });

  it('gpu-2x on the mixed pool: nothing passes, since every setting moves the guest between Intel and AMD', () => {
    // Issue 17: the pool has Intel and AMD hosts, and a VM that does not pin its vendor sees each host's.
    const vm = aVm({ machineVersion: v72, memory: g(32), firmware: { fwCfg: { 'opt/ovmf/X-PciMmio64Mb': '131072' } } });
    const { best, passing } = recommend(vm, poolPreset('mixed-39-46-48'));
    expect([best, passing]).toEqual([null, 0]);
  });

  it('gpu-2x pinned to Intel on the mixed pool: phys-bits 39, runner-up host-phys-bits with limit 39', () => {
    // 32 GiB RAM, X-PciMmio64Mb = 128 GiB: RAM top 34 GiB, so the classic aperture is [128 G, 256 G) on every host.
    // 40 and up: the 39-bit desktops see more bits than they have. 36: Intel trusts it, the window [128 G, 256 G)
    // ends above 2^36. 37, 38: untrusted, and 37 cannot reach 256 G. 38 and 39 both give 128 GiB everywhere (39:
    // trusted, the knob is a minimum over the 64 GiB dynamic window on 202211 to 202408), and the pinned Intel vendor
    // makes OVMF trust 39 on all 14 machines, the EPYCs included, so 39 wins; host-phys-bits with limit 39 gives every
    // host 39 too, the same result with a host-dependent ABI.
    const vm = aVm({ machineVersion: v72, memory: g(32), cpu: { vendor: 'intel', vendorPinned: true }, firmware: { fwCfg: { 'opt/ovmf/X-PciMmio64Mb': '131072' } } });
    const { best, runnerUp, passing } = recommend(vm, poolPreset('mixed-39-46-48'));
    expect(best?.setting).toEqual({ kind: 'fixed', physBits: 39 });
    expect([best?.worstAperture, best?.trustedMachines]).toEqual([g(128), 14]);
    expect(runnerUp?.setting).toEqual({ kind: 'host', limit: 39 });
    // 38, 39, and host-phys-bits limits 38 and 39.
    expect(passing).toBe(4);
  });

  it('64 GiB on the uniform 46-bit pool: phys-bits 46 gives every host the 8 TiB dynamic window', () => {
    // Intel 46 trusted (edk2-stable202402 x64, 1 GiB pages): window 2^43 = 8 TiB at 56 TiB. 47+ exceeds the hosts.
    const { best } = recommend(aVm({ machineVersion: { major: 8, minor: 2 }, memory: g(64), cpu: { pdpe1gb: true } }), poolPreset('uniform-intel-46'));
    expect(best?.setting).toEqual({ kind: 'fixed', physBits: 46 });
    expect(best?.worstAperture).toBe(t(8));
    expect(best?.report.groups[0]?.plan?.ovmf?.pci64Aperture).toEqual({ base: t(56), size: t(8) });
  });

  it('64 GiB on the firmware mix: the classic-only hosts cap every setting at 32 GiB, so the smallest trusted width, 39', () => {
    // RAM top 66 GiB: classic [96 G, 128 G) on edk2-stable202208 whatever the width. 36: trusted by 202211+, and that
    // classic window ends above 2^36. 37, 38, 40: untrusted everywhere. 39 and 41..46: trusted on the 5 newer hosts,
    // each with a 32 GiB worst case; 39 is the smallest.
    const { best } = recommend(aVm({ machineVersion: v72, memory: g(64) }), poolPreset('firmware-mix'));
    expect(best?.setting).toEqual({ kind: 'fixed', physBits: 39 });
    expect([best?.worstAperture, best?.trustedMachines]).toEqual([g(32), 5]);
  });

  it('without 1 GiB pages in the VM\'s CPU model every trusted width is capped at 40, so the smallest trusted width, 41, wins', () => {
    // 41..46 all become 40 (no 1 GiB pages): a 128 GiB window at 896 GiB on every host; 41 is the smallest.
    const { best } = recommend(aVm({ machineVersion: { major: 8, minor: 2 }, memory: g(64), cpu: { pdpe1gb: false } }), poolPreset('uniform-intel-46'));
    expect([best?.setting, best?.worstAperture]).toEqual([{ kind: 'fixed', physBits: 41 }, g(128)]);
  });

  it('finds nothing when no width fits every host: a 512 GiB knob on 39-bit hosts', () => {
    // X-PciMmio64Mb = 512 GiB: the aperture is 512 GiB-aligned, so it starts at 512 GiB = 2^39 at the earliest.
    const vm = aVm({ machineVersion: v72, memory: g(8), firmware: { fwCfg: { 'opt/ovmf/X-PciMmio64Mb': '524288' } } });
    const result = recommend(vm, aPool(aHost({ physBits: 39 })));
    expect(result.best).toBeNull();
    expect(result.passing).toBe(0);
  });
});
