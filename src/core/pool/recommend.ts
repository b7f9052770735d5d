/**
 * Searches the phys-bits settings (every fixed width, host-phys-bits with each limit and without one) for the one that
 * passes the pool check and gives the guest the largest 64-bit aperture on its worst host, preferring widths OVMF trusts
 * on more boot hosts, then the smaller width (less page-table memory), then a fixed width (a guest ABI that does not
 * depend on the host) over host-phys-bits.
 */
import type { PhysBitsSetting, PoolSpec, VmSpec } from '../spec.js';
import { physBitsOn } from '../qemu/phys-bits.js';
import { type HostGroup, type PassingPool, type PoolReport, groupHosts, poolPasses } from './check.js';
import type { PlanCache } from '../plan-cache.js';
import { checkFirmware } from '../firmware/compat.js';

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

/** `plans` may be shared by searches of one VM over parts of a pool (recommend-explain.ts): plans do not depend on the pool. */
export function recommend(vm: VmSpec, pool: PoolSpec, plans: PlanCache = new Map()): Recommendation {
  const groups = groupHosts(pool);
  const settings = candidateSettings(pool);
  const narrowest = groups.reduce((min, g) => Math.min(min, g.host.physBits), Infinity);
  const firmware = checkFirmware(vm, groups);
  const passing: Scored[] = [];
  const evaluated = new Map<number, PassingPool | null>();
  for (const setting of settings) {
    // Necessary conditions first, without planning: a host-phys-bits width that differs between hosts shrinks under
    // the guest on some migration, and a guest wider than the narrowest host fails there.
    const width = widthEverywhere(groups, setting);
    if (width === null || width > narrowest) continue;
    // The rest of the guest CPU follows from the width (resolveCpu), so settings of one width (a fixed width, and
    // host-phys-bits limited to it) give every group the same CPUID and share one evaluation.
    let pass = evaluated.get(width);
    if (pass === undefined) evaluated.set(width, (pass = poolPasses(vm, setting, groups, plans, firmware)));
    if (pass) passing.push(score(setting, pass));
  }
  passing.sort(compare);
  const [best, runnerUp] = passing;
  return { best: best ? withReport(best) : null, runnerUp: runnerUp ? scoresOf(runnerUp) : null, evaluated: settings.length, passing: passing.length };
}

/** The phys-bits the setting gives the guest on every group, or null when it differs between groups. */
export function widthEverywhere(groups: readonly HostGroup[], setting: PhysBitsSetting): number | null {
  if (setting.kind === 'fixed') return setting.physBits;
  const width = groups[0] ? physBitsOn(setting, groups[0].host) : null;
  return groups.every(({ host }) => physBitsOn(setting, host) === width) ? width : null;
}

/** A passing candidate; its full report (every pair listed) is made only for the best. */
interface Scored extends Omit<Candidate, 'report'> {
  readonly pass: PassingPool;
}

function score(setting: PhysBitsSetting, pass: PassingPool): Scored {
  let worstAperture: bigint | null = null;
  let trustedMachines = 0;
  let width = 0;
  for (const group of pass.groups) {
    const size = group.plan?.ovmf?.pci64Aperture?.size ?? 0n;
    if (worstAperture === null || size < worstAperture) worstAperture = size;
    if (group.plan?.ovmf?.cpuid.trusted) trustedMachines += group.count;
    width = Math.max(width, group.plan?.vm.cpu.physBits ?? 0);
  }
  return { setting, worstAperture: worstAperture ?? 0n, trustedMachines, width, pass };
}

function scoresOf({ setting, worstAperture, trustedMachines, width }: Scored): Omit<Candidate, 'report'> {
  return { setting, worstAperture, trustedMachines, width };
}

function withReport(scored: Scored): Candidate {
  return { ...scoresOf(scored), report: scored.pass.report(scored.setting) };
}

/** Best first: larger worst-host aperture, more trusting machines, smaller width, fixed before host-phys-bits. */
export function compare(a: Omit<Candidate, 'report'>, b: Omit<Candidate, 'report'>): number {
  if (a.worstAperture !== b.worstAperture) return a.worstAperture > b.worstAperture ? -1 : 1;
  if (a.trustedMachines !== b.trustedMachines) return b.trustedMachines - a.trustedMachines;
  if (a.width !== b.width) return a.width - b.width;
  return (a.setting.kind === 'fixed' ? 0 : 1) - (b.setting.kind === 'fixed' ? 0 : 1);
}
