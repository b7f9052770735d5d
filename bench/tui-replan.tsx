/**
 * One keystroke's re-plan in the interactive planner with a 1,000-host pool (bench/fleet.mjs: 28 host groups), for
 * each view:
 * - `step` (the figures the targets are for: 8 ms in the plan view, 16 ms in the pool view): from a → or ← on
 *   phys-bits (each an input event of its own, as a terminal sends it) to the frame that shows the new width, the App
 *   running as `gpa-planner tui` runs it (same ink options, colour theme; ink renders to an in-memory terminal);
 * - `frame`: from the Enter that applies a new memory size to the frame that shows it
 *   written to the terminal, the App running as `gpa-planner tui` runs it (same ink options, colour theme; ink
 *   renders to an in-memory terminal). It takes in the input layer, the re-plan, React, ink's layout and output;
 * - `framePlain`: the same with NO_COLOR's plain theme;
 * - `replanOnly`: the new memory size through the input layer, then everything the screen derives (derive.ts
 *   `replan`: plan, pool check, in the pool view the recommendation's search over every setting, the map, the findings).
 * Bundled and run by bench/tui-replan.mjs (BENCH_RUNS runs); prints JSON with medians and 95th percentiles in ms.
 */
import { EventEmitter } from 'node:events';
import { render } from 'ink';
import type { HostSpec, PoolSpec } from '../src/core/spec.js';
import { isInputError } from '../src/input/input-error.js';
import { App } from '../src/tui/App.js';
import { planSetup, type TuiServices } from '../src/tui/services.js';
import { poolGroups, replan } from '../src/tui/derive.js';
import { loadavg } from 'node:os';
import type { Setup } from '../src/tui/setup.js';
import { initialState, type View } from '../src/tui/state.js';
import { COLOR_THEME, PLAIN_THEME, type Theme } from '../src/tui/theme.js';
import { MAX_FPS } from '../src/tui/run.js';

// @ts-expect-error: a plain .mjs module (the sweep benchmark's seeded fleet generator), typed below.
import { fleet as generatedFleet } from './fleet.mjs';

const HOSTS = 1000;
const RUNS = Number(process.env.BENCH_RUNS ?? 40);

/** 1,000 machines, 7 kinds of hardware times 4 software stacks, each listed on its own. */
const fleet = (): PoolSpec => generatedFleet(HOSTS) as { hosts: HostSpec[] };

/** A terminal in memory: what ink writes, and keys to send. */
class Terminal extends EventEmitter {
  readonly columns = 120;
  readonly rows = 40;
  /** The last write, without its colours and cursor moves. */
  frame = '';
  /** Writes so far: how many frames a keystroke costs. */
  writes = 0;
  write = (text: string) => {
    this.writes++;
    this.frame = text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    this.emit('frame');
    return true;
  };
}

class Keyboard extends EventEmitter {
  readonly isTTY = true;
  private pending: string | null = null;
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read = () => {
    const data = this.pending;
    this.pending = null;
    return data;
  };
  type(data: string) {
    this.pending = data;
    this.emit('readable');
  }
}

const services: TuiServices = {
  choices: { vmPresets: [], poolPresets: [], firmwarePresets: [] },
  plan: (setup) => planSetup(setup, []),
  loadVm: async () => ({ kind: 'input-error', message: 'not in the benchmark' }),
  loadPool: async () => ({ kind: 'input-error', message: 'not in the benchmark' }),
  exportFiles: async () => ({ kind: 'rejected', message: 'not in the benchmark' }),
};

