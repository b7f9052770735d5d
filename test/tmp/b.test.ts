import { it } from 'vitest';
import { planBudget } from '../../src/tui/budget.js';
it('b', () => { console.log(planBudget(19, { legendItems: 12, verdictShort: 2, verdictFull: 4, findingLines: 0, focus: 'other' })); });
