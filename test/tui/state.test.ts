import { describe, expect, it } from 'vitest';
import { type Action, type KeyContext, type TuiState, initialState, reduce, selectedField } from '../../src/tui/state.js';
import type { TuiKey } from '../../src/tui/keys.js';
import type { Planned } from '../../src/tui/setup.js';
import { GiB } from '../../src/core/units.js';
import { aVm } from '../builders.js';

const planned: Planned = {
  flags: { memory: '8G', physBits: '39' }, hostPhysBits: false, limit: undefined, vmName: 'small-desktop', vmEdited: false, pool: null,
  vm: aVm({ memory: 8n * GiB, cpu: { physBits: 39 } }), setting: { kind: 'fixed', physBits: 39 },
};
const context: KeyContext = {
  mapItems: 9, findings: 2, recommended: () => ({ kind: 'fixed', physBits: 40 }),
  choices: { vmPresets: ['small-desktop'], poolPresets: [], firmwarePresets: [] },
};

/** Reduces keys the way the App does: each key of a burst against the latest state. */
function press(state: TuiState, ...keys: (string | TuiKey)[]): TuiState {
  const decoded = keys.flatMap((k) => (typeof k === 'string' ? [...k].map((char) => ({ char })) : [k]));
  return decoded.reduce((s, key) => reduce(s, { type: 'key', key, context }), state);
}
const enter: TuiKey = { name: 'enter' };
const result = (state: TuiState, r: Extract<Action, { type: 'result' }>['result']) => reduce(state, { type: 'result', id: state.request!.id, result: r });

