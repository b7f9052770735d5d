/**
 * What the screen shows, computed from a plan and a pool report: the map's items and layout, the findings as list
 * rows. Pure functions the App calls inside useMemo (and the re-plan benchmark calls in the same order).
 */
import { type Plan, plan } from '../core/plan.js';
import type { PoolSpec } from '../core/spec.js';
import { type HostGroup, type PoolReport, checkPool, groupHosts } from '../core/pool/check.js';
import { type Recommendation, recommend } from '../core/pool/recommend.js';
import { SEVERITY, type Severity } from '../core/findings.js';
import { pow2, rangeEnd } from '../core/units.js';
import { type Marker, mapMarkers, mapRegions } from '../render/address-map.js';
import { type MapLayout, type SegmentKind, mapLayout, markerLabel } from '../render/map-scale.js';
import { findingMessage } from '../render/messages.js';
import { poolFindings } from '../render/pool-findings.js';
import { findingPlace } from '../render/pool-text.js';
import type { Planned } from './setup.js';
import type { View } from './state.js';

/** One row of the map's legend: a region, a gap, or the markers at one address. */
export interface MapItem {
  readonly kind: SegmentKind;
  readonly base: bigint;
  /** 0 for markers. */
  readonly size: bigint;
  readonly what: string;
  readonly by: string;
}

export interface MapView {
  readonly layout: MapLayout;
  readonly items: readonly MapItem[];
}

/** Each host's MAXPHYADDR as a marker; hosts of the same width share one. */
export function hostMarkers(pool: PoolSpec | null): Marker[] {
  const byBits = new Map<number, string[]>();
  for (const host of pool?.hosts ?? []) {
    const names = byBits.get(host.physBits);
    if (names) names.push(host.name);
    else byBits.set(host.physBits, [host.name]);
  }
  return [...byBits].map(([bits, names]) => ({
    address: pow2(bits),
    what: `MAXPHYADDR of host${names.length > 1 ? 's' : ''} ${names.length > 3 ? `${names.slice(0, 3).join(', ')} +${names.length - 3}` : names.join(', ')}`,
  }));
}

export function mapView(plan: Plan, pool: PoolSpec | null, columns: number): MapView {
  const regions = mapRegions(plan);
  // The planner's markers say "2^39: what"; the legend shows the 2^39 apart.
  const markers = [...mapMarkers(plan).map((m) => ({ ...m, what: m.what.replace(/^2\^\d+: /, '') })), ...hostMarkers(pool)];
  const layout = mapLayout(regions, markers, columns);
  const items: MapItem[] = [];
  const pending = [...new Set(markers.map((m) => m.address))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const flushMarkers = (upTo: bigint | null) => {
    while (pending.length > 0 && (upTo === null || pending[0]! <= upTo)) {
      const address = pending.shift()!;
      const what = markers.filter((m) => m.address === address).map((m) => m.what);
      items.push({ kind: 'marker', base: address, size: 0n, what: `${markerLabel(address)}: ${what.join('; ')}`, by: '' });
    }
  };
  let covered = 0n;
  for (const region of regions) {
    flushMarkers(region.base);
    if (region.base > covered) items.push({ kind: 'unused', base: covered, size: region.base - covered, what: 'unused', by: '' });
    items.push({ kind: region.kind, base: region.base, size: region.size, what: region.what, by: region.by });
    if (rangeEnd(region) > covered) covered = rangeEnd(region);
  }
  flushMarkers(null);
  return { layout, items };
}

/** Which columns of the map show an item: its own segments (a region partly covered by another shows what is left). */
export function itemColumns(view: MapView, item: MapItem | undefined): [number, number] | null {
  if (!item) return null;
  const hits = view.layout.segments.filter((s) => s.width > 0 && (item.kind === 'marker'
    ? s.kind === 'marker' && s.base === item.base
    : s.kind !== 'marker' && s.base < item.base + item.size && item.base < s.base + s.size));
  if (hits.length === 0) return null;
  return [hits[0]!.column, hits.at(-1)!.column + hits.at(-1)!.width];
}

export interface FindingItem {
  readonly severity: Severity;
  readonly code: string;
  /** For a pool finding, the groups, pairs and hosts it concerns; empty for a plan's. */
  readonly place: string;
  readonly message: string;
}

export function planFindingItems(plan: Plan): FindingItem[] {
  return plan.findings.map((f) => ({ severity: SEVERITY[f.code], code: f.code, place: '', message: findingMessage(f) }));
}

export function poolFindingItems(report: PoolReport | null): FindingItem[] {
  return report ? poolFindings(report).map((f) => ({ severity: f.severity, code: f.finding.code, place: findingPlace(f), message: f.message })) : [];
}

export function poolGroups(planned: Planned): readonly HostGroup[] | null {
  return planned.pool ? groupHosts(planned.pool.spec) : null;
}

export function poolReport(planned: Planned, groups: readonly HostGroup[] | null): PoolReport | null {
  return planned.pool && groups ? checkPool(planned.vm, planned.pool.spec, planned.setting, groups) : null;
}

/** The search over every setting (38 pool checks): only the pool view shows it, so only it pays for it. */
export function poolRecommendation(planned: Planned, view: View): Recommendation | null {
  return planned.pool && view === 'pool' ? recommend(planned.vm, planned.pool.spec) : null;
}

/**
 * Everything the screen shows, derived at once, in the App's order: what a keystroke costs when the VM changed (the
 * App memoizes each step; the re-plan benchmark calls this). The host groups depend on the pool alone.
 */
export function replan(planned: Planned, view: View, mapColumns: number, groups = poolGroups(planned)) {
  const thePlan = plan(planned.vm);
  const report = poolReport(planned, groups);
  const recommendation = poolRecommendation(planned, view);
  const map = mapView(thePlan, planned.pool?.spec ?? null, mapColumns);
  const findings = view === 'plan' ? planFindingItems(thePlan) : poolFindingItems(report);
  return { plan: thePlan, report, recommendation, map, findings };
}
