/** readFirmwareDescriptor: QEMU firmware interop descriptors (docs/interop/firmware.json), as Debian 12's ovmf ships them. */
import { describe, expect, it } from 'vitest';
import { isFirmwareDescriptorText, readFirmwareDescriptor } from '../../../src/input/importers/firmware-descriptor.js';
import { errorOf, fixture, ok } from './helpers.js';

describe('readFirmwareDescriptor', () => {
  it.each<[string, string, string, string[]]>([
    ['40-edk2-x86_64-secure-enrolled.json', '/usr/share/OVMF/OVMF_CODE_4M.ms.fd', '/usr/share/OVMF/OVMF_VARS_4M.ms.fd', ['acpi-s3', 'amd-sev', 'enrolled-keys', 'requires-smm', 'secure-boot', 'verbose-dynamic']],
    ['50-edk2-x86_64-secure.json', '/usr/share/OVMF/OVMF_CODE_4M.secboot.fd', '/usr/share/OVMF/OVMF_VARS_4M.fd', ['acpi-s3', 'amd-sev', 'requires-smm', 'secure-boot', 'verbose-dynamic']],
    ['60-edk2-x86_64.json', '/usr/share/OVMF/OVMF_CODE_4M.fd', '/usr/share/OVMF/OVMF_VARS_4M.fd', ['acpi-s3', 'amd-sev', 'verbose-dynamic']],
  ])('reads Debian 12\'s %s: a split flash mapping for x86_64', (name, code, vars, features) => {
    expect(ok(readFirmwareDescriptor(fixture(`firmware/${name}`), name))).toMatchObject({
      interfaces: ['uefi'], device: 'flash', mode: 'split',
      executable: { filename: code, format: 'raw' }, nvramTemplate: { filename: vars, format: 'raw' },
      architectures: ['x86_64'], features,
    });
  });

  it('reads a memory mapping (-bios) as a raw executable without a mode, and a combined flash mapping without a template', () => {
    const memory = { description: 'd', 'interface-types': ['uefi'], mapping: { device: 'memory', filename: '/usr/share/edk2/ovmf/OVMF.amdsev.fd' }, targets: [{ architecture: 'x86_64', machines: ['pc-q35-*'] }], features: ['amd-sev'] };
    expect(ok(readFirmwareDescriptor(JSON.stringify(memory), 'm.json'))).toMatchObject({ device: 'memory', mode: null, executable: { filename: '/usr/share/edk2/ovmf/OVMF.amdsev.fd', format: 'raw' }, nvramTemplate: null });
    const combined = { ...memory, mapping: { device: 'flash', mode: 'combined', executable: { filename: '/x/OVMF.fd', format: 'raw' } } };
    expect(ok(readFirmwareDescriptor(JSON.stringify(combined), 'c.json'))).toMatchObject({ device: 'flash', mode: 'combined', nvramTemplate: null });
  });

  it('keeps members it does not read (tags), as QEMU adds some over time', () => {
    const text = fixture('firmware/60-edk2-x86_64.json').replace('"tags": [', '"later-member": 1, "tags": [');
    expect(ok(readFirmwareDescriptor(text, 'd.json')).executable.filename).toBe('/usr/share/OVMF/OVMF_CODE_4M.fd');
  });

  it('refuses what is not a descriptor, in one line naming the file and the member', () => {
    const plain = JSON.parse(fixture('firmware/60-edk2-x86_64.json')) as Record<string, unknown>;
    const without = (key: string) => JSON.stringify({ ...plain, [key]: undefined });
    expect(errorOf(readFirmwareDescriptor('{ "mapping": ', 'a.json'))).toMatch(/^a\.json: is not valid JSON \(/);
    expect(errorOf(readFirmwareDescriptor('[]', 'b.json'))).toMatchInlineSnapshot(`"b.json: is not a QEMU firmware descriptor (a JSON object)"`);
    expect(errorOf(readFirmwareDescriptor(without('mapping'), 'c.json'))).toMatch(/^c\.json: mapping: /);
    expect(errorOf(readFirmwareDescriptor(JSON.stringify({ ...plain, mapping: { device: 'flash', executable: { filename: '/x', format: 'raw' } } }), 'd.json')))
      .toMatchInlineSnapshot(`"d.json: mapping.nvram-template: is required for a split flash mapping (firmware.json)"`);
    expect(errorOf(readFirmwareDescriptor(JSON.stringify({ ...plain, mapping: { device: 'rom', filename: '/x' } }), 'e.json'))).toMatch(/^e\.json: mapping\.device: /);
  });
});

describe('isFirmwareDescriptorText', () => {
  it('recognises descriptors by the members only they have', () => {
    expect(isFirmwareDescriptorText(fixture('firmware/40-edk2-x86_64-secure-enrolled.json'))).toBe(true);
    expect(isFirmwareDescriptorText(fixture('lscpu-intel-desktop.json'))).toBe(false);
    expect(isFirmwareDescriptorText('{ "hosts": [] }')).toBe(false);
  });
});
