/**
 * explainRecommendation and firmwareBlockers: the reason line of `pool recommend`, which names the firmware when it is
 * what fails every setting (issue 7). Sizes are Debian's (presets/firmware/debian-1{2,3}.json): OVMF.fd 2097152 bytes
 * in Debian 12, 4194304 in Debian 13; CODE 1966080 / VARS 131072 (2 MiB build), 3653632 / 540672 (4 MiB build).
 */
import { describe, expect, it } from 'vitest';
import { explainRecommendation, firmwareBlockers } from '../../src/render/recommend-reason.js';
import { recommend } from '../../src/core/pool/recommend.js';
import { checkPool } from '../../src/core/pool/check.js';
import type { FirmwareImage, FirmwareSpec } from '../../src/core/spec.js';
import { aHost, aPool, aVm, g } from '../builders.js';

const BIOS = '/usr/share/qemu/OVMF.fd';
const CODE = '/usr/share/OVMF/OVMF_CODE.fd';
const VARS = '/usr/share/OVMF/OVMF_VARS.fd';
const CODE_4M = '/usr/share/OVMF/OVMF_CODE_4M.fd';
const VARS_4M = '/usr/share/OVMF/OVMF_VARS_4M.fd';

const image = (path: string, role: FirmwareImage['role'], flash: FirmwareImage['flash'], size: bigint): FirmwareImage =>
  ({ path, role, build: 'x64', flash, secureBoot: false, smm: false, size, edk2: 'edk2-stable202211', package: null });

/** Half a pool upgraded from Debian 12 (2 MiB and 4 MiB images) to Debian 13 (4 MiB only, OVMF.fd grown). */
const pool = aPool(
  aHost({ name: 'deb12-1', qemuVersion: { major: 7, minor: 2 }, firmware: { edk2: 'edk2-stable202211', build: 'x64' }, images: [
    image(CODE, 'code', '2m', 1966080n), image(VARS, 'vars', '2m', 131072n), image(CODE_4M, 'code', '4m', 3653632n), image(VARS_4M, 'vars', '4m', 540672n), image(BIOS, 'unified', '2m', 2097152n),
  ] }),
  aHost({ name: 'deb13-1', qemuVersion: { major: 10, minor: 0 }, firmware: { edk2: 'edk2-stable202502', build: 'x64' }, images: [
    image(CODE_4M, 'code', '4m', 3653632n), image(VARS_4M, 'vars', '4m', 540672n), image(BIOS, 'unified', '4m', 4194304n),
  ] }),
);

const vmBoundTo = (firmware: Partial<FirmwareSpec>) =>
  aVm({ machineVersion: { major: 7, minor: 2 }, memory: g(8), cpu: { vendor: 'intel' }, firmware });

/** What `pool recommend` prints when none passes: the reason and the report of the setting asked for. */
function reasonFor(firmware: Partial<FirmwareSpec>): string {
  const vm = vmBoundTo(firmware);
  const recommendation = recommend(vm, pool);
  expect(recommendation.best).toBeNull();
  return explainRecommendation(recommendation, checkPool(vm, pool, { kind: 'fixed', physBits: 40 }));
}

describe('explainRecommendation', () => {
  it('names the image whose size differs between hosts, with the sizes, when firmware fails every setting (the -bios OVMF.fd of a half-upgraded pool)', () => {
    expect(reasonFor({ loader: 'rom', code: BIOS })).toBe(
      'the firmware fails the pool whatever the phys-bits setting: the firmware image /usr/share/qemu/OVMF.fd differs in size between hosts deb12-1 (2097152 bytes) and deb13-1 (4194304 bytes), so the destination\'s QEMU refuses the incoming pc.bios; fix the firmware first (firmware_advice in the report says how), then run pool recommend again',
    );
  });

  it('names images a host lacks, once each, on the host that lacks them', () => {
    expect(reasonFor({ code: CODE, vars: VARS })).toBe(
      'the firmware fails the pool whatever the phys-bits setting: the firmware image /usr/share/OVMF/OVMF_CODE.fd is missing on host deb13-1; the varstore template /usr/share/OVMF/OVMF_VARS.fd is missing on host deb13-1; fix the firmware first (firmware_advice in the report says how), then run pool recommend again',
    );
  });

  it('names a varstore of the other flash layout than its CODE image', () => {
    expect(reasonFor({ code: CODE_4M, vars: VARS })).toMatch(
      /^the firmware fails the pool whatever the phys-bits setting: the varstore copied from \/usr\/share\/OVMF\/OVMF_VARS\.fd has the 2 MiB-build layout but the CODE image \/usr\/share\/OVMF\/OVMF_CODE_4M\.fd is a 4 MiB build on host deb12-1, so UEFI variables are not kept; /,
    );
  });

  it('speaks of the settings alone when the report shows no firmware error, or when there is no report', () => {
    const narrow = aPool(aHost({ name: 'a', physBits: 39 }), aHost({ name: 'b', physBits: 46 }));
    const vm = aVm({ cpu: { vendor: 'intel', physBits: 46 } });
    const none = { best: null, runnerUp: null, evaluated: 38, passing: 0 };
    expect(explainRecommendation(none, checkPool(vm, narrow, { kind: 'fixed', physBits: 46 }))).toBe('none of the 38 settings passes on every host');
    expect(explainRecommendation(none)).toBe('none of the 38 settings passes on every host');
  });

  it('explains a passing recommendation by its scores, whatever report is given (the 4 MiB pair every host has)', () => {
    const recommendation = recommend(vmBoundTo({ code: CODE_4M, vars: VARS_4M }), pool);
    expect(recommendation.best).not.toBeNull();
    expect(explainRecommendation(recommendation, recommendation.best!.report)).toBe(explainRecommendation(recommendation));
    expect(explainRecommendation(recommendation)).toMatch(/^phys-bits=\d+ \(fixed\) passes on all 2 machines \(\d+ of \d+ settings pass\); its smallest 64-bit aperture/);
  });
});

describe('firmwareBlockers', () => {
  it('finds nothing in a report without firmware errors', () => {
    const vm = vmBoundTo({ code: CODE_4M, vars: VARS_4M });
    expect(firmwareBlockers(checkPool(vm, pool, { kind: 'fixed', physBits: 39 }))).toEqual([]);
  });
});
