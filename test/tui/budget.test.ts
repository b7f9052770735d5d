import { describe, expect, it } from 'vitest';
import { planBudget, poolBudget } from '../../src/tui/budget.js';

describe('planBudget', () => {
  it('gives the whole legend and every finding room on a tall screen', () => {
    // 35 rows: 7 for the map's fixed lines, 4 verdicts, 3 spacing; 21 left.
    expect(planBudget(35, 10, 2, 4)).toEqual({ legend: 10, findings: 2, explanation: 3, overflows: false });
  });

  it('shares a short screen: three legend rows, one finding and its explanation first', () => {
    // 19 rows leave 5: 3 legend rows, 1 finding, 1 row of explanation.
    expect(planBudget(19, 10, 2, 4)).toEqual({ legend: 3, findings: 1, explanation: 1, overflows: false });
  });

  it('never hands out rows it does not have, and says when even the fixed lines do not fit', () => {
    expect(planBudget(14, 10, 2, 4)).toEqual({ legend: 0, findings: 0, explanation: 0, overflows: false });
    expect(planBudget(10, 10, 2, 4)).toEqual({ legend: 0, findings: 0, explanation: 0, overflows: true });
  });
});

describe('poolBudget', () => {
  it('gives the reason three rows, then the findings', () => {
    // 31 rows, 3 groups: 2 + 4 + 5 + 3 + 1 + 1 = 16 fixed, 15 left: reason 3, 1 finding, explanation 3, 8 more findings.
    expect(poolBudget(31, 3, 12)).toEqual({ reason: 3, findings: 9, explanation: 3, overflows: false });
  });
});
