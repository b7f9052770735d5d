/** How the rows beside the fields are shared out, so the screen fits the terminal (what does not fit is cut off). */

export interface PlanBudget {
  readonly legend: number;
  readonly findings: number;
  readonly explanation: number;
  /** The lines that are always drawn do not fit: the panel must be cut (ink clips, at a cost, only when asked to). */
  readonly overflows: boolean;
}

/** Map title, bar, pointer, labels, and the selected item's three lines of numbers. */
const MAP_FIXED = 7;
/** The blank lines around the verdicts and the findings' title. */
const SPACING = 3;
const EXPLANATION = 3;

/** Rows handed out in order of need from what is left; each ask gets what remains at most. */
function rationer(rows: number): (want: number) => number {
  let rest = Math.max(0, rows);
  return (want) => {
    const given = Math.max(0, Math.min(want, rest));
    rest -= given;
    return given;
  };
}

/** First a few legend rows, one finding and its explanation, then the rest of the legend, then more findings. */
export function planBudget(body: number, items: number, findings: number, verdictLines: number): PlanBudget {
  const rows = body - MAP_FIXED - verdictLines - SPACING;
  const take = rationer(rows);
  let legend = take(Math.min(items, 3));
  let findingRows = take(Math.min(findings, 1));
  const explanation = findings > 0 ? take(EXPLANATION) : 0;
  legend += take(items - legend);
  findingRows += take(findings - findingRows);
  return { legend, findings: findingRows, explanation, overflows: rows < 0 };
}

export interface PoolBudget {
  readonly reason: number;
  readonly findings: number;
  readonly explanation: number;
  readonly overflows: boolean;
}

export function poolBudget(body: number, groups: number, findings: number): PoolBudget {
  // two title lines, group table (header + groups), matrix (title, header, groups), recommendation (3 lines),
  // blank, findings' title
  const rows = body - (2 + (groups + 1) + (groups + 2) + 3 + 1 + 1);
  const take = rationer(rows);
  const reason = take(3);
  let findingRows = take(Math.min(findings, 1));
  const explanation = findings > 0 ? take(EXPLANATION) : 0;
  findingRows += take(findings - findingRows);
  return { reason, findings: findingRows, explanation, overflows: rows < 0 };
}