describe('reduce', () => {
  it('starts on the memory field, with nothing in flight', () => {
    const state = initialState(planned);
    expect(selectedField(state)).toBe('memory');
    expect(state.request).toBeNull();
  });

  it('starts typing over a field at a digit and asks the input layer about the text at Enter', () => {
    const state = press(initialState(planned), '1T + 512G', enter);
    expect(state.mode).toEqual({ kind: 'edit', field: 'memory', text: '1T + 512G' });
    expect(state.request).toMatchObject({ kind: 'plan', field: 'memory', text: '1T + 512G' });
    expect(state.request?.kind === 'plan' && state.request.setup.flags).toEqual({ memory: '1T + 512G', physBits: '39' });
  });

  it('shows the new plan and leaves the editor when the input layer accepts the value', () => {
    const next: Planned = { ...planned, flags: { memory: '16G', physBits: '39' }, vm: aVm({ memory: 16n * GiB, cpu: { physBits: 39 } }) };
    const state = result(press(initialState(planned), '16G', enter), { kind: 'planned', planned: next });
    expect(state.planned.vm.memory).toBe(16n * GiB);
    expect(state.mode).toEqual({ kind: 'browse' });
    expect(state.request).toBeNull();
  });

  it('keeps the last good plan and the text, with the input layer\'s message, when it refuses the value', () => {
    const message = '--memory: "1.1K" is not a whole number of bytes';
    const state = result(press(initialState(planned), '1.1K', enter), { kind: 'rejected', message });
    expect(state.planned).toBe(planned);
    expect(state.mode).toEqual({ kind: 'edit', field: 'memory', text: '1.1K' });
    expect(state.message).toEqual({ tone: 'error', text: message, field: 'memory' });
  });

  it('drops the answer to a request that is no longer in flight', () => {
    const asked = press(initialState(planned), '16G', enter);
    const stale = asked.request!.id;
    const retyped = press(asked, { name: 'backspace' });
    expect(retyped.request).toBeNull();
    expect(reduce(retyped, { type: 'result', id: stale, result: { kind: 'rejected', message: 'late' } })).toBe(retyped);
  });

  it('shows a value refused after ←/→ in its field until the field is left', () => {
    // memory is the second field: two steps up stop at the first
    expect(selectedField(press(initialState(planned), { name: 'up' }, { name: 'up' }))).toBe('vm');
    const onBits = press(initialState(planned), ...Array<TuiKey>(10).fill({ name: 'down' }));
    expect(selectedField(onBits)).toBe('physBits');
    const stepped = press(onBits, { name: 'right' });
    expect(stepped.request).toMatchObject({ kind: 'plan', field: 'physBits', text: '40' });
    const refused = result(stepped, { kind: 'rejected', message: '--phys-bits: no' });
    expect(refused.rejected).toEqual({ field: 'physBits', text: '40' });
    const left = press(refused, { name: 'down' });
    expect(left.rejected).toBeNull();
    expect(left.message).toBeNull();
  });

  it('loads a VM preset with ←/→ on the VM field, then plans its flags as loaded', () => {
    const onVm = press(initialState(planned), { name: 'up' });
    const asked = press(onVm, { name: 'right' });
    expect(asked.request).toMatchObject({ kind: 'load-vm', name: 'small-desktop' });
    const loaded = result(asked, { kind: 'vm-loaded', name: 'small-desktop', flags: { memory: '8G' }, hostPhysBits: null });
    expect(loaded.request).toMatchObject({ kind: 'plan', field: 'vm', setup: { flags: { memory: '8G' }, vmName: 'small-desktop', vmEdited: false } });
  });

  it('takes a loaded VM file\'s host-phys-bits as the phys-bits mode, with its limit', () => {
    const asked = press(press(initialState(planned), { name: 'up' }), { name: 'right' });
    const loaded = result(asked, { kind: 'vm-loaded', name: 'imported.json', flags: { memory: '8G' }, hostPhysBits: { limit: '39' } });
    expect(loaded.request).toMatchObject({ kind: 'plan', setup: { hostPhysBits: true, limit: '39', vmName: 'imported.json' } });
  });

  it('switches choices with Space but leaves sizes alone', () => {
    expect(press(initialState(planned), ' ').request).toBeNull();
    const onMachine = press(initialState(planned), { name: 'down' }, { name: 'down' }, { name: 'down' }, ' ');
    expect(onMachine.request).toMatchObject({ kind: 'plan', field: 'machine', text: 'pc' });
  });

  it('applies the recommended setting with a', () => {
    const state = press(initialState(planned), 'a');
    expect(state.request).toMatchObject({ kind: 'plan', setup: { hostPhysBits: false, flags: { physBits: '40' } }, note: 'applied the recommendation: phys-bits=40 (fixed)' });
  });

  it('moves the focus with Tab through the fields, the map and the findings, and clamps moves to the lists', () => {
    const map = press(initialState(planned), { name: 'tab' });
    expect(map.focus).toBe('map');
    expect(press(map, { name: 'end' }).mapItem).toBe(8);
    expect(press(map, { name: 'right' }, { name: 'right' }).mapItem).toBe(2);
    const findings = press(map, { name: 'tab' }, { name: 'pagedown' });
    expect([findings.focus, findings.finding]).toEqual(['findings', 1]);
    expect(press(findings, { name: 'tab' }).focus).toBe('fields');
  });

  it('switches views with v and d; the pool view has host groups to focus instead of the map', () => {
    const pool = press(initialState(planned), { name: 'tab' }, 'v');
    expect([pool.view, pool.focus]).toEqual(['pool', 'groups']);
    expect(press(pool, { name: 'tab' }).focus).toBe('findings');
    expect(press(pool, { name: 'tab' }, { name: 'tab' }, { name: 'tab' }).focus).toBe('groups');
    const devices = press(pool, 'd');
    expect([devices.view, devices.focus]).toEqual(['devices', 'devices']);
    expect(press(devices, { name: 'tab' }).focus).toBe('fields');
    expect(press(devices, 'd').view).toBe('plan');
  });

  it('asks before overwriting on export, and writes over the files only after y', () => {
    const asked = press(initialState(planned), 'e', enter);
    expect(asked.request).toMatchObject({ kind: 'export', stem: 'small-desktop', overwrite: false });
    const confirm = result(asked, { kind: 'exists', files: ['small-desktop.vm.json'] });
    expect(confirm.mode).toEqual({ kind: 'confirm', stem: 'small-desktop', files: ['small-desktop.vm.json'] });
    expect(press(confirm, 'n').mode).toEqual({ kind: 'export', text: 'small-desktop' });
    expect(press(confirm, 'y').request).toMatchObject({ kind: 'export', stem: 'small-desktop', overwrite: true });
  });

  it('opens help with ? and scrolls it, within its lines; any other key closes it; q quits', () => {
    const help = press(initialState(planned), '?');
    expect(help.mode).toEqual({ kind: 'help', top: 0 });
    // 51 lines in 19 rows: the last top line is 32.
    const helpContext = { ...context, helpLines: 51, helpRows: 19 };
    const scroll = (state: TuiState, ...keys: TuiKey[]) => keys.reduce((s, key) => reduce(s, { type: 'key', key, context: helpContext }), state);
    expect(scroll(help, { name: 'pagedown' }, { char: 'j' }).mode).toEqual({ kind: 'help', top: 20 });
    expect(scroll(help, { name: 'end' }).mode).toEqual({ kind: 'help', top: 32 });
    expect(scroll(help, { name: 'end' }, { name: 'pagedown' }, { name: 'up' }).mode).toEqual({ kind: 'help', top: 31 });
    expect(scroll(help, { name: 'up' }).mode).toEqual({ kind: 'help', top: 0 });
    expect(press(help, 'x').mode).toEqual({ kind: 'browse' });
    expect(press(initialState(planned), 'q').quit).toBe(true);
  });

  it('queues steps that come while a request is in flight, and makes each from the state the one before leads to', () => {
    const onBits = press(initialState(planned), ...Array<TuiKey>(10).fill({ name: 'down' }));
    // Three → before any answer (tmux send-keys Right Right Right): one request, two steps waiting.
    const sent = press(onBits, { name: 'right' }, { name: 'right' }, { name: 'right' });
    expect(sent.request).toMatchObject({ kind: 'plan', field: 'physBits', text: '40' });
    expect(sent.queued.map((q) => [q.field, q.direction])).toEqual([['physBits', 1], ['physBits', 1]]);
    const at = (bits: number): Planned => ({ ...planned, flags: { ...planned.flags, physBits: String(bits) }, vm: aVm({ memory: 8n * GiB, cpu: { physBits: bits } }), setting: { kind: 'fixed', physBits: bits } });
    const second = result(sent, { kind: 'planned', planned: at(40) });
    expect(second.request).toMatchObject({ kind: 'plan', text: '41' });
    const third = result(second, { kind: 'planned', planned: at(41) });
    expect(third.request).toMatchObject({ kind: 'plan', text: '42' });
    const done = result(third, { kind: 'planned', planned: at(42) });
    expect([done.request, done.queued, done.planned.vm.cpu.physBits]).toEqual([null, [], 42]);
  });

  it('drops the queued steps when the value before them is refused', () => {
    const onBits = press(initialState(planned), ...Array<TuiKey>(10).fill({ name: 'down' }));
    const sent = press(onBits, { name: 'right' }, { name: 'right' });
    const refused = result(sent, { kind: 'rejected', message: '--phys-bits: no' });
    expect([refused.request, refused.queued]).toEqual([null, []]);
  });

  it('undoes the last change with u, at once, and says when there is nothing to undo', () => {
    const next: Planned = { ...planned, flags: { memory: '16G', physBits: '39' }, vm: aVm({ memory: 16n * GiB, cpu: { physBits: 39 } }) };
    const changed = result(press(initialState(planned), '16G', enter), { kind: 'planned', planned: next });
    const undone = press(changed, 'u');
    expect([undone.planned, undone.history, undone.request]).toEqual([planned, [], null]);
    expect(press(undone, 'u').message).toEqual({ tone: 'info', text: 'nothing to undo', field: null });
  });

  it('applies the devices\' fixes with x and p in the devices view only', () => {
    const fixes = { ...context, fixes: () => ({ knobMib: 464896n, physBits: 42 }) };
    const key = (state: TuiState, char: string) => reduce(state, { type: 'key', key: { char }, context: fixes });
    const devices = press(initialState(planned), 'd');
    expect(key(devices, 'x').request).toMatchObject({ kind: 'plan', field: 'pci64Mb', setup: { flags: { pci64Mb: '464896' } }, note: 'applied X-PciMmio64Mb=464896 (--pci64-mb 464896); u undoes it' });
    expect(key(devices, 'p').request).toMatchObject({ kind: 'plan', field: 'physBits', setup: { hostPhysBits: false, flags: { physBits: '42' } } });
    expect(key(initialState(planned), 'x').request).toBeNull();
  });

  it('filters as / is typed; Enter keeps the filter and goes to the list, Esc drops it', () => {
    const pool = press(initialState(planned, 'pool'), '/', 'amd');
    expect([pool.mode, pool.filter]).toEqual([{ kind: 'filter', text: 'amd' }, 'amd']);
    const kept = press(pool, enter);
    expect([kept.mode.kind, kept.filter, kept.focus]).toEqual(['browse', 'amd', 'groups']);
    expect(press(pool, { name: 'escape' }).filter).toBe('');
    expect(press(kept, { name: 'escape' }).filter).toBe('');
  });

  it('opens the selected host group with Enter (its index in the pool report) and closes it with Esc', () => {
    const groups = { ...context, groups: 2, groupAt: (i: number) => [0, 2][i]! };
    const key = (state: TuiState, k: TuiKey) => reduce(state, { type: 'key', key: k, context: groups });
    const onSecond = key(key(press(initialState(planned, 'pool'), { name: 'tab' }), { name: 'down' }), enter);
    expect([onSecond.openGroup, onSecond.focus]).toEqual([2, 'map']);
    expect([key(onSecond, { name: 'escape' }).openGroup, key(onSecond, { name: 'escape' }).focus]).toEqual([null, 'groups']);
  });

  it('says so when a firmware preset brings another OVMF build, unless the build field is set', () => {
    const base = aVm({ memory: 8n * GiB, cpu: { physBits: 39 } });
    // debian-12 is edk2-stable202211 built as OvmfPkgIa32X64 (presets/firmware): the build changes from x64.
    const debian: Planned = { ...planned, flags: { ...planned.flags, firmware: 'debian-12' }, vm: { ...base, firmware: { ...base.firmware, edk2: 'edk2-stable202211', build: 'ia32x64' } } };
    const start: Planned = { ...planned, vm: { ...base, firmware: { ...base.firmware, build: 'x64' } } };
    const onFirmware = press(initialState(start), ...Array<TuiKey>(15).fill({ name: 'down' }));
    expect(selectedField(onFirmware)).toBe('firmware');
    const typed = result(press(onFirmware, { name: 'enter' }, { name: 'clear' }, 'debian-12', enter), { kind: 'planned', planned: debian });
    expect(typed.message).toEqual({ tone: 'info', field: 'firmware', text: 'firmware edk2-stable202211: the OVMF build is now ia32x64 (x64 before); set the OVMF build field to choose it' });
    const pinned: Planned = { ...debian, flags: { ...debian.flags, ovmfBuild: 'ia32x64' } };
    expect(result(press(onFirmware, { name: 'enter' }, { name: 'clear' }, 'debian-12', enter), { kind: 'planned', planned: pinned }).message).toBeNull();
  });

  it('quits on Ctrl-C from any mode, typing included', () => {
    const typing = press(initialState(planned), '16');
    expect(typing.mode.kind).toBe('edit');
    expect(press(typing, { name: 'interrupt' }).quit).toBe(true);
    expect(press(press(initialState(planned), '?'), { name: 'interrupt' }).quit).toBe(true);
  });
});
