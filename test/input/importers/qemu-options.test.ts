/** readQemuOptions and keyval: QEMU's options as data, before any meaning is given to them. */
import { describe, expect, it } from 'vitest';
import { keyval, qemuBool, readQemuOptions } from '../../../src/input/importers/qemu-options.js';
import { errorOf, ok } from './helpers.js';

describe('keyval', () => {
  it('reads key=value pairs, ",," as a comma, and the implied first key', () => {
    expect(keyval('pc-q35-7.2,usb=off,x=a,,b', 'type')).toEqual({ type: 'pc-q35-7.2', usb: 'off', x: 'a,b' });
    expect(keyval('name=opt/x,string=1,,2')).toEqual({ name: 'opt/x', string: '1,2' });
  });
});

describe('readQemuOptions', () => {
  it('merges repeated -machine options and takes accel from them, keeps the last -cpu with its properties in order', () => {
    const options = ok(readQemuOptions(['-machine', 'q35,accel=kvm', '-M', 'max-ram-below-4g=2G', '-cpu', 'qemu64', '-cpu', 'host,+pdpe1gb,-la57,host_phys_bits=on,phys-bits=42,migratable'], 's'));
    expect(options.machineType).toBe('q35');
    expect(options.machineProps).toEqual({ 'max-ram-below-4g': '2G' });
    expect(options.accel).toEqual(['kvm']);
    expect(options.cpu).toEqual({ model: 'host', props: [['pdpe1gb', 'on'], ['la57', 'off'], ['host-phys-bits', 'on'], ['phys-bits', '42'], ['migratable', 'on']] });
  });

  it('reads -global in both forms, -fw_cfg, -blockdev and -device as JSON or key=value, and lists the rest', () => {
    const options = ok(readQemuOptions([
      '-global', 'q35-pcihost.pci-hole64-size=512G', '-global', 'driver=i440FX-pcihost,property=pci-hole64-size,value=2G',
      '-fw_cfg', 'name=opt/ovmf/X-PciMmio64Mb,string=65536', '-enable-kvm', '-nodefaults',
      '-blockdev', '{"driver":"file","filename":"/x.fd","node-name":"n"}', '-device', 'vfio-pci,host=41:00.0', '-smp', '4',
    ], 's'));
    expect(options.globals).toEqual([
      { driver: 'q35-pcihost', property: 'pci-hole64-size', value: '512G' },
      { driver: 'i440FX-pcihost', property: 'pci-hole64-size', value: '2G' },
    ]);
    expect(options.fwCfg).toEqual([{ name: 'opt/ovmf/X-PciMmio64Mb', string: '65536' }]);
    expect(options.blockdevs).toEqual([{ driver: 'file', filename: '/x.fd', 'node-name': 'n' }]);
    expect(options.devices).toEqual([{ driver: 'vfio-pci', host: '41:00.0' }]);
    expect(options.accel).toEqual(['kvm']);
    expect(options.other).toEqual(['-nodefaults', '-smp']);
  });

  it('rejects an option without its value and a malformed -global', () => {
    expect(errorOf(readQemuOptions(['-m'], 'cmd.txt'))).toBe('cmd.txt: -m is the last argument, but it takes a value');
    expect(errorOf(readQemuOptions(['-global', 'nodot'], 'cmd.txt'))).toBe('cmd.txt: -global nodot is not DRIVER.PROPERTY=VALUE');
  });
});

describe('qemuBool', () => {
  it('reads QEMU\'s booleans', () => {
    expect(['on', 'yes', 'true', 'off', 'no', 'false', 'maybe'].map(qemuBool)).toEqual([true, true, true, false, false, false, null]);
  });
});
