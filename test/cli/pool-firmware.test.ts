/** `pool check` with the VM bound to firmware files, on the half-upgraded Debian pool preset (issue 7). */
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './run-cli.js';

const pool = ['--pool-preset', 'debian-12-to-13', '--memory', '8G'];
const bios = ['--ovmf-loader', 'rom', '--ovmf-code', '/usr/share/qemu/OVMF.fd'];
const split4m = ['--ovmf-code', '/usr/share/OVMF/OVMF_CODE_4M.fd', '--ovmf-vars', '/usr/share/OVMF/OVMF_VARS_4M.fd'];

type Pair = { boot: string; destination: string; ok: boolean; findings: string[] };
type JsonFinding = { code: string; severity: string; message: string; pairs?: string[]; groups: string[] };

describe('gpa-planner pool check on debian-12-to-13', () => {
  it('fails exactly the moves between Debian 12 and 13 hosts of a VM on /usr/share/qemu/OVMF.fd, with the size mismatch', () => {
    const { status, json, stderr } = cliJson(['pool', 'check', ...pool, ...bios]);
    expect([status, stderr]).toEqual([1, '']);
    expect(json.groups.map((g: { id: string; hosts: string[] }) => [g.id, g.hosts])).toEqual([['g1', ['deb12-1', 'deb12-2']], ['g2', ['deb13-1', 'deb13-2']]]);
    expect(json.migration).toEqual({ pairs: 4, failing: 2, warning: 0, ok: 2 });
    const pairs = cli(['pool', 'check', ...pool, ...bios, '--pairs', '-']);
    expect(pairs.status).toBe(1);
    expect(pairs.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Pair).map((p) => `${p.boot}->${p.destination}:${p.ok}`))
      .toEqual(['g1->g1:true', 'g1->g2:false', 'g2->g1:false', 'g2->g2:true']);
    const errors = json.findings.filter((f: JsonFinding) => f.severity === 'error');
    expect(errors.map((f: JsonFinding) => [f.code, f.pairs])).toEqual([['firmware_size_mismatch', ['g1->g2']], ['firmware_size_mismatch', ['g2->g1']]]);
    expect(errors[0]).toMatchObject({ block: 'pc.bios', incoming: '0x200000', local: '0x400000', wording: 'size', qemu: '10.0' });
    expect(errors[0].message).toContain('"Size mismatch: pc.bios: 0x200000 != 0x400000: Invalid argument"');
    expect(errors[1].message).toContain('"Size mismatch: pc.bios: 0x400000 != 0x200000: Invalid argument"');
  });

  it('prints the refusal, the advice and FAIL as text', () => {
    const { status, stdout } = cli(['pool', 'check', ...pool, ...bios]);
    expect(status).toBe(1);
    expect(stdout).toContain('  g1  .   x\n  g2  x   .\n');
    expect(stdout).toContain('/usr/share/qemu/OVMF.fd is 2097152 bytes on deb12-1, deb12-2 (ovmf 2022.11-6+deb12u2) and 4194304 bytes on deb13-1, deb13-2 (ovmf 2025.02-8+deb13u1)');
    expect(stdout).toContain('present at one size on every host: CODE /usr/share/OVMF/OVMF_CODE_4M.fd with VARS /usr/share/OVMF/OVMF_VARS_4M.fd');
    expect(stdout).toMatch(/\nVerdict: FAIL\n$/);
  });

  it('passes once the VM points at the 4 MiB CODE/VARS pair, present at one size on every host', () => {
    const { status, json } = cliJson(['pool', 'check', ...pool, ...split4m]);
    expect(status).toBe(0);
    expect(json.verdict).toBe('pass');
    expect(json.findings.filter((f: JsonFinding) => f.severity !== 'info')).toEqual([]);
    // A cold boot after the move runs the destination's build: Debian 12's is Ia32X64 202211, Debian 13's X64 202502.
    type Plan = { ovmf: { edk2: string; build: string } };
    const plans = new Map<string, Plan>(json.plans.map((p: { id: string; plan: Plan }) => [p.id, p.plan]));
    expect(json.groups.map((g: { plan: string }) => plans.get(g.plan)!).map((p: Plan) => [p.ovmf.edk2, p.ovmf.build])).toEqual([
      ['edk2-stable202211', 'ia32x64'], ['edk2-stable202502', 'x64'],
    ]);
    expect(json.findings.filter((f: JsonFinding) => f.code === 'firmware_after_migration').map((f: JsonFinding) => f.pairs)).toEqual([['g1->g2'], ['g2->g1']]);
  });

  it('fails on the 2 MiB CODE that Debian 13 no longer ships: the deb13 hosts cannot boot it', () => {
    const { status, json } = cliJson(['pool', 'check', ...pool, '--ovmf-code', '/usr/share/OVMF/OVMF_CODE.fd', '--ovmf-vars', '/usr/share/OVMF/OVMF_VARS.fd']);
    expect(status).toBe(1);
    expect(json.groups.map((g: { boots: boolean }) => g.boots)).toEqual([true, false]);
    expect(json.findings.filter((f: JsonFinding) => f.severity === 'error').map((f: JsonFinding) => f.code)).toEqual(Array(4).fill('firmware_image_missing'));
  });

  it('reads the firmware files from a VM file', () => {
    const vm = JSON.stringify({ memory: '8G', firmware: { loader: 'rom', code: '/usr/share/qemu/OVMF.fd' } });
    expect(cliJson(['pool', 'check', '--pool-preset', 'debian-12-to-13', '--vm', '-'], vm).json.verdict).toBe('fail');
  });

  it('exits 2 with one line for a firmware option that cannot apply', () => {
    expect(cli(['pool', 'check', ...pool, '--ovmf-vars', '/usr/share/OVMF/OVMF_VARS_4M.fd'])).toEqual({
      status: 2, stdout: '', stderr: 'gpa-planner: --ovmf-vars: applies only with the VM\'s CODE image (--ovmf-code, or firmware.code in a VM file)\n',
    });
    expect(cli(['pool', 'check', ...pool, ...bios, '--nvram-size', '128K']).stderr).toBe(
      'gpa-planner: --nvram-size: a firmware loaded with -bios (loader rom) has no varstore drive; bind a varstore only with pflash\n');
  });
});

describe('gpa-planner plan with firmware files', () => {
  it('keeps them in the plan\'s input, which reads back as a VM file', () => {
    const { json } = cliJson(['plan', '--memory', '4G', ...split4m, '--nvram-size', '528K']);
    expect(json.input.firmware).toEqual({
      edk2: 'edk2-stable202608', build: 'x64', fiveLevelPaging: false, fwCfg: {},
      loader: 'pflash', code: '/usr/share/OVMF/OVMF_CODE_4M.fd', vars: '/usr/share/OVMF/OVMF_VARS_4M.fd', nvramSize: '0x84000',
    });
    expect(cliJson(['plan', '--vm', '-'], JSON.stringify(json)).json.input).toEqual(json.input);
  });
});
