/** The parts both VM importers share: machine type, fw_cfg, host-bridge globals, firmware images, key order. */
import { describe, expect, it } from 'vitest';
import { type VmDraftFile, applyFirmwareImages, applyFwCfg, applyGlobals, applyMachine, orderedVm } from '../../../src/input/importers/vm-builder.js';
import { errorOf } from './helpers.js';

function collect() {
  const warnings: string[] = [];
  return { warnings, warn: (line: string) => warnings.push(line) };
}

describe('applyMachine', () => {
  it('resolves an alias to the QEMU release when it is known', () => {
    const vm: VmDraftFile = {};
    applyMachine(vm, 'q35', '9.2', 'where', 's', () => {});
    expect(vm).toEqual({ machine: 'q35', machineVersion: '9.2' });
  });

  it('warns about Ubuntu\'s -hpb variant', () => {
    const vm: VmDraftFile = {};
    const { warnings, warn } = collect();
    applyMachine(vm, 'pc-q35-noble-hpb', null, 'where', 's', warn);
    expect(vm).toEqual({ machine: 'q35', machineVersion: '8.2' });
    expect(warnings).toEqual(['machine type "pc-q35-noble-hpb" is Ubuntu\'s host-phys-bits variant, whose CPU defaults are not modelled: check it with pool check --host-phys-bits']);
  });
});

describe('applyFwCfg', () => {
  it('puts the knob in pci64Mb and other files in fwCfg, and skips names outside opt/', () => {
    const vm: VmDraftFile = {};
    const { warnings, warn } = collect();
    applyFwCfg(vm, [{ name: 'opt/ovmf/X-PciMmio64Mb', string: '65536' }, { name: 'opt/a', string: '1' }, { name: 'etc/x', string: '2' }, { string: '3' }], warn);
    expect(vm).toEqual({ firmware: { pci64Mb: '65536', fwCfg: { 'opt/a': '1' } } });
    expect(warnings).toEqual(['fw_cfg etc/x is not a user file under opt/ (at most 55 characters): not modelled', '-fw_cfg string=3 has no name: not modelled']);
  });
});

describe('applyGlobals', () => {
  it('reads the host bridge\'s pci-hole64-size and returns the other globals', () => {
    const vm: VmDraftFile = { machine: 'pc' };
    const unread = applyGlobals(vm, [{ driver: 'i440FX-pcihost', property: 'pci-hole64-size', value: '2097152K' }, { driver: 'kvm-pit', property: 'lost_tick_policy', value: 'delay' }], 's', () => {});
    expect(vm.pciHole64Size).toBe('2G');
    expect(unread).toEqual(['-global kvm-pit.lost_tick_policy']);
  });

  it('rejects a size QEMU would not read', () => {
    expect(errorOf(applyGlobals({}, [{ driver: 'q35-pcihost', property: 'pci-hole64-size', value: 'big' }], 's', () => {}))).toBe('s: -global q35-pcihost.pci-hole64-size: "big" is not a size');
  });
});

describe('applyFirmwareImages', () => {
  it('keeps the loader, the code image and the template; without a template it says the varstore is left out', () => {
    const vm: VmDraftFile = {};
    const { warnings, warn } = collect();
    applyFirmwareImages(vm, { loader: 'pflash', code: '/c.fd', nvram: '/var/n.fd' }, warn);
    expect(vm).toEqual({ firmware: { loader: 'pflash', code: '/c.fd' } });
    expect(warnings[0]).toBe('the varstore is the VM\'s NVRAM file /var/n.fd, whose template is not named here: firmware.vars is left out');
  });
});

describe('orderedVm', () => {
  it('writes the keys in the README\'s order, in cpu and firmware too', () => {
    const vm: VmDraftFile = { firmware: { code: '/c', pci64Mb: '1' }, cpu: { la57: false, hostPhysBits: true }, memory: '1G', machine: 'q35', name: 'n' };
    expect(JSON.stringify(orderedVm(vm))).toBe('{"name":"n","machine":"q35","memory":"1G","cpu":{"hostPhysBits":true,"la57":false},"firmware":{"pci64Mb":"1","code":"/c"}}');
  });
});
