/** The field list as the editor draws it: each field's label and text, and whether it is typed, refused or selected. */
import { FIELDS, type FieldId, shownValue } from './fields.js';
import type { FieldRow } from './FieldEditor.js';
import type { TuiState } from './state.js';

/** `narrow`: the short labels (a terminal under 120 columns). */
export function fieldRows(state: TuiState, selected: FieldId, narrow = false): FieldRow[] {
  const { mode, rejected } = state;
  return FIELDS.map((field, i): FieldRow => {
    const shown = shownValue(state.planned, field.id);
    const editing = mode.kind === 'edit' && mode.field === field.id ? mode.text : null;
    const refused = rejected?.field === field.id ? rejected.text : null;
    return {
      id: field.id,
      label: narrow && field.short ? field.short : field.label,
      text: editing ?? refused ?? shown.text,
      isSet: shown.isSet,
      isSelected: field.id === selected,
      state: editing !== null ? 'editing' : refused !== null ? 'rejected' : 'shown',
      section: i === 0 ? 'VM' : field.id === 'pool' ? 'Pool' : null,
    };
  });
}
