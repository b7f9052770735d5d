/** A pool host's OVMF package is its tag plus its backports (issue 16): Debian 13's 9ac1704af664 reaches pool check. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gpa-pool-packages-'));
const poolFile = (hosts: object[]) => {
  const path = join(dir, `pool-${hosts.length}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify({ hosts }));
  return path;
};
const host = (name: string, firmware: string, extra: object = {}) => ({ name, vendor: 'intel', physBits: 46, qemu: '10.0', firmware, ...extra });
// The real boot of issue 16: QEMU 10.0, q35, 4 GiB, Intel phys-bits 41, 1 GiB pages, X-PciMmio64Mb=65536.
const vm = ['--memory', '4G', '--vendor', 'intel', '--phys-bits', '41', '--pci64-mb', '65536'];
type Group = { id: string; host: { firmware: string; backports?: string[]; package?: string }; plan: string };
type Ovmf = { pci64: { base: string; size: string } };
/** pool/v2 names each group's plan by id and lists the plans once: the OVMF part of each group's plan. */
const ovmfOf = (json: { groups: Group[]; plans: { id: string; plan: { ovmf: Ovmf } }[] }) =>
  json.groups.map((g) => json.plans.find((p) => p.id === g.plan)!.plan.ovmf);

describe('pool hosts on a distribution OVMF package', () => {
  it('plan a debian-13 host with the knob override (0x1000000000, as booted) and an upstream 202502 host with the dynamic window', () => {
    const { status, json } = cliJson(['pool', 'check', '--pool', poolFile([host('deb13', 'debian-13'), host('upstream', 'edk2-stable202502')]), ...vm]);
    expect(status).toBe(0);
    const groups = json.groups as Group[];
    // The backport makes the package a host kind and a plan of its own, not plain 202502's.
    expect(groups.map((g) => [g.id, g.plan])).toEqual([['g1', 'p1'], ['g2', 'p2']]);
    expect(ovmfOf(json).map((o) => o.pci64)).toEqual([{ base: '0x1000000000', size: '0x1000000000' }, { base: '0x1c000000000', size: '0x4000000000' }]);
    expect(groups[0]!.host).toMatchObject({ firmware: 'edk2-stable202502', backports: ['9ac1704af664'], package: 'ovmf 2025.02-8+deb13u1' });
    expect(groups[1]!.host).not.toHaveProperty('backports');
  });

  it('mark the package in the text table and say what it carries', () => {
    const { stdout } = cli(['pool', 'check', '--pool', poolFile([host('deb13', 'debian-13'), host('upstream', 'edk2-stable202502')]), ...vm]);
    expect(stdout).toMatch(/deb13 +intel 46-bit +10\.0 +202502\+1 x64 .*64 GiB @ 0x1000000000 +yes/);
    expect(stdout).toContain('(OVMF +1: ovmf 2025.02-8+deb13u1 carries 9ac1704af664 from a later edk2)');
  });

  it('take backports named in the pool file, and refuse a commit the model has no rule for', () => {
    const { json } = cliJson(['pool', 'check', '--pool', poolFile([host('own', 'edk2-stable202502', { backports: ['9ac1704af664'], package: 'ovmf 2025.02-local1' })]), ...vm]);
    expect(ovmfOf(json)[0]!.pci64.base).toBe('0x1000000000');
    const bad = cli(['pool', 'check', '--pool', poolFile([host('own', 'edk2-stable202502', { backports: ['deadbeef0000'] })]), ...vm]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/hosts\.0\.backports\[0\]: "deadbeef0000" is not an edk2 commit the model has a rule for \(allowed: [0-9a-f]{12}/);
  });
});
