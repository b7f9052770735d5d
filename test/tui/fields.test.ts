import { describe, expect, it } from 'vitest';
import { editText, shownValue, steppedText, withText } from '../../src/tui/fields.js';
import type { Planned } from '../../src/tui/setup.js';
import { GiB } from '../../src/core/units.js';
import { aVm } from '../builders.js';

const choices = { vmPresets: ['gpu-2x', 'small-desktop'], poolPresets: ['mixed-39-46-48'], firmwarePresets: ['debian-12'] };

function planned(overrides: Partial<Planned> = {}): Planned {
  return {
    flags: { memory: '8G', physBits: '39' }, hostPhysBits: false, limit: undefined, vmName: 'small-desktop', vmEdited: false, pool: null,
    vm: aVm({ memory: 8n * GiB, cpu: { physBits: 39 } }), setting: { kind: 'fixed', physBits: 39 }, ...overrides,
  };
}

describe('shownValue', () => {
  it('shows what the user set as typed', () => {
    expect(shownValue(planned(), 'memory')).toEqual({ text: '8G', isSet: true });
  });

  it('shows what applies when a field is not set', () => {
    expect(shownValue(planned(), 'maxmem')).toEqual({ text: '8 GiB', isSet: false });
    expect(shownValue(planned(), 'pciHole64Size')).toEqual({ text: 'default (32 GiB)', isSet: false });
    expect(shownValue(planned(), 'pci64Mb')).toEqual({ text: 'absent', isSet: false });
    expect(shownValue(planned(), 'limit')).toEqual({ text: 'n/a (fixed mode)', isSet: false });
  });

  it('marks an edited VM with a star', () => {
    expect(shownValue(planned({ vmEdited: true }), 'vm')).toEqual({ text: 'small-desktop*', isSet: true });
  });
});

describe('withText', () => {
  it('sets a flag to the text and marks the VM edited', () => {
    const setup = withText(planned(), 'memory', ' 1T + 512G ');
    expect(setup.flags.memory).toBe('1T + 512G');
    expect(setup.vmEdited).toBe(true);
  });

  it('removes a flag for an empty text, so the default applies again', () => {
    expect(withText(planned(), 'physBits', '').flags).toEqual({ memory: '8G' });
  });

  it('splits a list at commas and reads on/off for switches', () => {
    expect(withText(planned(), 'cxlWindow', '256M, 512M').flags.cxlWindow).toEqual(['256M', '512M']);
    expect(withText(planned(), 'la57', 'on').flags.la57).toBe(true);
  });

  it('drops a limit of "none"', () => {
    expect(withText(planned({ hostPhysBits: true, limit: '40' }), 'limit', 'none').limit).toBeUndefined();
  });
});

describe('editText', () => {
  it('starts from the value in force, and from nothing for a default that is not a value', () => {
    expect(editText(planned(), 'maxmem')).toBe('8 GiB');
    expect(editText(planned(), 'maxRamBelow4g')).toBe('');
  });
});

describe('steppedText', () => {
  it('cycles through choices both ways, wrapping around', () => {
    expect(steppedText(planned(), 'vendor', 'amd', 1, choices)).toBe('hygon');
    expect(steppedText(planned(), 'vendor', 'intel', -1, choices)).toBe('hygon');
    expect(steppedText(planned(), 'firmware', 'debian-12', 1, choices)).toBe('edk2-stable201808');
  });

  it('steps numbers within their range and stops at the ends', () => {
    expect(steppedText(planned(), 'physBits', '39', 1, choices)).toBe('40');
    expect(steppedText(planned(), 'physBits', '52', 1, choices)).toBeNull();
    expect(steppedText(planned(), 'slots', '0', -1, choices)).toBeNull();
  });

  it('doubles and halves sizes', () => {
    expect(steppedText(planned(), 'memory', '8G', 1, choices)).toBe('16 GiB');
    expect(steppedText(planned(), 'memory', '8G', -1, choices)).toBe('4 GiB');
  });

  it('goes from "not reported" to 32 and back for guest-phys-bits', () => {
    expect(steppedText(planned(), 'guestPhysBits', 'not reported', 1, choices)).toBe('32');
    expect(steppedText(planned(), 'guestPhysBits', '32', -1, choices)).toBe('0');
  });

  it('steps through the VM presets and the pool presets with "none" first', () => {
    expect(steppedText(planned(), 'vm', 'small-desktop', 1, choices)).toBe('gpu-2x');
    expect(steppedText(planned(), 'pool', 'none', 1, choices)).toBe('mixed-39-46-48');
  });

  it('does not step free text', () => {
    expect(steppedText(planned(), 'fwCfg', 'none', 1, choices)).toBeNull();
  });
});
