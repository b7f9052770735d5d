import { describe, expect, it } from 'vitest';
import { startingPlan } from '../../src/tui/run.js';
import { servicesIn } from './helpers.js';
import { GiB } from '../../src/core/units.js';

describe('startingPlan', () => {
  it('starts from the small-desktop preset on the mixed-39-46-48 pool when nothing is given', async () => {
    const planned = await startingPlan({}, await servicesIn());
    expect(planned).toMatchObject({ vmName: 'small-desktop', vmEdited: false, pool: { name: 'mixed-39-46-48' }, vm: { memory: 8n * GiB } });
  });

  it('lays flags over the preset, as the CLI does, and has no pool unless one is given', async () => {
    const planned = await startingPlan({ preset: 'gpu-2x', memory: '64G', fwCfg: ['opt/org.tianocore/PagingLevel=5'] }, await servicesIn());
    expect(planned).toMatchObject({
      vmName: 'gpu-2x', vmEdited: true, pool: null,
      vm: { memory: 64n * GiB, firmware: { fwCfg: { 'opt/ovmf/X-PciMmio64Mb': '197632', 'opt/org.tianocore/PagingLevel': '5' } } },
    });
  });

  it('refuses what the CLI refuses, with its message', async () => {
    const services = await servicesIn();
    expect(await startingPlan({ vm: 'a.json', preset: 'gpu-2x' }, services)).toEqual({ kind: 'input-error', message: '--vm: give either --vm FILE or --preset NAME, not both' });
    expect(await startingPlan({ memory: '4G', slots: '2' }, services)).toEqual({ kind: 'input-error', message: '--slots: slots specified but no max-size (give --maxmem too)' });
    expect(await startingPlan({ vm: '-' }, services)).toEqual({ kind: 'input-error', message: '--vm: the tui reads the keyboard from standard input; give a file' });
  });
});
