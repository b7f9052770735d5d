/** How the rows beside the fields are shared out, so the screen never grows past the terminal. */

export interface PlanBudget {
  readonly legend: number;
  readonly findings: number;
  readonly explanation: number;
}

/** Map title, bar, pointer, labels, and the selected item's three lines of numbers. */
const MAP_FIXED = 7;
/** The blank lines around the verdicts and the findings' title. */
const SPACING = 3;

export function planBudget(body: number, items: number, findings: number, verdictLines: number): PlanBudget {
  const explanation = findings > 0 ? 3 : 0;
  const available = Math.max(0, body - MAP_FIXED - verdictLines - SPACING - explanation);
  const legend = Math.max(1, Math.min(items, Math.max(3, available - Math.min(findings, 4))));
  return { legend, findings: Math.max(1, Math.min(findings, available - legend)), explanation };
}

export interface PoolBudget {
  readonly reason: number;
  readonly findings: number;
  readonly explanation: number;
}

export function poolBudget(body: number, groups: number, findings: number): PoolBudget {
  const reason = 3;
  const explanation = findings > 0 ? 3 : 0;
  // two title lines, group table (header + groups), matrix (title, header, groups), recommendation (3 lines),
  // blank, findings' title
  const fixed = 2 + (groups + 1) + (groups + 2) + 3 + reason + 1 + 1;
  return { reason, findings: Math.max(1, Math.min(findings, body - fixed - explanation)), explanation };
}
