/** `gpa-planner reverse` end to end (issue 3, seed 004). */
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './run-cli.js';

describe('gpa-planner reverse', () => {
  // QEMU 10.0: on pc-*-10.1 and later the Intel vendor string is hidden from OVMF, so upstream would use the classic window.
  it('reports the room from 4 GiB to 2^39 for a 1 GiB Intel guest, beside upstream\'s dynamic window', () => {
    const { status, json, stderr } = cliJson(['reverse', '--width', '39', '--machine', 'q35', '--memory', '1G', '--vendor', 'intel', '--qemu-version', '10.0']);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(json).toMatchObject({
      schema: 'gpa-planner/reverse/v1',
      width: 39,
      hotplugEnd: '0x100000000',
      aperture: { base: '0x100000000', size: '0x7f00000000' },
      room: '0x7f00000000',
      halts: false,
      upstream: { edk2: 'edk2-stable202608', widthTrusted: true, physMemAddressWidth: 39, window: 'dynamic', pci64: { base: '0x7000000000', size: '0x1000000000' } },
    });
  });

  it('exits 1 and says the firmware would halt when the hotplug area ends above 2^W', () => {
    const { status, stdout } = cli(['reverse', '--width', '36', '--memory', '8G', '--maxmem', '64G', '--slots', '2']);
    expect(status).toBe(1);
    expect(stdout).toContain('  reversed: no room: the firmware would halt (4 GiB short)\n');
  });

  it('exits 2 on a width outside 32 to 52', () => {
    const { status, stderr } = cli(['reverse', '--width', '60', '--memory', '1G']);
    expect(status).toBe(2);
    expect(stderr).toBe('gpa-planner: --width: "60" is not a whole number from 32 to 52\n');
  });

  it('exits 2 when --phys-bits contradicts --width', () => {
    expect(cli(['reverse', '--width', '39', '--phys-bits', '40', '--memory', '1G']).status).toBe(2);
  });
});
