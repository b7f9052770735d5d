/** A pool report's findings, each once, with every host it concerns (for JSON and text alike). */
import type { PoolReport } from '../core/pool/check.js';
import { type Finding, SEVERITY, type Severity } from '../core/findings.js';
import { findingMessage } from './messages.js';

export interface PoolFinding {
  readonly finding: Finding;
  readonly severity: Severity;
  readonly message: string;
  /** The hosts it concerns: the boot group's, and for a migration the destination's too. */
  readonly hosts: readonly string[];
  /** The boot groups it concerns (for a migration finding, the groups on either side). */
  readonly groups: readonly string[];
  /** For a migration finding, the (boot, destination) pairs it concerns, as "g1->g2". */
  readonly pairs: readonly string[];
  readonly migration: boolean;
}

export function poolFindings(report: PoolReport): PoolFinding[] {
  const byKey = new Map<string, { finding: Finding; hosts: Set<string>; groups: Set<string>; pairs: string[]; migration: boolean }>();
  const hostsOf = new Map(report.groups.map((g) => [g.id, g.hosts]));
  const add = (finding: Finding, groups: string[], migration: boolean) => {
    const key = `${migration}:${findingMessage(finding)}`;
    const entry = byKey.get(key) ?? { finding, hosts: new Set<string>(), groups: new Set<string>(), pairs: [], migration };
    if (migration) entry.pairs.push(groups.join('->'));
    for (const id of groups) {
      entry.groups.add(id);
      for (const host of hostsOf.get(id) ?? []) entry.hosts.add(host);
    }
    byKey.set(key, entry);
  };
  for (const group of report.groups) for (const finding of group.findings) add(finding, [group.id], false);
  for (const pair of report.pairs) for (const finding of pair.findings) add(finding, [pair.boot, pair.destination], true);
  const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return [...byKey.values()]
    .map((e) => ({ finding: e.finding, severity: SEVERITY[e.finding.code], message: findingMessage(e.finding), hosts: [...e.hosts], groups: [...e.groups], pairs: e.pairs, migration: e.migration }))
    .sort((a, b) => order[a.severity] - order[b.severity]);
}
