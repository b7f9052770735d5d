/**
 * Why no phys-bits setting passes a pool (issue 17), from the recommendation's own search run on parts of the pool:
 * the host groups that fail every setting on their own (grouped by what fails), the best setting for the other
 * hosts, what still fails between those, and, where the devices are what fails, the X-PciMmio64Mb values that make a
 * phys-bits setting pass, each checked by a pool check of the changed VM.
 */
import { type Finding, type FindingCode, SEVERITY, hasError } from '../findings.js';
import type { HostSpec, PoolSpec, VmSpec } from '../spec.js';
import { checkPool, groupHosts, type HostGroup, type PoolReport, poolBoots } from './check.js';
import { type Candidate, candidateSettings, recommend, widthEverywhere } from './recommend.js';
import { checkFirmware } from '../firmware/compat.js';
import { MigrationMatrix } from './migration-classes.js';
import { migrationContext, migrationFindings as pairFindings } from './migration.js';
import type { PlanCache } from '../plan-cache.js';
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
  // One VM throughout: the searches over single groups and over the rest share their plans (20,000 groups, few stacks).
  const plans: PlanCache = new Map();
  const blocked: { group: HostGroup; reasons: FindingCode[] }[] = [];
  for (const group of groups) {
    const alone = { hosts: [group.host] };
    if (passesAlone(vm, alone, plans)) continue;
    // What fails at the host's own width: the setting that gives the guest the most room there.
    const report = checkPool(vm, alone, { kind: 'fixed', physBits: group.host.physBits }, groupHosts(alone), plans);
    blocked.push({ group, reasons: errorCodes(report.groups.flatMap((g) => g.findings).concat(migrationFindings(report))) });
  }
  const blockedHosts = new Set(blocked.flatMap(({ group }) => group.hosts));
  const restHosts = blockedHosts.size === 0 ? pool.hosts : pool.hosts.filter((h) => !blockedHosts.has(h.name));
  // Nothing blocked: the rest is the pool itself, whose host groups are made already.
  const rest: PoolSpec = blockedHosts.size === 0 ? pool : { hosts: restHosts };
  const restBest = restHosts.length > 0 ? recommend(vm, rest, plans).best : null;
  return {
    blocking: byReasons(blocked),
    rest: restHosts.map((h) => h.name),
    restBest,
    restMigrationReasons: restHosts.length > 0 && !restBest ? migrationReasons(vm, rest, plans) : [],
    knobCombinations: restHosts.length > 0 && hasDevices(vm.pci) && devicesBlock(vm, pool, plans) ? knobCombinations(vm, rest, plans) : [],
  };
}

/**
 * Whether some setting passes a pool of one host kind: `recommend(vm, alone).best !== null`, without ranking. Alone,
 * every setting recommend would evaluate gives the guest a width from 32 to the host's own (a host-phys-bits setting
 * gives one of those too), so each such fixed width is tried, the host's own first, until one boots and the move to a
 * twin passes (the one pair, decided by the rules themselves rather than by classes of one group).
 */
function passesAlone(vm: VmSpec, alone: PoolSpec, plans: PlanCache): boolean {
  const groups = groupHosts(alone);
  const firmware = checkFirmware(vm, groups);
  const context = migrationContext(vm, firmware);
  for (let physBits = Math.min(52, groups[0]!.host.physBits); physBits >= 32; physBits--) {
    const booted = poolBoots(vm, { kind: 'fixed', physBits }, groups, plans, firmware);
    if (booted && !hasError(pairFindings(booted[0]!, 0, booted[0]!, 0, context))) return true;
  }
  return false;
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

/**
 * The migration errors of the settings under which every host of the rest boots. A setting is dropped at the first
 * group it does not boot on, before any migration is decided; settings that give every group one width give every
 * group the same CPUID (recommend.ts), so they are decided once.
 */
function migrationReasons(vm: VmSpec, rest: PoolSpec, plans: PlanCache): FindingCode[] {
  const groups = groupHosts(rest);
  const firmware = checkFirmware(vm, groups);
  const codes = new Set<FindingCode>();
  const decided = new Set<number>();
  for (const setting of candidateSettings(rest)) {
    const width = widthEverywhere(groups, setting);
    if (width !== null) {
      if (decided.has(width)) continue;
      decided.add(width);
    }
    const results = poolBoots(vm, setting, groups, plans, firmware);
    if (!results) continue;
    const migration = new MigrationMatrix(results, results.map((_, i) => i), migrationContext(vm, firmware));
    for (const code of errorCodes(migration.causes().map((c) => c.finding))) codes.add(code);
  }
  return [...codes];
}

/** Whether the devices fail on some host at its own width: then a knob may be the fix. */
function devicesBlock(vm: VmSpec, pool: PoolSpec, plans: PlanCache): boolean {
  return groupHosts(pool).some((group) => {
    const alone = { hosts: [group.host] };
    const plan = checkPool(vm, alone, { kind: 'fixed', physBits: group.host.physBits }, groupHosts(alone), plans).groups[0]?.plan;
    return plan !== null && plan !== undefined && !devicesFit(plan);
  });
}

/**
 * For each fixed width up to the narrowest host of the rest: the largest of the smallest knobs each host's OVMF needs
 * at that width, kept when the pool check of the VM with that knob passes.
 */
function knobCombinations(vm: VmSpec, rest: PoolSpec, plans: PlanCache): KnobCombination[] {
  const narrowest = rest.hosts.reduce((min, h: HostSpec) => Math.min(min, h.physBits), Infinity);
  const found: KnobCombination[] = [];
  for (let physBits = 32; physBits <= Math.min(52, narrowest); physBits++) {
    let knob = 0n;
    for (const group of groupHosts(rest)) {
      const alone = { hosts: [group.host] };
      const plan = checkPool(vm, alone, { kind: 'fixed', physBits }, groupHosts(alone), plans).groups[0]?.plan;
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
    // A VM of its own (the knob changes the plans): its own plans.
    if (checkPool(withKnob(vm, knob * MiB), rest, { kind: 'fixed', physBits }).verdict === 'pass') found.push({ physBits, pci64Mb: knob });
  }
  return found;
}
