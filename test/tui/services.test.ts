import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servicesIn } from './helpers.js';
import type { TuiServices } from '../../src/tui/services.js';
import { GiB } from '../../src/core/units.js';

let dir: string;
let services: TuiServices;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gpa-services-'));
  services = await servicesIn(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createServices', () => {
  it('offers the installed presets to step through', () => {
    expect(services.choices.vmPresets).toContain('small-desktop');
    expect(services.choices.poolPresets).toContain('mixed-39-46-48');
    expect(services.choices.firmwarePresets).toContain('debian-12');
  });
});

describe('loadVm', () => {
  it('reads a VM file relative to the working directory, as flags', async () => {
    writeFileSync(join(dir, 'big.json'), JSON.stringify({ memory: '1T', cpu: { physBits: 46 } }));
    expect(await services.loadVm('big.json')).toEqual({ name: 'big.json', flags: { memory: '1T', physBits: '46' }, hostPhysBits: null });
  });

  it('reads a file\'s host-phys-bits as the mode to plan it in, and its devices as flags', async () => {
    writeFileSync(join(dir, 'gpus.json'), JSON.stringify({ memory: '64G', cpu: { hostPhysBits: true, hostPhysBitsLimit: 42 }, devices: [{ preset: 'nvidia-l40s', count: 2 }] }));
    expect(await services.loadVm('gpus.json')).toEqual({ name: 'gpus.json', flags: { memory: '64G', device: ['nvidia-l40s,count=2'] }, hostPhysBits: { limit: '42' } });
  });

  it('reports a mistake in the file against the file, as plan --vm does', async () => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ memory: '1.1K' }));
    expect(await services.loadVm('bad.json')).toEqual({ kind: 'input-error', message: 'bad.json: memory: "1.1K" is not a whole number of bytes' });
  });

  it('names the presets when a name is not one', async () => {
    const error = await services.loadVm('no-such-vm');
    expect(error).toMatchObject({ kind: 'input-error' });
    expect((error as { message: string }).message).toMatch(/^--preset: "no-such-vm" is not a VM preset \(.*small-desktop.*\)$/);
  });

  it('reads a name given as --vm as a file', async () => {
    expect(await services.loadVm('no-such-vm', 'file')).toEqual({ kind: 'input-error', message: '--vm: cannot read no-such-vm (ENOENT)' });
  });
});

describe('loadPool', () => {
  it('reads "none" as no pool, and a preset by name', async () => {
    expect(await services.loadPool('none')).toBeNull();
    expect(await services.loadPool('uniform-intel-46')).toMatchObject({ name: 'uniform-intel-46', spec: { hosts: [{ name: 'xeon-01', count: 8 }] } });
  });
});

describe('plan', () => {
  it('defaults the machine type to the pool\'s oldest QEMU, as pool check does', async () => {
    const pool = await services.loadPool('mixed-39-46-48');
    const planned = await services.plan({ flags: { memory: '4G' }, hostPhysBits: true, limit: '39', vmName: null, vmEdited: false, pool: pool as never });
    expect(planned).toMatchObject({ vm: { memory: 4n * GiB, machineVersion: { major: 7, minor: 2 } }, setting: { kind: 'host', limit: 39 } });
  });

  it('refuses a limit without host-phys-bits with the CLI\'s words', async () => {
    expect(await services.plan({ flags: { memory: '4G' }, hostPhysBits: false, limit: '39', vmName: null, vmEdited: false, pool: null }))
      .toEqual({ kind: 'input-error', message: '--host-phys-bits-limit: applies only with --host-phys-bits (QEMU ignores the limit otherwise)' });
  });
});
