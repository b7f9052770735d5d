/**
 * The class-based migration check (src/core/pool/migration-classes.ts) against the pair-by-pair one on small generated
 * pools (issue 20): every pair's findings, the counts, the verdict and the findings' lists of pairs, groups and hosts.
 * The oracle is the check as it was before classes (`pairByPair` below, the code of migrationFindings at 63aab07 with
 * main's vendor pinning of 4c4241d), applied to each pair of groups, and the report's findings gathered pair by pair as pool-findings.ts did then.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type GroupResult, checkPool, groupHosts } from '../../src/core/pool/check.js';
import { checkFirmware } from '../../src/core/firmware/compat.js';
import { iommuFindings } from '../../src/core/pool/iommu-reach.js';
import { isMachineTypeAvailable } from '../../src/core/qemu/machine-types.js';
import { formatVersion } from '../../src/core/qemu/versions.js';
import { type Finding, SEVERITY, hasError } from '../../src/core/findings.js';
import type { FirmwareImage, HostSpec, PhysBitsSetting, VmSpec } from '../../src/core/spec.js';
import type { PciDevice } from '../../src/core/pci/devices.js';
import { pow2 } from '../../src/core/units.js';
import { GiB, MiB } from '../../src/core/units.js';
import { findingMessage } from '../../src/render/messages.js';
import { EXAMPLES, poolFindings } from '../../src/render/pool-findings.js';
import { RUNS, vmSpec } from './arbitraries.js';
import { candidateSettings, recommend } from '../../src/core/pool/recommend.js';
import { explainFailure } from '../../src/core/pool/recommend-explain.js';

/** migrationFindings as it was checked pair by pair, before the rules and their classes. */
function pairByPair(vm: VmSpec, boot: GroupResult, destination: GroupResult): Finding[] {
  const before = boot.plan!.vm.cpu;
  const after = destination.plan?.vm.cpu ?? before;
  const findings: Finding[] = [];
  const from = boot.host;
  const to = destination.host;
  if (!isMachineTypeAvailable(vm.machine, vm.machineVersion, to.qemuVersion)) {
    findings.push({ code: 'pool_machine_type_unavailable', machine: vm.machine, version: formatVersion(vm.machineVersion), qemu: formatVersion(to.qemuVersion) });
  }
  if (boot.highestAddress !== null && boot.highestAddress >= pow2(destination.mappableBits)) {
    findings.push({ code: 'pool_migration_address_unmappable', address: boot.highestAddress, hostBits: destination.mappableBits });
  }
  const widthChange = (field: 'phys-bits' | 'guest-phys-bits', a: number, b: number) => {
    if (a !== b) findings.push({ code: b < a ? 'pool_migration_width_shrinks' : 'pool_migration_width_grows', field, from: a, to: b });
  };
  widthChange('phys-bits', before.physBits, after.physBits);
  widthChange('guest-phys-bits', before.guestPhysBits, after.guestPhysBits);
  // Without a plan on the destination (no machine type there) an unpinned guest would still see that host's vendor.
  const afterVendor = destination.plan ? after.vendor : before.vendorPinned ? before.vendor : to.vendor;
  if (before.vendor !== afterVendor) findings.push({ code: 'pool_migration_cross_vendor', from: before.vendor, to: afterVendor });
  else if (from.vendor !== to.vendor) findings.push({ code: 'pool_migration_cross_vendor_pinned', vendor: before.vendor, from: from.vendor, to: to.vendor });
  if (before.pdpe1gb && !to.pdpe1gb) findings.push({ code: 'pool_migration_cpu_feature_missing', feature: 'pdpe1gb' });
  if (before.la57 && !to.la57) findings.push({ code: 'pool_migration_cpu_feature_missing', feature: 'la57' });
  if (after.physBits > to.physBits) findings.push({ code: 'pool_guest_width_above_host', physBits: after.physBits, hostBits: to.physBits });
  findings.push(...iommuFindings(boot.plan!, to.iommuBits));
  return findings;
}

// Debian 12's and 13's unified OVMF.fd (2 and 4 MiB) and a 4 MiB CODE/VARS pair, as in test/core/pool-check.test.ts.
const BIOS = '/usr/share/qemu/OVMF.fd';
const CODE_4M = '/usr/share/OVMF/OVMF_CODE_4M.fd';
const VARS_4M = '/usr/share/OVMF/OVMF_VARS_4M.fd';
const image = (path: string, role: FirmwareImage['role'], flash: FirmwareImage['flash'], size: bigint, edk2: FirmwareImage['edk2']): FirmwareImage =>
  ({ path, role, build: 'x64', flash, secureBoot: false, smm: false, size, edk2, package: null });
