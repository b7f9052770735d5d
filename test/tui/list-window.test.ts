import { describe, expect, it } from 'vitest';
import { listWindow } from '../../src/tui/list-window.js';

describe('listWindow', () => {
  it('shows the whole list when it fits', () => {
    expect(listWindow(5, 4, 8)).toEqual({ start: 0, end: 5 });
  });

  it('keeps the selected row near the middle, and the window inside the list at the ends', () => {
    expect(listWindow(20, 10, 5)).toEqual({ start: 8, end: 13 });
    expect(listWindow(20, 1, 5)).toEqual({ start: 0, end: 5 });
    expect(listWindow(20, 19, 5)).toEqual({ start: 15, end: 20 });
  });

  it('shows nothing without rows', () => {
    expect(listWindow(20, 3, 0)).toEqual({ start: 0, end: 0 });
  });
});
