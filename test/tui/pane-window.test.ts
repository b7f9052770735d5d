import { describe, expect, it } from 'vitest';
import { paneWindow } from '../../src/tui/pane-window.js';

/** Items 0..n-1, item `tall` taking `lines` lines, every other one line. */
const lines = (n: number, tall = -1, tallLines = 1) =>
  Array.from({ length: n }, (_, item) => Array.from({ length: item === tall ? tallLines : 1 }, () => ({ item, text: `${item}` }))).flat();

describe('paneWindow', () => {
  it('shows everything, with no position, when it fits', () => {
    expect(paneWindow(lines(5), 5, 2, 10)).toEqual({ start: 0, end: 5, position: '' });
  });

  it('centres the selected item and says which items show: 61 one-line items in 13 rows', () => {
    // Item 30 (the 31st) in the middle: lines 24 to 36, items 25 to 37.
    expect(paneWindow(lines(61), 61, 30, 13)).toEqual({ start: 24, end: 37, position: '25-37 of 61' });
    expect(paneWindow(lines(61), 61, 0, 13)).toEqual({ start: 0, end: 13, position: '1-13 of 61' });
    expect(paneWindow(lines(61), 61, 60, 13)).toEqual({ start: 48, end: 61, position: '49-61 of 61' });
  });

  it('keeps a selected item of several lines whole in view', () => {
    // Item 3 takes 5 lines (3 to 7): a 7-row window from line 2 shows items 2 to 4 whole.
    expect(paneWindow(lines(10, 3, 5), 10, 3, 7)).toEqual({ start: 2, end: 9, position: '3-5 of 10' });
  });

  it('starts at the item\'s first line when it is taller than the window', () => {
    expect(paneWindow(lines(10, 3, 9), 10, 3, 4)).toEqual({ start: 3, end: 7, position: '4-4 of 10' });
  });

  it('scrolls a pane read line by line from its top, within its lines', () => {
    expect(paneWindow(lines(51), 51, -1, 18, 20)).toEqual({ start: 20, end: 38, position: '21-38 of 51' });
    expect(paneWindow(lines(51), 51, -1, 18, 99)).toEqual({ start: 33, end: 51, position: '34-51 of 51' });
  });
});