const percentile = (xs: readonly number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const round = (x: number) => Math.round(x * 100) / 100;

const pool = { name: 'fleet-1000', spec: fleet() };
const GROUPS = poolGroups({ pool } as never)!.length;
const setup = (memory: string): Setup => ({
  flags: { memory, vendor: 'intel', physBits: '39', firmware: 'edk2-stable202402' },
  hostPhysBits: false, limit: undefined, vmName: null, vmEdited: false, pool,
});
/** Alternately a plain size and an expression, as typed. */
const memoryAt = (i: number) => (i % 2 === 0 ? `${9 + i}G` : `${9 + i}G + 512M`);
const summary = (times: readonly number[]) => ({ medianMs: round(percentile(times, 0.5)), p95Ms: round(percentile(times, 0.95)) });

async function measureReplan(view: View) {
  const groups = poolGroups(await planned(setup('8G')));
  const times: number[] = [];
  for (let i = 0; i < RUNS + 5; i++) {
    const start = performance.now();
    replan(await planned(setup(memoryAt(i))), view, 82, groups);
    if (i >= 5) times.push(performance.now() - start);
  }
  return summary(times);
}

async function planned(s: Setup) {
  const result = await planSetup(s, []);
  if (isInputError(result)) throw new Error(result.message);
  return result;
}

/** → and ← in turn on phys-bits (39 and 40), each key on its own, to the frame that shows the width it set. */
async function measureStep(view: View, theme: Theme) {
  const { terminal, keyboard, shows, app } = await started(view, theme);
  // memory is the field selected at the start; phys-bits is ten fields down.
  for (let i = 0; i < 10; i++) keyboard.type('\x1b[B');
  await shows(`${theme.cursor} phys-bits        39`);
  const times: number[] = [];
  let writes = 0;
  for (let i = 0; i < RUNS + 5; i++) {
    const [key, bits] = i % 2 === 0 ? ['\x1b[C', '40'] : ['\x1b[D', '39'];
    const before = terminal.writes;
    const start = performance.now();
    keyboard.type(key);
    await shows(`phys-bits        ${bits} `);
    if (i >= 5) times.push(performance.now() - start);
    if (i >= 5) writes += terminal.writes - before;
  }
  app.unmount();
  return { ...summary(times), framesPerKey: round(writes / RUNS) };
}

async function started(view: View, theme: Theme) {
  const planned = await planSetup(setup('8G'), []);
  if (isInputError(planned)) throw new Error(planned.message);
  const terminal = new Terminal();
  const keyboard = new Keyboard();
  const app = render(<App initial={initialState(planned, view)} services={services} theme={theme} />, {
    stdout: terminal as unknown as NodeJS.WriteStream, stdin: keyboard as unknown as NodeJS.ReadStream,
    exitOnCtrlC: false, patchConsole: false, maxFps: MAX_FPS,
  });
  const shows = (text: string) => new Promise<void>((resolve) => {
    const check = () => {
      if (!terminal.frame.includes(text)) return;
      terminal.off('frame', check);
      resolve();
    };
    terminal.on('frame', check);
    check();
  });
  await shows('memory');
  return { terminal, keyboard, shows, app };
}

async function measureFrame(view: View, theme: Theme) {
  const planned = await planSetup(setup('8G'), []);
  if (isInputError(planned)) throw new Error(planned.message);
  const terminal = new Terminal();
  const keyboard = new Keyboard();
  const app = render(<App initial={initialState(planned, view)} services={services} theme={theme} />, {
    stdout: terminal as unknown as NodeJS.WriteStream, stdin: keyboard as unknown as NodeJS.ReadStream,
    exitOnCtrlC: false, patchConsole: false, maxFps: MAX_FPS,
  });
  const shows = (text: string) => new Promise<void>((resolve) => {
    const check = () => {
      if (!terminal.frame.includes(text)) return;
      terminal.off('frame', check);
      resolve();
    };
    terminal.on('frame', check);
    check();
  });
  await shows('memory');
  const times: number[] = [];
  for (let i = 0; i < RUNS + 5; i++) {
    // Typing a digit over the field starts editing it.
    const memory = memoryAt(i);
    keyboard.type(memory);
    await shows(`${memory}${theme.editCaret}`);
    const start = performance.now();
    keyboard.type('\r');
    await shows(`memory           ${memory} `);
    if (i >= 5) times.push(performance.now() - start);
  }
  app.unmount();
  return summary(times);
}

const results = {
  hosts: HOSTS,
  groups: GROUPS,
  runs: RUNS,
  targetMs: { planView: 8, poolView: 16 },
  step: { planView: await measureStep('plan', COLOR_THEME), poolView: await measureStep('pool', COLOR_THEME) },
  frame: { planView: await measureFrame('plan', COLOR_THEME), poolView: await measureFrame('pool', COLOR_THEME) },
  framePlain: { planView: await measureFrame('plan', PLAIN_THEME), poolView: await measureFrame('pool', PLAIN_THEME) },
  replanOnly: { planView: await measureReplan('plan'), poolView: await measureReplan('pool') },
  // Figures from a busy machine are slower; the load is recorded with them.
  loadAverage: round(loadavg()[0]!),
};
console.log(JSON.stringify(results));
