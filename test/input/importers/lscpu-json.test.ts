/** importLscpuJson: `lscpu --json`, flat or nested → a pool host entry. */
import { describe, expect, it } from 'vitest';
import { importLscpuJson } from '../../../src/input/importers/lscpu-json.js';
import { errorOf, fixture, ok } from './helpers.js';

describe('importLscpuJson', () => {
  it('reads the nested form of util-linux 2.38 (the Core i7 desktop, 39 bits)', () => {
    const imported = ok(importLscpuJson(fixture('lscpu-intel-desktop.json'), { name: 'desk-1', qemu: '7.2', firmware: 'debian-12' }));
    expect(imported.host).toStrictEqual({ name: 'desk-1', vendor: 'intel', physBits: 39, pdpe1gb: true, la57: false, qemu: '7.2', firmware: 'debian-12' });
  });

  it('reads the flat form of older lscpu', () => {
    const flat = JSON.stringify({ lscpu: [
      { field: 'Architecture:', data: 'x86_64' },
      { field: 'Address sizes:', data: '48 bits physical, 57 bits virtual' },
      { field: 'Vendor ID:', data: 'AuthenticAMD' },
      { field: 'Flags:', data: 'fpu pdpe1gb la57' },
    ] });
    expect(ok(importLscpuJson(flat, { name: 'h', qemu: '9.2', firmware: 'x' })).host).toMatchObject({ vendor: 'amd', physBits: 48, pdpe1gb: true, la57: true });
  });

  it('rejects text that is not JSON, with the parser\'s reason', () => {
    expect(errorOf(importLscpuJson('{', { name: 'h' }, 'lscpu.json'))).toMatch(/^lscpu\.json: is not valid JSON \(.+\)$/);
  });

  it.each<[string, string, string]>([
    ['JSON without "lscpu"', '{"x":1}', 'lscpu.json: has no "lscpu" array: not the output of lscpu --json'],
    ['no Address sizes field', '{"lscpu":[{"field":"Vendor ID:","data":"GenuineIntel"},{"field":"Flags:","data":"fpu"}]}', 'lscpu.json: has no "Address sizes:" field'],
  ])('rejects %s', (_what, text, message) => {
    expect(errorOf(importLscpuJson(text, { name: 'h' }, 'lscpu.json'))).toBe(message);
  });
});
