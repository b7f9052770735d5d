import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { fleetPool, plannedFor, renderPlanned, servicesIn, tick } from '../tui/helpers.js';
const K = { down: '\x1b[B', up: '\x1b[A', right: '\x1b[C', left: '\x1b[D', pgdn: '\x1b[6~', end: '\x1b[F', home: '\x1b[H', tab: '\t', esc: '\x1b' };
it('dump', async () => {
  const services = await servicesIn();
  const fleet = await fleetPool();
  const out: string[] = [];
  const scen: [string, any, any, string[], number, number, boolean?][] = [
    ['plan80', { preset: 'small-desktop', poolPreset: 'mixed-39-46-48' }, 'plan', [], 80, 24],
    ['pool160', { preset: 'gpu-4x', poolPreset: 'mixed-39-46-48' }, 'pool', [], 160, 48],
    ['fleet80', { preset: 'gpu-4x' }, 'pool', [K.tab], 80, 24, true],
    ['fleet80end', { preset: 'gpu-4x' }, 'pool', [K.tab, K.end], 80, 24, true],
    ['fleetfind', { preset: 'gpu-4x' }, 'pool', [K.tab, K.tab, K.pgdn], 80, 24, true],
    ['dev80', { preset: 'gpu-4x' }, 'devices', [], 80, 24],
    ['dev80end', { preset: 'gpu-4x' }, 'devices', [K.tab, K.end], 80, 24],
    ['dev80x', { preset: 'gpu-4x' }, 'devices', ['x'], 80, 24],
    ['filter', { preset: 'small-desktop', poolPreset: 'mixed-39-46-48' }, 'pool', ['/amd\r'], 80, 24],
    ['group', { preset: 'small-desktop', poolPreset: 'mixed-39-46-48' }, 'pool', [K.tab, K.down, K.down, '\r'], 80, 24],
    ['chunk', { preset: 'small-desktop', poolPreset: 'mixed-39-46-48' }, 'plan', [K.down.repeat(10), K.right + K.right + K.right], 80, 24],
    ['help160', { preset: 'small-desktop', poolPreset: 'mixed-39-46-48' }, 'plan', ['?', K.pgdn], 160, 48],
  ];
  for (const [name, opts, view, keys, columns, rows, useFleet] of scen) {
    let planned = await plannedFor(opts, services);
    if (useFleet) {
      const p = await services.plan({ ...planned, pool: fleet });
      if ('kind' in p) throw new Error(p.message);
      planned = p;
    }
    const app = await renderPlanned(planned, services, { columns, rows }, view);
    for (const k of keys) { app.stdin.write(k); for (let i = 0; i < 8; i++) await tick(); }
    for (let i = 0; i < 5; i++) await tick();
    out.push(`=== ${name}`, ...app.lastFrame()!.split('\n').map((l) => l + '|'));
    app.unmount();
  }
  writeFileSync('/tmp/tui-dump.txt', out.join('\n'));
}, 120000);
