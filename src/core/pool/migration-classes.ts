/**
 * The migration matrix of a pool, derived from classes: for each rule (migration.ts), the host groups fall into classes
 * of equal boot sides and of equal destination sides; the rule is decided once per pair of classes, and a (boot,
 * destination) pair's findings are its classes' answers, rule after rule. The work and the memory grow with groups
 * plus the pairs of classes, not with pairs of groups; pairs are listed only when asked for, one at a time.
 */
import { type Finding, SEVERITY } from '../findings.js';
import type { GroupResult } from './check.js';
import { MIGRATION_RULES, type MigrationContext, type MigrationRule, type Side, sideKey } from './migration.js';

/** Groups whose side of one rule is the same. */
export interface SideClass {
  readonly side: Side;
  /** Group indices, in pool order. */
  readonly groups: readonly number[];
}

interface RuleClasses {
  readonly rule: MigrationRule;
  /** Per group: its boot class (-1 when the guest does not boot there), its destination class. */
  readonly bootOf: Int32Array;
  readonly destinationOf: Int32Array;
  readonly boots: readonly SideClass[];
  readonly destinations: readonly SideClass[];
  /** boots × destinations answers, row by boot class. */
  readonly cells: readonly (readonly Finding[])[];
  /** Per cell: 2 when it holds an error, 1 a warning (and no error), 0 neither. */
  readonly weight: Uint8Array;
}

/** One finding of one rule for every pair of a boot class and a destination class. */
export interface MigrationCause {
  readonly rule: string;
  readonly finding: Finding;
  readonly boot: SideClass;
  readonly destination: SideClass;
  /** Pairs of groups it concerns: the boot class's groups times the destination class's. */
  readonly pairs: number;
  /** Where it first shows in the boot-major list of pairs: boot group, destination group, rule, finding. */
  readonly order: readonly [number, number, number, number];
}

export interface MigrationCounts {
  /** Every (boot, destination) pair: groups that boot times all groups. */
  readonly pairs: number;
  readonly failing: number;
  /** Pairs with warnings and no error. */
  readonly warning: number;
}

/**
 * More pairs of classes than this in one rule is a pool the check refuses (PoolLimitError) before it allocates them:
 * each rule reads a few small values, so real pools stay far below it.
 */
export const CELL_LIMIT = 4_000_000;

/** A pool too large for what was asked; the shell turns it into a one-line error with exit 2. */
export class PoolLimitError extends Error {
  override readonly name = 'PoolLimitError';
}

const NONE: readonly Finding[] = Object.freeze([]);

export class MigrationMatrix {
  readonly #rules: readonly RuleClasses[];
  readonly #booting: readonly number[];
  readonly #groups: number;
  #counts: MigrationCounts | undefined;

  constructor(results: readonly GroupResult[], booting: readonly number[], context: MigrationContext, rules: readonly MigrationRule[] = MIGRATION_RULES, decided?: readonly RuleClasses[]) {
    this.#booting = booting;
    this.#groups = results.length;
    this.#rules = decided ?? rules.map((rule) => classesOf(rule, results, booting, context));
  }

  /**
   * The matrix when no pair fails, else null: the rules are decided in order and the first that fails a pair ends it,
   * so a search over settings does not decide the rest of the rules for a setting that fails already.
   */
  static ifPasses(results: readonly GroupResult[], booting: readonly number[], context: MigrationContext, rules: readonly MigrationRule[] = MIGRATION_RULES): MigrationMatrix | null {
    const decided: RuleClasses[] = [];
    for (const rule of rules) {
      const classes = classesOf(rule, results, booting, context);
      if (classes.weight.includes(2)) return null;
      decided.push(classes);
    }
    return new MigrationMatrix(results, booting, context, rules, decided);
  }

  /** The findings of moving the guest booted on group `boot` to group `destination`. */
  findings(boot: number, destination: number): readonly Finding[] {
    let found: Finding[] | null = null;
    for (const r of this.#rules) {
      const b = r.bootOf[boot]!;
      if (b < 0) return NONE;
      const cell = r.cells[b * r.destinations.length + r.destinationOf[destination]!]!;
      if (cell.length > 0) (found ??= []).push(...cell);
    }
    return found ?? NONE;
  }

  /** No pair fails: no rule answers with an error for any pair of classes present. */
  passes(): boolean {
    return this.#rules.every((r) => !r.weight.includes(2));
  }

  /** The pairs, failing and warning, counted over the classes' joint tuples (never pair by pair). */
  counts(): MigrationCounts {
    this.#counts ??= countPairs(this.#rules, this.#booting, this.#groups);
    return this.#counts;
  }

