/**
 * How the screen draws things. The colour theme uses only the basic ANSI colours, which terminals adapt to light and
 * dark backgrounds, and never relies on colour alone: each kind of region has its own character. The plain theme
 * (NO_COLOR) uses ASCII characters and no styling at all.
 */
import type { SegmentKind } from '../render/map-scale.js';
import type { Severity } from '../core/findings.js';

export type Colour = 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan';

export interface Theme {
  readonly color: boolean;
  readonly glyph: Readonly<Record<SegmentKind, string>>;
  readonly colour: Readonly<Partial<Record<SegmentKind | Severity | 'pass' | 'fail', Colour>>>;
  /** Marks the selected row. */
  readonly cursor: string;
  /** Under the map, marks the selected item's columns. */
  readonly pointer: string;
  readonly editCaret: string;
  readonly ellipsis: string;
  readonly keys: { readonly updown: string; readonly leftright: string };
}

export const COLOR_THEME: Theme = {
  color: true,
  glyph: {
    ram: '█', 'pci-hole': '▚', platform: '▪', hotplug: '▒', cxl: '▞', reserved: '╳', 'pci-hole64': '░', aperture: '▓',
    devices: '▇', unused: '·', conflict: '!', marker: '│',
  },
  colour: {
    ram: 'green', 'pci-hole': 'yellow', platform: 'yellow', hotplug: 'cyan', cxl: 'cyan', reserved: 'red', 'pci-hole64': 'blue',
    aperture: 'magenta', devices: 'blue', conflict: 'red', marker: 'red', error: 'red', warning: 'yellow', info: 'blue', pass: 'green', fail: 'red',
  },
  cursor: '›',
  pointer: '▔',
  editCaret: '▏',
  ellipsis: '…',
  keys: { updown: '↑↓', leftright: '←→' },
};

export const PLAIN_THEME: Theme = {
  color: false,
  glyph: {
    ram: 'R', 'pci-hole': 'P', platform: 'F', hotplug: 'H', cxl: 'C', reserved: 'X', 'pci-hole64': 'Q', aperture: 'A',
    devices: 'D', unused: '.', conflict: '!', marker: '|',
  },
  colour: {},
  cursor: '>',
  pointer: '^',
  editCaret: '_',
  ellipsis: '...',
  keys: { updown: 'up/down', leftright: 'left/right' },
};

/** NO_COLOR (any non-empty value, no-color.org) selects the plain theme. */
export function themeFor(env: Readonly<Record<string, string | undefined>>): Theme {
  return env.NO_COLOR ? PLAIN_THEME : COLOR_THEME;
}
