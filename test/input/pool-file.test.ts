/**
 * poolFromJson (a pool file's text → the normalized PoolSpec, each mistake one line naming the file and the host's
 * field) and poolFirmwarePresetNames (the presets that must be read before it).
 */
import { describe, expect, it } from 'vitest';
import type { HostSpec, PoolSpec } from '../../src/core/spec.js';
import { isInputError } from '../../src/input/input-error.js';
import { poolFromJson, poolFirmwarePresetNames } from '../../src/input/pool-file.js';
import type { FirmwareChoice } from '../../src/input/to-spec.js';

const PRESETS: readonly FirmwareChoice[] = [
  { name: 'debian-12', edk2: 'edk2-stable202211', defaultBuild: 'ia32x64', description: 'Debian 12 ovmf' },
  { name: 'ubuntu-24.04', edk2: 'edk2-stable202402', defaultBuild: 'x64', description: 'Ubuntu 24.04 ovmf' },
  { name: 'old-ia32', edk2: 'edk2-stable202508', defaultBuild: 'ia32', description: 'an ia32 build before the removal' },
];

/** A host with only the required fields; each test adds or changes what it is about. */
const aHost = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'h1', vendor: 'intel', physBits: 46, qemu: '8.2', firmware: 'edk2-stable202402', ...fields,
});

const text = (json: unknown): string => (typeof json === 'string' ? json : JSON.stringify(json));

function poolOf(json: unknown, presets: readonly FirmwareChoice[] = PRESETS, source = 'pool.json'): PoolSpec {
  const result = poolFromJson(text(json), source, presets);
  if (isInputError(result)) throw new Error(`expected a PoolSpec, got: ${result.message}`);
  return result;
}

function hostOf(host: Record<string, unknown>, presets: readonly FirmwareChoice[] = PRESETS): HostSpec {
  const { hosts } = poolOf({ hosts: [host] }, presets);
  expect(hosts).toHaveLength(1);
  return hosts[0]!;
}

function errorOf(json: unknown, presets: readonly FirmwareChoice[] = PRESETS, source = 'pool.json'): string {
  const result = poolFromJson(text(json), source, presets);
  if (!isInputError(result)) throw new Error(`expected an input error, got ${JSON.stringify(result)}`);
  expect(result.message).not.toMatch(/[\r\n]/);
  return result.message;
}