  /** Every rule's findings per pair of classes, each with the pairs it concerns. */
  causes(): MigrationCause[] {
    const causes: MigrationCause[] = [];
    this.#rules.forEach((r, ruleIndex) => {
      const width = r.destinations.length;
      r.cells.forEach((cell, c) => {
        if (cell.length === 0) return;
        const boot = r.boots[Math.floor(c / width)]!;
        const destination = r.destinations[c % width]!;
        cell.forEach((finding, k) => causes.push({
          rule: r.rule.name, finding, boot, destination, pairs: boot.groups.length * destination.groups.length,
          order: [boot.groups[0]!, destination.groups[0]!, ruleIndex, k],
        }));
      });
    });
    return causes.sort((a, b) => compareOrder(a.order, b.order));
  }
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function classesOf(rule: MigrationRule, results: readonly GroupResult[], booting: readonly number[], context: MigrationContext): RuleClasses {
  const bootOf = new Int32Array(results.length).fill(-1);
  const destinationOf = new Int32Array(results.length);
  const boots = classify(booting, (i) => rule.boot(results[i]!, i, context), bootOf);
  const destinations = classify(results.map((_, j) => j), (j) => rule.destination(results[j]!, j, context), destinationOf);
  const size = boots.length * destinations.length;
  if (size > CELL_LIMIT) {
    throw new PoolLimitError(`the pool's hosts differ in too many ways for the ${rule.name} check (${boots.length} kinds of boot host × ${destinations.length} kinds of destination; at most ${CELL_LIMIT} pairs of kinds)`);
  }
  const cells: (readonly Finding[])[] = new Array(size);
  const weight = new Uint8Array(size);
  for (const [b, boot] of boots.entries()) {
    for (const [d, destination] of destinations.entries()) {
      const found = rule.decide(boot.side, destination.side, context);
      const c = b * destinations.length + d;
      cells[c] = found.length === 0 ? NONE : found;
      weight[c] = found.some((f) => SEVERITY[f.code] === 'error') ? 2 : found.some((f) => SEVERITY[f.code] === 'warning') ? 1 : 0;
    }
  }
  return { rule, bootOf, destinationOf, boots, destinations, cells, weight };
}

function classify(indices: readonly number[], sideOf: (i: number) => Side, classOf: Int32Array): SideClass[] {
  const byKey = new Map<string, number>();
  const classes: { side: Side; groups: number[] }[] = [];
  for (const i of indices) {
    const side = sideOf(i);
    const key = sideKey(side);
    let c = byKey.get(key);
    if (c === undefined) {
      byKey.set(key, (c = classes.length));
      classes.push({ side, groups: [] });
    }
    classOf[i] = c;
    classes[c]!.groups.push(i);
  }
  return classes;
}

interface Tuple {
  readonly classes: readonly number[];
  weight: number;
}

/**
 * Pairs are counted over joint tuples: a boot group's classes in the rules that can warn or fail, the same for a
 * destination, each tuple with how many groups share it. A pair's weight is the heaviest of its rules' cells.
 */
function countPairs(rules: readonly RuleClasses[], booting: readonly number[], groups: number): MigrationCounts {
  const relevant = rules.filter((r) => r.weight.some((w) => w > 0));
  const pairs = booting.length * groups;
  if (relevant.length === 0) return { pairs, failing: 0, warning: 0 };
  const bootTuples = tuples(booting, relevant, (r) => r.bootOf);
  const destinationTuples = tuples(Array.from({ length: groups }, (_, j) => j), relevant, (r) => r.destinationOf);
  let failing = 0;
  let warning = 0;
  for (const b of bootTuples) {
    for (const d of destinationTuples) {
      let heaviest = 0;
      for (let r = 0; r < relevant.length && heaviest < 2; r++) {
        const rule = relevant[r]!;
        const w = rule.weight[b.classes[r]! * rule.destinations.length + d.classes[r]!]!;
        if (w > heaviest) heaviest = w;
      }
      if (heaviest === 2) failing += b.weight * d.weight;
      else if (heaviest === 1) warning += b.weight * d.weight;
    }
  }
  return { pairs, failing, warning };
}

function tuples(indices: readonly number[], rules: readonly RuleClasses[], classOf: (r: RuleClasses) => Int32Array): Tuple[] {
  const byKey = new Map<string, Tuple>();
  for (const i of indices) {
    const classes = rules.map((r) => classOf(r)[i]!);
    const key = classes.join(',');
    const found = byKey.get(key);
    if (found) found.weight++;
    else byKey.set(key, { classes, weight: 1 });
  }
  return [...byKey.values()];
}