const IMAGES: readonly (readonly FirmwareImage[] | undefined)[] = [
  undefined,
  [image(BIOS, 'unified', '2m', 0x200000n, 'edk2-stable202211'), image(CODE_4M, 'code', '4m', 0x37c000n, 'edk2-stable202211'), image(VARS_4M, 'vars', '4m', 0x84000n, 'edk2-stable202211')],
  [image(BIOS, 'unified', '4m', 0x400000n, 'edk2-stable202502'), image(CODE_4M, 'code', '4m', 0x37c000n, 'edk2-stable202502'), image(VARS_4M, 'vars', '4m', 0x84000n, 'edk2-stable202502')],
];

const nic: PciDevice = {
  name: 'nic', model: null, vga: false, attach: 'root-port', hotplug: true, pref64Reserve: null,
  bars: [{ index: 0, size: 32n * GiB, is64: true, prefetchable: true }, { index: 2, size: 16n * MiB, is64: true, prefetchable: false }],
};

/** Hosts varying in everything the check reads; few values each, so that groups share classes and also differ. */
const host = fc.record({
  vendor: fc.constantFrom('intel' as const, 'amd' as const, 'hygon' as const),
  physBits: fc.constantFrom(36, 39, 40, 43, 46, 48, 52),
  guestPhysBits: fc.constantFrom(0, 39, 48),
  pdpe1gb: fc.boolean(),
  la57: fc.boolean(),
  iommuBits: fc.constantFrom(null, 39, 48),
  qemu: fc.constantFrom({ major: 7, minor: 2 }, { major: 8, minor: 2 }, { major: 9, minor: 1 }, { major: 10, minor: 0 }),
  firmware: fc.constantFrom(
    { edk2: 'edk2-stable202211' as const, build: 'ia32x64' as const },
    { edk2: 'edk2-stable202402' as const, build: 'x64' as const },
    { edk2: 'edk2-stable202502' as const, build: 'x64' as const },
  ),
  images: fc.integer({ min: 0, max: IMAGES.length - 1 }),
  count: fc.integer({ min: 1, max: 3 }),
});

const pool = fc.array(host, { minLength: 1, maxLength: 9 }).map((hosts) => ({
  hosts: hosts.map((h, i): HostSpec => ({
    name: `h${i}`, count: h.count, vendor: h.vendor, physBits: h.physBits, guestPhysBits: Math.min(h.guestPhysBits, h.physBits),
    pdpe1gb: h.pdpe1gb, la57: h.la57, iommuBits: h.iommuBits, qemuVersion: h.qemu, firmware: h.firmware,
    ...(IMAGES[h.images] ? { images: IMAGES[h.images]! } : {}),
  })),
}));

const vm = fc.record({
  base: vmSpec,
  // Pinned (vendor=): the guest keeps its vendor on every host, and only the hosts' own vendors differ.
  pinned: fc.boolean(),
  devices: fc.boolean(),
  firmware: fc.constantFrom('none', 'bios', 'split'),
}).map(({ base, pinned, devices, firmware }): VmSpec => ({
  ...base,
  cpu: pinned ? { ...base.cpu, vendorPinned: true } : base.cpu,
  pci: devices ? { devices: [nic], emptyRootPorts: 0 } : base.pci,
  firmware: {
    ...base.firmware,
    ...(firmware === 'bios' ? { loader: 'rom' as const, code: BIOS } : firmware === 'split' ? { code: CODE_4M, vars: VARS_4M } : {}),
  },
}));

const setting: fc.Arbitrary<PhysBitsSetting> = fc.oneof(
  fc.integer({ min: 36, max: 52 }).map((physBits) => ({ kind: 'fixed' as const, physBits })),
  fc.constantFrom(null, 39, 46).map((limit) => ({ kind: 'host' as const, limit })),
);