describe('poolFromJson', () => {
  it('converts a host entry with every field to the exact HostSpec', () => {
    const file = {
      name: 'everything',
      description: 'every host field once',
      hosts: [{
        name: 'epyc-1', vendor: 'amd', physBits: 52, guestPhysBits: 48, pdpe1gb: false, la57: true, iommuBits: 48,
        qemu: '9.2', firmware: 'edk2-stable202505', ovmfBuild: 'ia32x64', count: 12,
      }],
    };
    const expected: PoolSpec = {
      hosts: [{
        name: 'epyc-1',
        count: 12,
        vendor: 'amd',
        physBits: 52,
        guestPhysBits: 48,
        pdpe1gb: false,
        la57: true,
        iommuBits: 48,
        qemuVersion: { major: 9, minor: 2 },
        firmware: { edk2: 'edk2-stable202505', build: 'ia32x64' },
      }],
    };
    expect(poolOf(file)).toStrictEqual(expected);
  });

  it('applies the defaults to a host with only the required fields', () => {
    const expected: HostSpec = {
      name: 'h1',
      count: 1,
      vendor: 'intel',
      physBits: 46,
      guestPhysBits: 0,
      pdpe1gb: true,
      la57: false,
      iommuBits: null,
      qemuVersion: { major: 8, minor: 2 },
      firmware: { edk2: 'edk2-stable202402', build: 'x64' },
    };
    expect(hostOf(aHost())).toStrictEqual(expected);
  });

  it('keeps the hosts in file order', () => {
    const pool = poolOf({ hosts: [aHost({ name: 'b' }), aHost({ name: 'a', physBits: 39 }), aHost({ name: 'c', count: 3 })] });
    expect(pool.hosts.map((h) => [h.name, h.physBits, h.count])).toStrictEqual([['b', 46, 1], ['a', 39, 1], ['c', 46, 3]]);
  });

  it('treats a null iommuBits as not known', () => {
    expect(hostOf(aHost({ iommuBits: null })).iommuBits).toBeNull();
  });

  it('accepts the ends of each range: physBits 32 and 52, guestPhysBits equal to physBits, iommuBits 32 and 64', () => {
    expect(hostOf(aHost({ physBits: 32 })).physBits).toBe(32);
    expect(hostOf(aHost({ physBits: 52, guestPhysBits: 52 }))).toMatchObject({ physBits: 52, guestPhysBits: 52 });
    expect(hostOf(aHost({ iommuBits: 32 })).iommuBits).toBe(32);
    expect(hostOf(aHost({ iommuBits: 64 })).iommuBits).toBe(64);
  });

  it('accepts the oldest and the newest modelled QEMU', () => {
    expect(hostOf(aHost({ qemu: '2.11' })).qemuVersion).toStrictEqual({ major: 2, minor: 11 });
    expect(hostOf(aHost({ qemu: '10.2' })).qemuVersion).toStrictEqual({ major: 10, minor: 2 });
  });

  it('takes an edk2 tag as it is, with the x64 build', () => {
    expect(hostOf(aHost({ firmware: 'edk2-stable202011' })).firmware).toStrictEqual({ edk2: 'edk2-stable202011', build: 'x64' });
  });

  it('resolves a preset name to its edk2 tag and default build', () => {
    expect(hostOf(aHost({ firmware: 'debian-12' })).firmware).toStrictEqual({ edk2: 'edk2-stable202211', build: 'ia32x64' });
    expect(hostOf(aHost({ firmware: 'ubuntu-24.04' })).firmware).toStrictEqual({ edk2: 'edk2-stable202402', build: 'x64' });
  });

  it('lets ovmfBuild override the preset\'s default build', () => {
    expect(hostOf(aHost({ firmware: 'debian-12', ovmfBuild: 'x64' })).firmware).toStrictEqual({ edk2: 'edk2-stable202211', build: 'x64' });
  });

  it('accepts the ia32 build before edk2-stable202511, from ovmfBuild and from a preset\'s default build', () => {
    expect(hostOf(aHost({ firmware: 'edk2-stable202508', ovmfBuild: 'ia32' })).firmware).toStrictEqual({ edk2: 'edk2-stable202508', build: 'ia32' });
    expect(hostOf(aHost({ firmware: 'old-ia32' })).firmware).toStrictEqual({ edk2: 'edk2-stable202508', build: 'ia32' });
  });

  it('needs no presets for hosts that name edk2 tags', () => {
    expect(hostOf(aHost({ firmware: 'edk2-stable202605' }), []).firmware).toStrictEqual({ edk2: 'edk2-stable202605', build: 'x64' });
  });
});

