/**
 * Pools past the matrix (issue 20): more than 24 host groups get pair counts and causes by class instead of a matrix,
 * and a pool whose hosts differ in too many ways for one rule is refused with one line and exit 2.
 */
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './run-cli.js';
import { CLI_TIMEOUT, scratchFile } from './fixtures.js';

// 26 Intel host groups: phys-bits 40..52, each with and without 1 GiB pages, on one QEMU and OVMF: g1 = 40 with 1 GiB
// pages, g2 = 40 without, g3 = 41 with, ... g26 = 52 without.
const hosts = Array.from({ length: 13 }, (_, i) => 40 + i).flatMap((physBits) => [true, false].map((pdpe1gb) => ({
  name: `x${physBits}-${pdpe1gb ? '1g' : '4k'}`, vendor: 'intel', physBits, pdpe1gb, qemu: '10.0', firmware: 'edk2-stable202502',
})));
const POOL = scratchFile('pool-26-groups.json', JSON.stringify({ hosts }));
// The default guest CPU asks for 1 GiB pages (pdpe1gb), so it has them where the host has them.
const vm = ['--pool', POOL, '--memory', '8G'];

describe('pool check on 26 host groups', () => {
  it('counts the pairs at phys-bits 40: only the moves that lose 1 GiB pages warn', () => {
    const { status, json } = cliJson(['pool', 'check', ...vm, '--phys-bits', '40']);
    // Every group boots (40 fits every host). 26 x 26 = 676 pairs. The guest's CPU is the same on every host but for
    // pdpe1gb, so the only finding is pool_migration_cpu_feature_missing (a warning) from the 13 groups with 1 GiB
    // pages to the 13 without: 13 x 13 = 169 warn, none fails, 676 - 169 = 507 are ok.
    expect(status).toBe(0);
    expect(json.groups).toHaveLength(26);
    expect(json.migration).toEqual({ pairs: 676, failing: 0, warning: 169, ok: 507 });
  }, CLI_TIMEOUT);

  it('counts the pairs at phys-bits 44 and lists the causes by class in the text, not a matrix', () => {
    const { status, json } = cliJson(['pool', 'check', ...vm, '--phys-bits', '44']);
    // 44 is wider than the 8 groups of 40..43 bits (g1..g8): the VM boots on the other 18, so 18 x 26 = 468 pairs.
    // A guest of 44 bits is wider than each 40..43-bit destination: 18 x 8 = 144 pairs fail. Of the 18 x 18 pairs
    // between the 44..52-bit groups, the 9 with 1 GiB pages to the 9 without warn: 81. 468 - 144 - 81 = 243 are ok.
    expect(status).toBe(1);
    expect(json.migration).toEqual({ pairs: 468, failing: 144, warning: 81, ok: 243 });

    const { stdout } = cli(['pool', 'check', ...vm, '--phys-bits', '44']);
    expect(stdout).not.toContain('Migration (row: boot group');
    expect(stdout).toContain('Migration: 468 (boot, destination) pairs of groups: 144 fail, 81 with warnings, 243 ok\n');
    expect(stdout).toContain('(26 groups are too many to draw as a matrix; --pairs FILE lists every pair)');
    // A cause is one rule's finding for a class of boot groups and a class of destinations, with the pairs they make
    // (3 example groups each): the 9 booting groups with 1 GiB pages to all 13 without, the 4 narrow ones among those
    // failing for their width too: 9 x 13 = 117.
    expect(stdout).toContain('  warning pool_migration_cpu_feature_missing: pdpe1gb=true la57=false (9 groups, 9 machines: g9, g11, g13 +6) -> pdpe1gb=false la57=false (13 groups, 13 machines: g2, g4, g6 +10): 117 pairs\n');
    for (const [bits, groups] of [[40, 'g1, g2'], [41, 'g3, g4'], [42, 'g5, g6'], [43, 'g7, g8']] as const) {
      // The width rule reads a destination's host phys-bits: a class per width, 18 boot groups x its 2 groups.
      expect(stdout).toContain(`  error   pool_guest_width_above_host: physBits=44 (18 groups, 18 machines: g9, g10, g11 +15) -> guestPhysBits=44 hostPhysBits=${bits} (2 groups, 2 machines: ${groups}): 36 pairs\n`);
      // With 1 GiB pages OVMF trusts width 44 and puts a 2 TiB aperture at 0xe0000000000, ending at 2^44 - 1; without,
      // it caps the width at 40 (128 GiB at 0xe000000000, below 2^40). The 2^44 - 1 is past 2^40..2^43: 9 x 2 pairs,
      // all among the 144 that fail for the width already, so the counts above stand.
      expect(stdout).toContain(`  error   pool_migration_address_unmappable: highestAddress=0xfffffffffff (9 groups, 9 machines: g9, g11, g13 +6) -> mappableBits=${bits} (2 groups, 2 machines: ${groups}): 18 pairs\n`);
    }
  }, CLI_TIMEOUT);
});

describe('a pool too large for the check', () => {
  it('refuses, with one line and exit 2, a pool whose firmware differs in more ways than a rule decides', () => {
    // 2,001 hosts, each with an OVMF.fd of its own size: 2,001 firmware kinds, so the firmware rule would decide
    // 2,001 x 2,001 = 4,004,001 pairs of kinds, past CELL_LIMIT (4,000,000).
    const many = Array.from({ length: 2001 }, (_, i) => ({
      name: `h${i}`, vendor: 'intel', physBits: 46, qemu: '10.0', firmware: 'edk2-stable202502',
      images: [{ path: '/usr/share/qemu/OVMF.fd', role: 'unified', build: 'x64', flash: '4m', secureBoot: false, smm: false, size: 0x400000 + i * 0x1000 }],
    }));
    const result = cli(['pool', 'check', '--pool', scratchFile('pool-2001-firmware.json', JSON.stringify({ hosts: many })), '--memory', '8G', '--phys-bits', '40']);
    expect(result).toEqual({
      status: 2, stdout: '',
      stderr: 'gpa-planner: --pool: the pool\'s hosts differ in too many ways for the firmware check (2001 kinds of boot host × 2001 kinds of destination; at most 4000000 pairs of kinds)\n',
    });
  }, CLI_TIMEOUT);
});

// Issue 21: pool recommend on a varied 10,000-host pool ended in "RangeError: Map maximum size exceeded" (exit 3).
describe('pool recommend on 10,000 varied hosts', () => {
  it('answers with a verdict and a readable document, no internal error', async () => {
    // @ts-expect-error: a plain .mjs module
    const { variedFleet } = await import('../../bench/varied-fleet.mjs');
    const file = scratchFile('varied-10000.json', JSON.stringify(variedFleet(10_000)));
    const { status, json, stderr } = cliJson(['pool', 'recommend', '--pool', file, '--memory', '8G']);
    expect([0, 1]).toContain(status);
    expect(stderr).toBe('');
    expect(json.schema).toBe('gpa-planner/pool/v2');
    expect(json.groups.reduce((n: number, g: { machines?: number; count?: number }) => n + (g.machines ?? g.count ?? 0), 0)).toBe(10_000);
  }, 60_000);
});

