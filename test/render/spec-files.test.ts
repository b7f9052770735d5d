import { describe, expect, it } from 'vitest';
import { poolFileJson, vmFileJson } from '../../src/render/spec-files.js';
import { poolFromJson } from '../../src/input/pool-file.js';
import { vmSpec } from '../../src/api.js';
import { aHost, aPool, aVm } from '../builders.js';
import { GiB } from '../../src/core/units.js';

describe('vmFileJson', () => {
  it('writes a VM file that reads back as the same VM', async () => {
    const vm = aVm({ memory: 48n * GiB, maxmem: 64n * GiB, slots: 2, cpu: { physBits: 46 }, firmware: { fwCfg: { 'opt/ovmf/X-PciMmio64Mb': '65536' } } });
    const file = vmFileJson(vm, 'big');
    expect(file).toMatchObject({ name: 'big', memory: '0xc00000000', maxmem: '0x1000000000', machineVersion: '10.2' });
    expect(await vmSpec(JSON.parse(JSON.stringify(file)))).toEqual(vm);
  });
});

describe('poolFileJson', () => {
  it('writes a pool file that reads back as the same pool', () => {
    const pool = aPool(aHost({ name: 'a', count: 3 }), aHost({ name: 'b', vendor: 'amd', physBits: 48, iommuBits: 48, qemuVersion: { major: 8, minor: 2 } }));
    const file = poolFileJson(pool, 'two');
    expect(file).toMatchObject({ name: 'two', hosts: [{ name: 'a', qemu: '9.2', firmware: 'edk2-stable202502', count: 3 }, { name: 'b', iommuBits: 48 }] });
    expect(poolFromJson(JSON.stringify(file), 'two.pool.json', [])).toEqual(pool);
  });
});
