/** machineName: QEMU x86 machine type names → machine and version. */
import { describe, expect, it } from 'vitest';
import { machineName } from '../../../src/input/importers/machine-type.js';

describe('machineName', () => {
  it.each<[string, 'q35' | 'pc', string | null, boolean]>([
    ['pc-q35-7.2', 'q35', '7.2', false],
    ['pc-i440fx-2.11', 'pc', '2.11', false],
    ['pc-q35-10.1', 'q35', '10.1', false],
    ['pc-1.3', 'pc', '1.3', false],
    ['q35', 'q35', null, true],
    ['pc', 'pc', null, true],
    ['pc-q35-noble', 'q35', '8.2', false],
    ['pc-i440fx-jammy', 'pc', '6.2', false],
    // Proxmox VE: qemu-server's -machine type= (test/fixtures/proxmox/*.conf.cmd) keeps +pveN and .pxe.
    ['pc-q35-11.0+pve2', 'q35', '11.0', false],
    ['pc-q35-4.1+pve2.pxe', 'q35', '4.1', false],
    ['q35+pve0', 'q35', null, true],
    ['pc+pve0', 'pc', null, true],
  ])('reads %s', (name, machine, version, alias) => {
    expect(machineName(name)).toMatchObject({ machine, version, alias });
  });

  it('marks Ubuntu\'s -hpb variants, whose CPU defaults are not modelled', () => {
    expect(machineName('pc-q35-jammy-hpb')).toEqual({ machine: 'q35', version: '6.2', alias: false, hpb: true });
  });

  it('says why a distribution\'s machine type has no version', () => {
    expect(machineName('pc-q35-rhel9.4.0')?.unknownVersion).toBe('pc-q35-rhel9.4.0 is a RHEL machine type, whose compat settings differ from upstream\'s');
    expect(machineName('pc-q35-oracular')?.unknownVersion).toBe('Ubuntu\'s pc-q35-oracular: the planner knows bionic, focal, jammy, noble');
  });

  it('gives null for machine types the planner does not model', () => {
    expect(machineName('microvm')).toBeNull();
    expect(machineName('isapc')).toBeNull();
    expect(machineName('virt-9.2')).toBeNull();
  });
});
