import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { FieldEditor, type FieldRow } from '../../src/tui/FieldEditor.js';
import { fieldRows } from '../../src/tui/field-rows.js';
import { initialState } from '../../src/tui/state.js';
import { PLAIN_THEME } from '../../src/tui/theme.js';
import { plannedFor } from './helpers.js';

const row = (over: Partial<FieldRow>): FieldRow => ({ id: 'memory', label: 'memory', text: '8G', isSet: true, isSelected: false, state: 'shown', section: null, ...over });

describe('FieldEditor', () => {
  it('lists the small-desktop preset\'s fields with their values and what applies by default', async () => {
    const state = initialState(await plannedFor({ preset: 'small-desktop' }));
    const { lastFrame } = render(<FieldEditor rows={fieldRows(state, 'memory')} height={8} width={36} isFocused theme={PLAIN_THEME} />);
    expect(lastFrame()).toBe([
      'VM',
      '  VM               small-desktop',
      '> memory           8G',
      '  maxmem           8 GiB',
      '  slots            0',
      '  machine          q35',
      '  machine version  7.2',
      '  QEMU version     7.2',
    ].join('\n'));
  });

  it('scrolls to the selected field and shows the pool section', async () => {
    const state = initialState(await plannedFor({ preset: 'small-desktop', poolPreset: 'mixed-39-46-48' }));
    const { lastFrame } = render(<FieldEditor rows={fieldRows(state, 'limit')} height={4} width={36} isFocused theme={PLAIN_THEME} />);
    expect(lastFrame()).toBe([
      'Pool',
      '  pool             mixed-39-46-48',
      '  phys-bits mode   fixed',
      '> phys-bits limit  n/a (fixed mode)',
    ].join('\n'));
  });

  it('shows the text being typed with a caret, keeping its end in view', () => {
    const rows = [row({ isSelected: true, state: 'editing', text: '1T + 512G' }), row({ id: 'maxmem', label: 'maxmem', state: 'editing', text: 'x'.repeat(30) })];
    expect(render(<FieldEditor rows={rows} height={2} width={36} isFocused theme={PLAIN_THEME} />).lastFrame()).toBe([
      '> memory           1T + 512G_',
      `  maxmem           ${'x'.repeat(16)}_`,
    ].join('\n'));
  });

  it('marks a refused value, cutting it to the width', () => {
    const rows = [row({ isSelected: true, state: 'rejected', text: '1.1K' }), row({ id: 'maxmem', label: 'maxmem', state: 'rejected', text: '1T + 1T + 1T + 1T' })];
    expect(render(<FieldEditor rows={rows} height={2} width={36} isFocused={false} theme={PLAIN_THEME} />).lastFrame()).toBe([
      '  memory           1.1K (refused)',
      '  maxmem           1T + 1T + 1T +...',
    ].join('\n'));
  });
});
