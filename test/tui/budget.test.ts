import { describe, expect, it } from 'vitest';
import { planBudget, poolBudget } from '../../src/tui/budget.js';

describe('planBudget', () => {
  it('gives the whole legend, the numbers, every verdict line and every finding room on a tall screen', () => {
    // 44 rows: 4 for the map's picture, 2 short verdict lines; 38 left for 10 legend rows, 3 numbers, 2 more verdict
    // lines, 2 gaps and the findings' 1 + 8 lines: 26 used.
    expect(planBudget(44, { legendItems: 10, verdictShort: 2, verdictFull: 4, findingLines: 8, focus: 'other' }))
      .toEqual({ legend: 10, details: 3, fullVerdict: true, findings: 9, gaps: 2 });
  });

  it('at 80x24 (19 rows) gives the focused findings their whole explanation before the legend grows', () => {
    // 19 - 4 - 2 = 13: findings 2, legend 1, then the focused findings take 7 more (1 + 8 lines wanted), the two
    // long verdict lines 2, one gap with the last row; no room for the map's 3 numbers.
    expect(planBudget(19, { legendItems: 10, verdictShort: 2, verdictFull: 4, findingLines: 8, focus: 'findings' }))
      .toEqual({ legend: 1, details: 0, fullVerdict: true, findings: 9, gaps: 1 });
  });

  it('at 80x24 gives the focused map its legend and numbers first; the long verdict lines fold', () => {
    // 13 rows: findings 2, legend 1 + 9 = 10, numbers 0 (1 row left < 3), the 2 long verdict lines do not fit in 1,
    // which goes to one gap.
    expect(planBudget(19, { legendItems: 10, verdictShort: 2, verdictFull: 4, findingLines: 8, focus: 'map' }))
      .toEqual({ legend: 10, details: 0, fullVerdict: false, findings: 2, gaps: 1 });
  });

  it('never hands out rows it does not have', () => {
    expect(planBudget(6, { legendItems: 10, verdictShort: 2, verdictFull: 4, findingLines: 8, focus: 'map' }))
      .toEqual({ legend: 0, details: 0, fullVerdict: false, findings: 0, gaps: 0 });
  });
});

describe('poolBudget', () => {
  it('at 80x24 with 28 groups: groups and findings panes share the rows, the matrix folds', () => {
    // 19 - 3 fixed = 16: groups 4, findings 4 (of 1 + 12), focused groups take the other 8, nothing is left for the
    // gaps, the recommendation's 6 extra lines or the migration section (28 groups: counts and causes, say 5 lines).
    expect(poolBudget(19, { groups: 28, matrixLines: 5, findingLines: 12, recommendationExtra: 6, focus: 'groups' }))
      .toEqual({ groups: 12, findings: 4, recommendationExtra: false, matrix: false, gaps: 0 });
  });

  it('on a tall screen shows everything, the matrix too', () => {
    // 60 - 3 = 57: groups 3 + 2 = 5, findings 1 + 4 = 5, gaps 2, recommendation 6, matrix 3 + 2 = 5: 23 used.
    expect(poolBudget(60, { groups: 3, matrixLines: 5, findingLines: 4, recommendationExtra: 6, focus: 'other' }))
      .toEqual({ groups: 5, findings: 5, recommendationExtra: true, matrix: true, gaps: 2 });
  });

  it('past 24 groups reserves the lines the counts take, not a row per group', () => {
    // 60 - 3 = 57: groups 30 + 2 = 32, findings 1 + 4 = 5, gaps 2, recommendation 6: 45 used, 12 left. The 30 groups'
    // counts and causes take 7 lines and fit; the matrix of 30 groups would have needed 32 and been left out.
    expect(poolBudget(60, { groups: 30, matrixLines: 7, findingLines: 4, recommendationExtra: 6, focus: 'other' }))
      .toEqual({ groups: 32, findings: 5, recommendationExtra: true, matrix: true, gaps: 2 });
    expect(poolBudget(60, { groups: 30, matrixLines: 13, findingLines: 4, recommendationExtra: 6, focus: 'other' }).matrix).toBe(false);
  });
});
