/** settingFromFlags: `--phys-bits N` | `--host-phys-bits [--host-phys-bits-limit N]` → the phys-bits setting a pool is checked with. */
import { describe, expect, it } from 'vitest';
import type { PhysBitsSetting } from '../../src/core/spec.js';
import { isInputError } from '../../src/input/input-error.js';
import { type SettingFlags, settingFromFlags } from '../../src/input/setting-flags.js';
import { aVm } from '../builders.js';

function settingOf(flags: SettingFlags, physBits = 40): PhysBitsSetting {
  const result = settingFromFlags(flags, aVm({ cpu: { physBits } }));
  if (isInputError(result)) throw new Error(`expected a setting, got: ${result.message}`);
  return result;
}

function errorOf(flags: SettingFlags): string {
  const result = settingFromFlags(flags, aVm({ cpu: { physBits: 48 } }));
  if (!isInputError(result)) throw new Error(`expected an input error, got ${JSON.stringify(result)}`);
  expect(result.message).not.toMatch(/[\r\n]/);
  return result.message;
}

describe('settingFromFlags', () => {
  it('gives the VM\'s own phys-bits as the fixed setting without a flag', () => {
    expect(settingOf({})).toStrictEqual({ kind: 'fixed', physBits: 40 });
    expect(settingOf({}, 46)).toStrictEqual({ kind: 'fixed', physBits: 46 });
  });

  it('gives the VM\'s phys-bits for --phys-bits alone (the flag has already set the VM\'s)', () => {
    expect(settingOf({ physBits: '48' }, 48)).toStrictEqual({ kind: 'fixed', physBits: 48 });
  });

  it('gives the fixed setting when --host-phys-bits is false', () => {
    expect(settingOf({ hostPhysBits: false }, 39)).toStrictEqual({ kind: 'fixed', physBits: 39 });
  });

  it('gives host-phys-bits without a limit for --host-phys-bits', () => {
    expect(settingOf({ hostPhysBits: true })).toStrictEqual({ kind: 'host', limit: null });
  });

  it('gives host-phys-bits with the limit for --host-phys-bits --host-phys-bits-limit N', () => {
    expect(settingOf({ hostPhysBits: true, hostPhysBitsLimit: '46' })).toStrictEqual({ kind: 'host', limit: 46 });
  });

  it('accepts the limits 32 and 52', () => {
    expect(settingOf({ hostPhysBits: true, hostPhysBitsLimit: '32' })).toStrictEqual({ kind: 'host', limit: 32 });
    expect(settingOf({ hostPhysBits: true, hostPhysBitsLimit: '52' })).toStrictEqual({ kind: 'host', limit: 52 });
  });
});

describe('settingFromFlags with the VM file\'s own setting (issue 6)', () => {
  const vmSetting = { kind: 'host', limit: 39 } as const;

  it('takes the VM file\'s host-phys-bits setting when no flag names one', () => {
    expect(settingFromFlags({}, aVm(), vmSetting)).toStrictEqual({ kind: 'host', limit: 39 });
  });

  it('lets --phys-bits and --host-phys-bits override it', () => {
    expect(settingFromFlags({ physBits: '42' }, aVm({ cpu: { physBits: 42 } }), vmSetting)).toStrictEqual({ kind: 'fixed', physBits: 42 });
    expect(settingFromFlags({ hostPhysBits: true }, aVm(), vmSetting)).toStrictEqual({ kind: 'host', limit: null });
  });
});

describe('settingFromFlags rejections', () => {
  it('rejects --host-phys-bits-limit without --host-phys-bits', () => {
    expect(errorOf({ hostPhysBitsLimit: '46' })).toBe(
      '--host-phys-bits-limit: applies only with --host-phys-bits (QEMU ignores the limit otherwise)',
    );
    expect(errorOf({ hostPhysBits: false, hostPhysBitsLimit: '46' })).toBe(
      '--host-phys-bits-limit: applies only with --host-phys-bits (QEMU ignores the limit otherwise)',
    );
  });

  it('rejects --phys-bits together with --host-phys-bits', () => {
    expect(errorOf({ physBits: '40', hostPhysBits: true })).toBe(
      '--phys-bits: give either --phys-bits N or --host-phys-bits, not both (QEMU lets host-phys-bits win)',
    );
    expect(errorOf({ physBits: '40', hostPhysBits: true, hostPhysBitsLimit: '46' })).toBe(
      '--phys-bits: give either --phys-bits N or --host-phys-bits, not both (QEMU lets host-phys-bits win)',
    );
  });

  it('reads the limit 0 as QEMU does: no limit (host-phys-bits-limit defaults to 0)', () => {
    expect(settingFromFlags({ hostPhysBits: true, hostPhysBitsLimit: '0' }, aVm())).toEqual({ kind: 'host', limit: null });
  });

  it.each<[string, string, string]>([
    ['31', '31', '--host-phys-bits-limit: "31" is not a whole number from 32 to 52 (or 0 for no limit)'],
    ['53', '53', '--host-phys-bits-limit: "53" is not a whole number from 32 to 52 (or 0 for no limit)'],
    ['a fraction', '46.5', '--host-phys-bits-limit: "46.5" is not a whole number from 32 to 52 (or 0 for no limit)'],
    ['a word', 'max', '--host-phys-bits-limit: "max" is not a whole number from 32 to 52 (or 0 for no limit)'],
    ['an empty string', '', '--host-phys-bits-limit: "" is not a whole number from 32 to 52 (or 0 for no limit)'],
  ])('rejects the limit %s', (_what, limit, message) => {
    expect(errorOf({ hostPhysBits: true, hostPhysBitsLimit: limit })).toBe(message);
  });
});