describe('poolFromJson rejections', () => {
  it('rejects text that is not JSON, naming the source', () => {
    expect(errorOf('')).toBe('pool.json: is not valid JSON (Unexpected end of JSON input)');
    expect(errorOf('', PRESETS, 'presets/pools/x.json')).toBe('presets/pools/x.json: is not valid JSON (Unexpected end of JSON input)');
  });

  it('rejects truncated JSON', () => {
    // The parser's words inside the parenthesis differ between V8 releases, so only this project's part is pinned.
    expect(errorOf('{"hosts": [')).toMatch(/^pool\.json: is not valid JSON \(.+\)$/);
  });

  it.each<[string, unknown, string]>([
    ['an empty hosts array', { hosts: [] }, 'pool.json: hosts: Too small: expected array to have >=1 items'],
    ['a file without hosts', { name: 'x' }, 'pool.json: hosts: Invalid input: expected array, received undefined'],
    ['an array', [], 'pool.json: Invalid input: expected object, received array'],
    ['an unknown top-level key', { hosts: [aHost()], bogus: 1 }, 'pool.json: Unrecognized key: "bogus"'],
    ['an unknown host key', { hosts: [aHost({ physbits: 46 })] }, 'pool.json: hosts.0: Unrecognized key: "physbits"'],
    ['an unknown key in the second host', { hosts: [aHost({ name: 'a' }), aHost({ name: 'b', edk2: 'x' })] }, 'pool.json: hosts.1: Unrecognized key: "edk2"'],
    ['a host without physBits', { hosts: [{ name: 'h1', vendor: 'intel', qemu: '8.2', firmware: 'edk2-stable202402' }] }, 'pool.json: hosts.0.physBits: Invalid input: expected number, received undefined'],
    ['a host without a name', { hosts: [{ vendor: 'intel', physBits: 46, qemu: '8.2', firmware: 'edk2-stable202402' }] }, 'pool.json: hosts.0.name: Invalid input: expected string, received undefined'],
    ['a host without firmware', { hosts: [{ name: 'h1', vendor: 'intel', physBits: 46, qemu: '8.2' }] }, 'pool.json: hosts.0.firmware: Invalid input: expected string, received undefined'],
    ['an empty host name', { hosts: [aHost({ name: '' })] }, 'pool.json: hosts.0.name: Too small: expected string to have >=1 characters'],
    ['an unknown vendor', { hosts: [aHost({ vendor: 'via' })] }, 'pool.json: hosts.0.vendor: Invalid option: expected one of "intel"|"amd"|"hygon"'],
    ['fractional physBits', { hosts: [aHost({ physBits: 46.5 })] }, 'pool.json: hosts.0.physBits: Invalid input: expected int, received number'],
    ['a qemu version as a number', { hosts: [aHost({ qemu: 8.2 })] }, 'pool.json: hosts.0.qemu: Invalid input: expected string, received number'],
    ['an unknown OVMF build', { hosts: [aHost({ ovmfBuild: 'arm' })] }, 'pool.json: hosts.0.ovmfBuild: Invalid option: expected one of "x64"|"ia32x64"|"ia32"'],
  ])('rejects %s', (_what, json, message) => {
    expect(errorOf(json)).toBe(message);
  });

  it('rejects two hosts with the same name, naming the second', () => {
    expect(errorOf({ hosts: [aHost({ name: 'a' }), aHost({ name: 'b' }), aHost({ name: 'a', physBits: 39 })] })).toBe(
      'pool.json: hosts.2.name: "a" names two hosts; host names must be unique',
    );
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['physBits 31', { physBits: 31 }, 'pool.json: hosts.0.physBits: "31" is not a whole number from 32 to 52'],
    ['physBits 53', { physBits: 53 }, 'pool.json: hosts.0.physBits: "53" is not a whole number from 32 to 52'],
    ['negative physBits', { physBits: -46 }, 'pool.json: hosts.0.physBits: "-46" is not a whole number from 32 to 52'],
    ['guestPhysBits above physBits', { physBits: 46, guestPhysBits: 47 }, 'pool.json: hosts.0.guestPhysBits: "47" is not a whole number from 0 to 46'],
    ['count 0', { count: 0 }, 'pool.json: hosts.0.count: "0" is not a whole number from 1 to 10000000'],
    ['a negative count', { count: -1 }, 'pool.json: hosts.0.count: "-1" is not a whole number from 1 to 10000000'],
    ['iommuBits 31', { iommuBits: 31 }, 'pool.json: hosts.0.iommuBits: "31" is not a whole number from 32 to 64'],
    ['iommuBits 65', { iommuBits: 65 }, 'pool.json: hosts.0.iommuBits: "65" is not a whole number from 32 to 64'],
    ['a qemu version with a patch level', { qemu: '8.2.1' }, 'pool.json: hosts.0.qemu: "8.2.1" is not a QEMU version (write X.Y, for example 7.2)'],
    ['a qemu version with a v', { qemu: 'v8.2' }, 'pool.json: hosts.0.qemu: "v8.2" is not a QEMU version (write X.Y, for example 7.2)'],
    ['an empty qemu version', { qemu: '' }, 'pool.json: hosts.0.qemu: "" is not a QEMU version (write X.Y, for example 7.2)'],
    ['QEMU 2.10, older than the oldest modelled binary', { qemu: '2.10' }, 'pool.json: hosts.0.qemu: QEMU 2.10 is not modelled (allowed: releases 2.11 to 11.1)'],
    ['QEMU 10.3, not released', { qemu: '10.3' }, 'pool.json: hosts.0.qemu: QEMU 10.3 is not modelled (allowed: releases 2.11 to 11.1)'],
    ['QEMU 2.13, a version that never existed', { qemu: '2.13' }, 'pool.json: hosts.0.qemu: QEMU 2.13 is not modelled (allowed: releases 2.11 to 11.1)'],
    ['an unknown firmware, listing the presets', { firmware: 'debian-99' }, 'pool.json: hosts.0.firmware: "debian-99" is not an edk2 stable tag or a firmware preset (debian-12, ubuntu-24.04, old-ia32)'],
    ['an edk2 tag that does not exist', { firmware: 'edk2-stable202606' }, 'pool.json: hosts.0.firmware: "edk2-stable202606" is not an edk2 stable tag or a firmware preset (debian-12, ubuntu-24.04, old-ia32)'],
    ['the ia32 build on edk2-stable202511', { firmware: 'edk2-stable202511', ovmfBuild: 'ia32' }, 'pool.json: hosts.0.ovmfBuild: OvmfPkgIa32 was removed in edk2-stable202511; edk2-stable202511 has x64 and ia32x64'],
    ['the ia32 build on edk2-stable202605', { firmware: 'edk2-stable202605', ovmfBuild: 'ia32' }, 'pool.json: hosts.0.ovmfBuild: OvmfPkgIa32 was removed in edk2-stable202511; edk2-stable202605 has x64 and ia32x64'],
  ])('rejects %s', (_what, fields, message) => {
    expect(errorOf({ hosts: [aHost(fields)] })).toBe(message);
  });

  it('names the index of the host at fault and the source it is given', () => {
    expect(errorOf({ hosts: [aHost({ name: 'a' }), aHost({ name: 'b', physBits: 53 })] }, PRESETS, 'presets/pools/x.json')).toBe(
      'presets/pools/x.json: hosts.1.physBits: "53" is not a whole number from 32 to 52',
    );
  });

  it('checks guestPhysBits against the host\'s own physBits', () => {
    expect(errorOf({ hosts: [aHost({ name: 'a', physBits: 48, guestPhysBits: 48 }), aHost({ name: 'b', physBits: 39, guestPhysBits: 48 })] })).toBe(
      'pool.json: hosts.1.guestPhysBits: "48" is not a whole number from 0 to 39',
    );
  });

  // As toSpec does: with no presets passed in, no empty "or a firmware preset ()" clause.
  it('leaves out the preset list when no presets are passed in', () => {
    expect(errorOf({ hosts: [aHost({ firmware: 'debian-12' })] }, [])).toBe('pool.json: hosts.0.firmware: "debian-12" is not an edk2 stable tag');
  });

  // The ia32 build here comes from the preset's default, not from an ovmfBuild field the file does not have, so the
  // message names hosts.0.firmware (as toSpec names the firmware field when no build was given).
  it('names the firmware field when the ia32 build comes from a preset on edk2-stable202511 or later', () => {
    const presets: readonly FirmwareChoice[] = [{ name: 'new-ia32', edk2: 'edk2-stable202511', defaultBuild: 'ia32', description: 'ia32 default' }];
    expect(errorOf({ hosts: [aHost({ firmware: 'new-ia32' })] }, presets)).toBe(
      'pool.json: hosts.0.firmware: OvmfPkgIa32 was removed in edk2-stable202511; edk2-stable202511 has x64 and ia32x64',
    );
  });
});

