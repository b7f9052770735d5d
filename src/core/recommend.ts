/**
 * Searches the phys-bits settings (every fixed width, host-phys-bits with each limit and without one) for the one that
 * passes the pool check and gives the guest the largest 64-bit aperture on its worst host, preferring widths OVMF trusts
 * on more boot hosts, then the smaller width (less page-table memory), then a fixed width (a guest ABI that does not
 * depend on the host) over host-phys-bits.
 */
import type { PhysBitsSetting, PoolSpec, VmSpec } from './spec.js';
import { resolveCpu } from './phys-bits.js';
import { type GroupResult, type HostGroup, type PlanCache, type PoolReport, checkPool, groupHosts, poolPasses } from './pool-check.js';

export interface Candidate {
  readonly setting: PhysBitsSetting;
  readonly report: PoolReport;
  /** The smallest 64-bit aperture over the boot groups (0 when one has none). */
  readonly worstAperture: bigint;
  /** Machines (host counts) whose OVMF trusts the guest's CPUID width, so the dynamic window can apply. */
  readonly trustedMachines: number;
  /** The largest phys-bits the guest sees on any host. */
  readonly width: number;
}

export interface Recommendation {
  /** The best passing setting, with its full pool report; null when none passes. */
  readonly best: Candidate | null;
  /** The next passing setting, for the explanation (scores only). */
  readonly runnerUp: Omit<Candidate, 'report'> | null;
  readonly evaluated: number;
  readonly passing: number;
}

/** QEMU accepts phys-bits 32..52 on a 64-bit CPU (qemu.md §7.2). */
const WIDTHS = Array.from({ length: 21 }, (_, i) => 32 + i);

export function candidateSettings(pool: PoolSpec): PhysBitsSetting[] {
  const widest = groupHosts(pool).reduce((max, g) => Math.max(max, g.host.physBits), 0);
  return [
    ...WIDTHS.map((physBits): PhysBitsSetting => ({ kind: 'fixed', physBits })),
    { kind: 'host', limit: null },
    // A limit at or above every host's width is the same as no limit.
    ...WIDTHS.filter((limit) => limit < widest).map((limit): PhysBitsSetting => ({ kind: 'host', limit })),
  ];
}

export function recommend(vm: VmSpec, pool: PoolSpec): Recommendation {
  const groups = groupHosts(pool);
  const plans: PlanCache = new Map();
  const settings = candidateSettings(pool);
  const narrowest = groups.reduce((min, g) => Math.min(min, g.host.physBits), Infinity);
  const passing: Scored[] = [];
  const evaluated = new Map<string, GroupResult[] | null>();
  for (const setting of settings) {
    // Necessary conditions first, without planning: a guest wider than the narrowest host fails there, and a
    // host-phys-bits width that differs between hosts shrinks under the guest on some migration.
    if (setting.kind === 'fixed' && setting.physBits > narrowest) continue;
    if (setting.kind === 'host' && (setting.limit ?? Infinity) > narrowest && !sameWidthEverywhere(groups, setting.limit)) continue;
    // Settings that give every group the same CPUID (host-phys-bits with a limit at or below every host, against the
    // same fixed width) share one evaluation.
    const signature = groups.map(({ host }) => {
      const { cpu } = resolveCpu(vm, setting, host);
      return `${cpu.physBits}/${cpu.guestPhysBits}`;
    }).join(',');
    let results = evaluated.get(signature);
    if (results === undefined) evaluated.set(signature, (results = poolPasses(vm, setting, groups, plans)));
    if (results) passing.push(score(setting, results, () => checkPool(vm, pool, setting, groups, plans)));
  }
  passing.sort(compare);
  const [best, runnerUp] = passing;
  return { best: best ? withReport(best) : null, runnerUp: runnerUp ? scoresOf(runnerUp) : null, evaluated: settings.length, passing: passing.length };
}

function sameWidthEverywhere(groups: readonly HostGroup[], limit: number | null): boolean {
  const widths = new Set(groups.map(({ host }) => (limit !== null && limit < host.physBits ? limit : host.physBits)));
  return widths.size === 1;
}

/** A passing candidate; its full report (every pair listed) is made only when asked for. */
interface Scored extends Omit<Candidate, 'report'> {
  readonly fullReport: () => PoolReport;
}

function score(setting: PhysBitsSetting, results: readonly GroupResult[], fullReport: () => PoolReport): Scored {
  let worstAperture: bigint | null = null;
  let trustedMachines = 0;
  let width = 0;
  for (const group of results) {
    const size = group.plan?.ovmf?.pci64Aperture?.size ?? 0n;
    if (worstAperture === null || size < worstAperture) worstAperture = size;
    if (group.plan?.ovmf?.cpuid.trusted) trustedMachines += group.count;
    width = Math.max(width, group.plan?.vm.cpu.physBits ?? 0);
  }
  return { setting, worstAperture: worstAperture ?? 0n, trustedMachines, width, fullReport };
}

function scoresOf({ setting, worstAperture, trustedMachines, width }: Scored): Omit<Candidate, 'report'> {
  return { setting, worstAperture, trustedMachines, width };
}

function withReport(scored: Scored): Candidate {
  return { ...scoresOf(scored), report: scored.fullReport() };
}

/** Best first: larger worst-host aperture, more trusting machines, smaller width, fixed before host-phys-bits. */
export function compare(a: Omit<Candidate, 'report'>, b: Omit<Candidate, 'report'>): number {
  if (a.worstAperture !== b.worstAperture) return a.worstAperture > b.worstAperture ? -1 : 1;
  if (a.trustedMachines !== b.trustedMachines) return b.trustedMachines - a.trustedMachines;
  if (a.width !== b.width) return a.width - b.width;
  return (a.setting.kind === 'fixed' ? 0 : 1) - (b.setting.kind === 'fixed' ? 0 : 1);
}
