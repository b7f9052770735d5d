/**
 * How the rows beside the fields are shared out by priority, so the screen fits the terminal down to 80×24: what
 * must show (the map's picture, the verdict lines, each pane's title and selected row) first, then the focused pane
 * as much as it wants, then the rest; what still does not fit folds (the map's detail lines, the long verdict lines,
 * the migration matrix, the recommendation's reason).
 */

/** Rows handed out in order of need from what is left; each ask gets what remains at most. */
function rationer(rows: number): { take: (want: number) => number; left: () => number } {
  let rest = Math.max(0, rows);
  return {
    take: (want) => {
      const given = Math.max(0, Math.min(want, rest));
      rest -= given;
      return given;
    },
    left: () => rest,
  };
}

/** The map's title, bar, pointer and address labels. */
export const MAP_PICTURE = 4;
/** The selected map item's start, end and size. */
export const MAP_DETAILS = 3;

export interface PlanBudget {
  readonly legend: number;
  /** 0 or MAP_DETAILS. */
  readonly details: number;
  /** Whether every verdict line shows (else only the unindented ones). */
  readonly fullVerdict: boolean;
  /** The findings pane's rows, its title included. */
  readonly findings: number;
  /** Blank lines before the verdict and before the findings (0 to 2). */
  readonly gaps: number;
}

export interface PlanNeeds {
  readonly legendItems: number;
  readonly verdictShort: number;
  readonly verdictFull: number;
  /** The findings pane's lines (the selected finding's explanation included), its title not. */
  readonly findingLines: number;
  readonly focus: 'map' | 'findings' | 'other';
}

export function planBudget(body: number, needs: PlanNeeds): PlanBudget {
  const { take, left } = rationer(body - MAP_PICTURE - needs.verdictShort);
  const findingsWant = 1 + needs.findingLines;
  let findings = take(Math.min(findingsWant, 2));
  let legend = take(Math.min(needs.legendItems, 1));
  let details = 0;
  if (needs.focus === 'map') {
    legend += take(needs.legendItems - legend);
    if (left() >= MAP_DETAILS) details = take(MAP_DETAILS);
  }
  if (needs.focus === 'findings') findings += take(findingsWant - findings);
  const extraVerdict = needs.verdictFull - needs.verdictShort;
  const fullVerdict = extraVerdict <= left();
  if (fullVerdict) take(extraVerdict);
  const gaps = take(2);
  if (details === 0 && left() >= MAP_DETAILS + 1 && needs.legendItems > 0) details = take(MAP_DETAILS);
  legend += take(needs.legendItems - legend);
  findings += take(findingsWant - findings);
  return { legend, details, fullVerdict, findings, gaps };
}

export interface PoolNeeds {
  readonly groups: number;
  /** The migration section's lines: the titled matrix, or past 24 groups the pair counts and causes. */
  readonly matrixLines: number;
  readonly findingLines: number;
  /** The recommendation's QEMU and libvirt lines and its reason's wrapped lines. */
  readonly recommendationExtra: number;
  readonly focus: 'groups' | 'findings' | 'other';
}

export interface PoolBudget {
  /** The groups pane's rows (title and column names included). */
  readonly groups: number;
  readonly findings: number;
  readonly recommendationExtra: boolean;
  readonly matrix: boolean;
  readonly gaps: number;
}

/** Pool name and verdict, the recommendation's first line. */
export const POOL_FIXED = 3;

export function poolBudget(body: number, needs: PoolNeeds): PoolBudget {
  const { take, left } = rationer(body - POOL_FIXED);
  const groupsWant = needs.groups + 2;
  const findingsWant = 1 + needs.findingLines;
  let groups = take(Math.min(groupsWant, 4));
  let findings = take(Math.min(findingsWant, 4));
  if (needs.focus === 'groups') groups += take(groupsWant - groups);
  if (needs.focus === 'findings') findings += take(findingsWant - findings);
  const gaps = take(2);
  groups += take(Math.min(groupsWant, 8) - groups);
  const recommendationExtra = needs.recommendationExtra <= left();
  if (recommendationExtra) take(needs.recommendationExtra);
  groups += take(groupsWant - groups);
  findings += take(findingsWant - findings);
  // The migration section is drawn whole or left out: a matrix without its last rows would hide fails.
  const matrix = left() >= needs.matrixLines;
  if (matrix) take(needs.matrixLines);
  return { groups, findings, recommendationExtra, matrix, gaps };
}