describe('the class-based migration check', () => {
  it('gives every pair the pair-by-pair findings, and the counts, verdict and findings\' lists that listing pairs gives', () => {
    fc.assert(fc.property(vm, pool, setting, (v, p, s) => {
      const report = checkPool(v, p, s);
      const firmware = checkFirmware(v, groupHosts(p));
      const groups = report.groups;
      const pairs: { i: number; j: number; findings: Finding[] }[] = [];
      for (const [i, boot] of groups.entries()) {
        if (!boot.boots) continue;
        for (const [j, destination] of groups.entries()) pairs.push({ i, j, findings: [...pairByPair(v, boot, destination), ...firmware.migration(i, j)] });
      }
      for (const { i, j, findings } of pairs) expect(report.migration.findings(i, j)).toEqual(findings);
      expect([...report.eachPair()].map((pair) => [pair.boot, pair.destination, pair.ok, pair.findings]))
        .toEqual(pairs.map(({ i, j, findings }) => [groups[i]!.id, groups[j]!.id, !hasError(findings), findings]));

      const failing = pairs.filter((pair) => hasError(pair.findings)).length;
      const warning = pairs.filter((pair) => !hasError(pair.findings) && pair.findings.some((f) => SEVERITY[f.code] === 'warning')).length;
      expect(report.migration.counts()).toEqual({ pairs: pairs.length, failing, warning });
      expect(report.verdict).toBe(groups.every((g) => g.boots) && failing === 0 ? 'pass' : 'fail');

      // The findings as they were gathered by walking the pairs: each message once, its groups and hosts in the order met.
      const byMessage = new Map<string, { pairs: string[]; groups: number[] }>();
      for (const { i, j, findings } of pairs) {
        for (const finding of findings) {
          const entry = byMessage.get(findingMessage(finding)) ?? { pairs: [], groups: [] };
          entry.pairs.push(`${groups[i]!.id}->${groups[j]!.id}`);
          for (const g of [i, j]) if (!entry.groups.includes(g)) entry.groups.push(g);
          byMessage.set(findingMessage(finding), entry);
        }
      }
      const migrations = poolFindings(report).filter((f) => f.migration);
      expect(migrations.map((f) => f.message).sort()).toEqual([...byMessage.keys()].sort());
      for (const f of migrations) {
        const expected = byMessage.get(f.message)!;
        const hosts = expected.groups.flatMap((g) => groups[g]!.hosts);
        expect({ pairs: f.pairs, pairCount: f.pairCount, groups: f.groups, groupCount: f.groupCount, hosts: f.hosts, hostCount: f.hostCount }).toEqual({
          pairs: expected.pairs.slice(0, EXAMPLES), pairCount: expected.pairs.length,
          groups: expected.groups.slice(0, EXAMPLES).map((g) => groups[g]!.id), groupCount: expected.groups.length,
          hosts: hosts.slice(0, EXAMPLES), hostCount: hosts.length,
        });
        // The moves are a partition of the finding's pairs by class: all of them add up to its pairs, the first EXAMPLES to no more.
        const listed = f.moves.reduce((n, m) => n + m.pairs, 0);
        if (f.moveCount <= EXAMPLES) expect(listed).toBe(f.pairCount);
        else expect(listed).toBeLessThan(f.pairCount);
      }
    }), { numRuns: Math.max(100, Math.floor(RUNS / 10)) });
  });
});

/** Main's explainFailure before it searched single groups and the rest's settings directly: the reference. */
function referenceExplanation(v: VmSpec, p: { hosts: readonly HostSpec[] }) {
  const errors = (findings: readonly Finding[]) => [...new Set(findings.filter((f) => SEVERITY[f.code] === 'error').map((f) => f.code))];
  const blocked = groupHosts(p).filter((g) => !recommend(v, { hosts: [g.host] }).best).flatMap((g) => g.hosts);
  const rest = { hosts: p.hosts.filter((h) => !blocked.includes(h.name)) };
  const codes = new Set<string>();
  if (rest.hosts.length > 0 && !recommend(v, rest).best) {
    for (const s of candidateSettings(rest)) {
      const report = checkPool(v, rest, s);
      if (!report.groups.every((g) => g.boots)) continue;
      for (const code of errors([...report.eachPair()].flatMap((pair) => pair.findings))) codes.add(code);
    }
  }
  return { blocked, rest: rest.hosts.map((h) => h.name), reasons: [...codes] };
}

describe('the explanation of a pool no setting passes', () => {
  it('blocks the host kinds recommend finds no setting for alone, and gives the rest\'s migration errors of every setting that boots there', () => {
    fc.assert(fc.property(vm, pool, (v, p) => {
      const explained = explainFailure(v, p);
      const expected = referenceExplanation(v, p);
      expect(explained.blocking.flatMap((b) => b.hosts).sort()).toEqual([...expected.blocked].sort());
      expect(explained.rest).toEqual(expected.rest);
      expect([...explained.restMigrationReasons].sort()).toEqual(expected.reasons.sort());
    }), { numRuns: Math.max(50, Math.floor(RUNS / 20)) });
  });
});

/** Pools some setting can pass: one vendor, the firmware's default images, one QEMU release. */
const passablePool = pool.map((p) => ({
  hosts: p.hosts.map(({ images: _, ...h }): HostSpec => ({ ...h, vendor: 'intel', qemuVersion: { major: 9, minor: 1 } })),
}));

describe('the recommendation over classes', () => {
  it('passes exactly the settings whose full pool check passes, and recommends one of them', () => {
    fc.assert(fc.property(vm, fc.oneof(pool, passablePool), (v, p) => {
      const found = recommend(v, p);
      // The search stops deciding a setting's rules at the first that fails; the full check decides them all.
      const passing = candidateSettings(p).filter((s) => checkPool(v, p, s).verdict === 'pass');
      expect(found.passing).toBe(passing.length);
      if (found.best) expect(passing).toContainEqual(found.best.setting);
      else expect(passing).toEqual([]);
    }), { numRuns: Math.max(50, Math.floor(RUNS / 20)) });
  });
});
