/** --vm-xml, --qemu-cmdline and --host-caps as pool inputs, with or instead of --pool (issue 6). */
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './run-cli.js';
import { CLI_TIMEOUT, fixturePath, fixtureText, scratchFile } from './fixtures.js';

describe('--host-caps', { timeout: CLI_TIMEOUT }, () => {
  it('adds hosts to a pool preset, named after their files, with the VM\'s --firmware where the file does not say', () => {
    const { json } = cliJson(['pool', 'check', '--pool-preset', 'mixed-39-46-48', '--host-caps', fixturePath('caps-amd-epyc.xml'), '--memory', '4G', '--phys-bits', '39', '--firmware', 'debian-12']);
    expect(json.groups.flatMap((g: { hosts: string[] }) => g.hosts)).toEqual(['desk-1', 'desk-2', 'xeon-1', 'epyc-1', 'caps-amd-epyc']);
    expect(json.groups.at(-1).host).toMatchObject({ vendor: 'amd', physBits: 48, qemu: '8.2', firmware: 'edk2-stable202211', ovmfBuild: 'ia32x64' });
  });

  it('stands alone, and prints its warnings to stderr once, before the report', () => {
    const { status, stdout, stderr } = cli(['pool', 'check', '--host-caps', fixturePath('cpuinfo-intel-xeon.txt'), '--memory', '4G', '--phys-bits', '46']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Pool check of phys-bits=46 \(fixed\) on 1 machine in 1 host group\n/);
    expect(stderr.split('\n').filter((line) => line.startsWith('warning: ')).length).toBe(3);
  });

  it('exits 2 for a file that is not a host, a name the pool already has, and a file it cannot read', () => {
    const copy = ['--pool-preset', 'mixed-39-46-48', '--memory', '4G'];
    expect(cli(['pool', 'check', ...copy, '--host-caps', fixturePath('domain-pc-seabios.xml')]).stderr).toBe(
      `gpa-planner: ${fixturePath('domain-pc-seabios.xml')}: is libvirt domain XML, which describes a VM: use import vm (or --vm-xml, --qemu-cmdline)\n`,
    );
    expect(cli(['pool', 'check', ...copy, '--host-caps', scratchFile('epyc-1.xml', fixtureText('caps-amd-epyc.xml'))]).stderr).toBe(
      'gpa-planner: --host-caps: "epyc-1" names a host of the pool too; host names must be unique (rename the file)\n',
    );
    expect(cli(['pool', 'check', ...copy, '--host-caps', '/nonexistent/epyc-2.xml']).stderr).toBe('gpa-planner: --host-caps: cannot read /nonexistent/epyc-2.xml (ENOENT)\n');
  });
});

describe('the VM file\'s host-phys-bits as the pool setting', { timeout: CLI_TIMEOUT }, () => {
  it('checks host-phys-bits without a flag, and the flag\'s setting with one', () => {
    const base = ['pool', 'check', '--vm-xml', fixturePath('domain-q35-gpu.xml'), '--pool-preset', 'uniform-intel-46'];
    expect(cliJson(base).json.setting).toMatchObject({ kind: 'host', limit: null });
    expect(cliJson([...base, '--phys-bits', '40']).json.setting).toMatchObject({ kind: 'fixed', physBits: 40 });
  });

  it('keeps the fixed setting of a VM without it, as before', () => {
    expect(cliJson(['pool', 'check', '--vm-xml', fixturePath('domain-q35-hostmodel.xml'), '--pool-preset', 'uniform-intel-46']).json.setting).toMatchObject({ kind: 'fixed', physBits: 42 });
  });
});
