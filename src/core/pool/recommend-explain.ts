/**
 * Why no phys-bits setting passes a pool (issue 17), from the recommendation's own search run on parts of the pool:
 * the host groups that fail every setting on their own (grouped by what fails), the best setting for the other
 * hosts, what still fails between those, and, where the devices are what fails, the X-PciMmio64Mb values that make a
 * phys-bits setting pass, each checked by a pool check of the changed VM.
 */
import { type Finding, type FindingCode, SEVERITY } from '../findings.js';
import type { HostSpec, PoolSpec, VmSpec } from '../spec.js';
import { checkPool, groupHosts, type HostGroup, type PoolReport } from './check.js';
import { type Candidate, candidateSettings, recommend } from './recommend.js';
import { deviceFixes, devicesFit, withKnob } from '../pci/device-fit.js';
import { hasDevices } from '../pci/devices.js';
import { MiB } from '../units.js';

export interface BlockingHosts {
  /** The error codes that fail the best setting these hosts could have alone (their own widest width). */
  readonly reasons: readonly FindingCode[];
  readonly hosts: readonly string[];
  readonly machines: number;
  /** The phys-bits whose report gave the reasons: the hosts' own width (what host-phys-bits would give). */
  readonly physBits: number;
}

export interface KnobCombination {
  readonly physBits: number;
  /** X-PciMmio64Mb in MiB, a whole number of GiB. */
  readonly pci64Mb: bigint;
}

export interface FailureExplanation {
  /** Hosts no setting passes on, even with no other host in the pool; one entry per set of reasons. */
  readonly blocking: readonly BlockingHosts[];
  /** The hosts left without them. */
  readonly rest: readonly string[];
  /** The best setting for the rest; null when none passes there either (or nothing is left). */
  readonly restBest: Candidate | null;
  /** When the rest fails too: the error codes of its migrations under every setting that boots everywhere there. */
  readonly restMigrationReasons: readonly FindingCode[];
  /** Where the devices fail: fixed phys-bits with an X-PciMmio64Mb value that passes the rest, narrowest first. */
  readonly knobCombinations: readonly KnobCombination[];
}

export function explainFailure(vm: VmSpec, pool: PoolSpec): FailureExplanation {
  const groups = groupHosts(pool);
  const blocked: { group: HostGroup; reasons: FindingCode[] }[] = [];
  for (const group of groups) {
    const alone = { hosts: [group.host] };
    if (recommend(vm, alone).best) continue;
    // What fails at the host's own width: the setting that gives the guest the most room there.
    const report = checkPool(vm, alone, { kind: 'fixed', physBits: group.host.physBits });
    blocked.push({ group, reasons: errorCodes(report.groups.flatMap((g) => g.findings).concat(migrationFindings(report))) });
  }
  const blockedHosts = new Set(blocked.flatMap(({ group }) => group.hosts));
  const restHosts = pool.hosts.filter((h) => !blockedHosts.has(h.name));
  const rest: PoolSpec = { hosts: restHosts };
  const restBest = restHosts.length > 0 ? recommend(vm, rest).best : null;
  return {
    blocking: byReasons(blocked),
    rest: restHosts.map((h) => h.name),
    restBest,
    restMigrationReasons: restHosts.length > 0 && !restBest ? migrationReasons(vm, rest) : [],
    knobCombinations: restHosts.length > 0 && hasDevices(vm.pci) && devicesBlock(vm, pool) ? knobCombinations(vm, rest) : [],
  };
}

/** Every finding some pair has, from the classes that decide them: each cause stands for real pairs, and no pair is listed. */
function migrationFindings(report: PoolReport): Finding[] {
  return report.migration.causes().map((c) => c.finding);
}

function errorCodes(findings: readonly { code: FindingCode }[]): FindingCode[] {
  return [...new Set(findings.filter((f) => SEVERITY[f.code] === 'error').map((f) => f.code))];
}

function byReasons(blocked: readonly { group: HostGroup; reasons: FindingCode[] }[]): BlockingHosts[] {
  const entries = new Map<string, { reasons: FindingCode[]; hosts: string[]; machines: number; physBits: number }>();
  for (const { group, reasons } of blocked) {
    const key = `${reasons.join(',')}|${group.host.physBits}`;
    const entry = entries.get(key) ?? { reasons, hosts: [], machines: 0, physBits: group.host.physBits };
    entry.hosts.push(...group.hosts);
    entry.machines += group.count;
    entries.set(key, entry);
  }
  return [...entries.values()];
}

/** The migration errors of the settings under which every host of the rest boots. */
function migrationReasons(vm: VmSpec, rest: PoolSpec): FindingCode[] {
  const codes = new Set<FindingCode>();
  for (const setting of candidateSettings(rest)) {
    const report = checkPool(vm, rest, setting);
    if (!report.groups.every((g) => g.boots)) continue;
    for (const code of errorCodes(migrationFindings(report))) codes.add(code);
  }
  return [...codes];
}

/** Whether the devices fail on some host at its own width: then a knob may be the fix. */
function devicesBlock(vm: VmSpec, pool: PoolSpec): boolean {
  return groupHosts(pool).some((group) => {
    const plan = checkPool(vm, { hosts: [group.host] }, { kind: 'fixed', physBits: group.host.physBits }).groups[0]?.plan;
    return plan !== null && plan !== undefined && !devicesFit(plan);
  });
}

/**
 * For each fixed width up to the narrowest host of the rest: the largest of the smallest knobs each host's OVMF needs
 * at that width, kept when the pool check of the VM with that knob passes.
 */
function knobCombinations(vm: VmSpec, rest: PoolSpec): KnobCombination[] {
  const narrowest = rest.hosts.reduce((min, h: HostSpec) => Math.min(min, h.physBits), Infinity);
  const found: KnobCombination[] = [];
  for (let physBits = 32; physBits <= Math.min(52, narrowest); physBits++) {
    let knob = 0n;
    for (const group of groupHosts(rest)) {
      const plan = checkPool(vm, { hosts: [group.host] }, { kind: 'fixed', physBits }).groups[0]?.plan;
      if (!plan) {
        knob = -1n;
        break;
      }
      const fix = devicesFit(plan) ? null : deviceFixes(plan.vm).knob;
      if (!devicesFit(plan) && !fix) {
        knob = -1n;
        break;
      }
      if (fix && fix.mib > knob) knob = fix.mib;
    }
    if (knob <= 0n) continue;
    if (checkPool(withKnob(vm, knob * MiB), rest, { kind: 'fixed', physBits }).verdict === 'pass') found.push({ physBits, pci64Mb: knob });
  }
  return found;
}