describe('poolFirmwarePresetNames', () => {
  it('names each firmware that is not an edk2 tag, once', () => {
    const hosts = [aHost({ name: 'a' }), aHost({ name: 'b', firmware: 'debian-12' }), aHost({ name: 'c', firmware: 'fedora-43' }), aHost({ name: 'd', firmware: 'debian-12' })];
    expect(poolFirmwarePresetNames(text({ hosts }))).toEqual(['debian-12', 'fedora-43']);
  });

  it('names a firmware that is neither a tag nor a preset (the presets are needed to say so)', () => {
    expect(poolFirmwarePresetNames(text({ hosts: [aHost({ firmware: 'edk2-stable202606' })] }))).toEqual(['edk2-stable202606']);
  });

  it('is empty when every host names an edk2 tag', () => {
    expect(poolFirmwarePresetNames(text({ hosts: [aHost({ name: 'a' }), aHost({ name: 'b', firmware: 'edk2-stable202605' })] }))).toEqual([]);
  });

  it('is empty for text that is not JSON', () => {
    expect(poolFirmwarePresetNames('')).toEqual([]);
    expect(poolFirmwarePresetNames('{"hosts": [{"firmware": "debian-12"}')).toEqual([]);
  });

  it('is empty for JSON without hosts or without firmware strings', () => {
    expect(poolFirmwarePresetNames('null')).toEqual([]);
    expect(poolFirmwarePresetNames('{}')).toEqual([]);
    expect(poolFirmwarePresetNames('{"hosts": 5}')).toEqual([]);
    expect(poolFirmwarePresetNames('{"hosts": [null, {"firmware": 5}]}')).toEqual([]);
  });
});
