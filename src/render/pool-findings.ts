/**
 * A pool report's findings, each once, with counts of what it concerns and a few named examples (for JSON, text and
 * the TUI alike). Migration findings come from the classes that decide them (MigrationMatrix.causes), never from the
 * list of pairs, so this stays linear in groups whatever the pool's size.
 */
import type { GroupResult, PoolReport } from '../core/pool/check.js';
import type { MigrationCause, SideClass } from '../core/pool/migration-classes.js';
import { type Finding, SEVERITY, type Severity } from '../core/findings.js';
import { findingMessage } from './messages.js';

/** How many hosts, groups and pairs a finding names; the counts say how many there are. */
export const EXAMPLES = 10;

/** One side of a move: the class of groups (the properties the rule reads), how many, a few by name. */
export interface MoveSide {
  readonly side: SideClass['side'];
  readonly groups: number;
  readonly machines: number;
  readonly examples: readonly string[];
}

/** A class of boot groups that cannot move (or moves with a warning) to a class of destinations. */
export interface Move {
  readonly rule: string;
  readonly boot: MoveSide;
  readonly destination: MoveSide;
  readonly pairs: number;
}

export interface PoolFinding {
  readonly finding: Finding;
  readonly severity: Severity;
  readonly message: string;
  /** The first hosts it concerns (the boot group's, and for a migration the destination's too), in the order met. */
  readonly hosts: readonly string[];
  readonly hostCount: number;
  /** The machines of those hosts (their counts). */
  readonly machines: number;
  /** The first groups it concerns (for a migration finding, the groups on either side). */
  readonly groups: readonly string[];
  readonly groupCount: number;
  /** For a migration finding, the first (boot, destination) pairs it concerns, as "g1->g2", boot-major. */
  readonly pairs: readonly string[];
  readonly pairCount: number;
  /** For a migration finding, the pairs of classes it comes from, the first EXAMPLES of them. */
  readonly moves: readonly Move[];
  readonly moveCount: number;
  readonly migration: boolean;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function poolFindings(report: PoolReport): PoolFinding[] {
  const groups = report.groups;
  const found = [...bootFindings(groups), ...migrationFindings(groups, report.migration.causes())];
  // A stable sort: within a severity, in the order the groups and then the pairs meet them.
  return found.sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}

function bootFindings(groups: readonly GroupResult[]): PoolFinding[] {
  const byMessage = new Map<string, { finding: Finding; message: string; members: number[] }>();
  for (const [i, group] of groups.entries()) {
    for (const finding of group.findings) {
      const message = findingMessage(finding);
      let entry = byMessage.get(message);
      if (!entry) byMessage.set(message, (entry = { finding, message, members: [] }));
      if (entry.members.at(-1) !== i) entry.members.push(i);
    }
  }
  return [...byMessage.values()].map(({ finding, message, members }) => ({
    finding, severity: SEVERITY[finding.code], message, ...concerned(groups, members),
    pairs: [], pairCount: 0, moves: [], moveCount: 0, migration: false,
  }));
}

function migrationFindings(groups: readonly GroupResult[], causes: readonly MigrationCause[]): PoolFinding[] {
  const byMessage = new Map<string, { finding: Finding; message: string; causes: MigrationCause[] }>();
  for (const cause of causes) {
    const message = findingMessage(cause.finding);
    let entry = byMessage.get(message);
    if (!entry) byMessage.set(message, (entry = { finding: cause.finding, message, causes: [] }));
    entry.causes.push(cause);
  }
  const met = new Float64Array(groups.length).fill(Infinity);
  return [...byMessage.values()].map(({ finding, message, causes: from }) => ({
    finding, severity: SEVERITY[finding.code], message, ...concerned(groups, membersInOrder(groups.length, from, met)),
    pairs: firstPairs(groups, from), pairCount: from.reduce((n, c) => n + c.pairs, 0),
    moves: from.slice(0, EXAMPLES).map((c) => move(groups, c)), moveCount: from.length, migration: true,
  }));
}

function concerned(groups: readonly GroupResult[], members: readonly number[]) {
  const hosts: string[] = [];
  let hostCount = 0;
  let machines = 0;
  for (const i of members) {
    const group = groups[i]!;
    hostCount += group.hosts.length;
    machines += group.count;
    for (const host of group.hosts) {
      if (hosts.length >= EXAMPLES) break;
      hosts.push(host);
    }
  }
  return { hosts, hostCount, machines, groups: members.slice(0, EXAMPLES).map((i) => groups[i]!.id), groupCount: members.length };
}

/**
 * The groups on either side of a finding's pairs, in the order the boot-major list of pairs meets them (a pair's boot
 * before its destination): a group's first place is its first pair as a boot or as a destination in any of the
 * finding's classes. `met` is scratch space, one slot per group, left as it was found.
 */
function membersInOrder(n: number, causes: readonly MigrationCause[], met: Float64Array): number[] {
  const touched: number[] = [];
  const place = (group: number, at: number) => {
    if (met[group] === Infinity) touched.push(group);
    if (at < met[group]!) met[group] = at;
  };
  for (const { boot, destination } of causes) {
    const firstBoot = boot.groups[0]!;
    const firstDestination = destination.groups[0]!;
    for (const b of boot.groups) place(b, (b * n + firstDestination) * 2);
    for (const d of destination.groups) place(d, (firstBoot * n + d) * 2 + 1);
  }
  const order = touched.sort((a, b) => met[a]! - met[b]!);
  for (const g of touched) met[g] = Infinity;
  return order;
}

/** The first EXAMPLES pairs in boot-major order: each class pair's own first ones, merged. */
function firstPairs(groups: readonly GroupResult[], causes: readonly MigrationCause[]): string[] {
  const n = groups.length;
  const candidates: number[] = [];
  for (const { boot, destination } of causes) {
    let taken = 0;
    for (const b of boot.groups) {
      for (const d of destination.groups) {
        candidates.push(b * n + d);
        if (++taken >= EXAMPLES) break;
      }
      if (taken >= EXAMPLES) break;
    }
  }
  return [...new Set(candidates)].sort((a, b) => a - b).slice(0, EXAMPLES)
    .map((at) => `${groups[Math.floor(at / n)]!.id}->${groups[at % n]!.id}`);
}

function move(groups: readonly GroupResult[], cause: MigrationCause): Move {
  return { rule: cause.rule, boot: sideOf(groups, cause.boot), destination: sideOf(groups, cause.destination), pairs: cause.pairs };
}

function sideOf(groups: readonly GroupResult[], side: SideClass): MoveSide {
  return {
    side: side.side,
    groups: side.groups.length,
    machines: side.groups.reduce((n, i) => n + groups[i]!.count, 0),
    examples: side.groups.slice(0, 3).map((i) => groups[i]!.id),
  };
}
