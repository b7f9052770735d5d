/** Rendering the planner in tests: real presets, real services, the plain theme, ink-testing-library's 100 columns. */
import { render } from 'ink-testing-library';
import { App } from '../../src/tui/App.js';
import { createServices, type TuiServices } from '../../src/tui/services.js';
import { startingPlan, type TuiOptions } from '../../src/tui/run.js';
import { initialState } from '../../src/tui/state.js';
import { PLAIN_THEME } from '../../src/tui/theme.js';
import { isInputError } from '../../src/input/input-error.js';
import type { LoadedPool, Planned } from '../../src/tui/setup.js';
import type { PoolSpec } from '../../src/core/spec.js';

/** ink-testing-library's output is this wide. */
export const COLUMNS = 100;

export async function servicesIn(directory = process.cwd()): Promise<TuiServices> {
  const services = await createServices(directory);
  if (isInputError(services)) throw new Error(services.message);
  return services;
}

export async function plannedFor(options: TuiOptions, services?: TuiServices): Promise<Planned> {
  const planned = await startingPlan(options, services ?? (await servicesIn()));
  if (isInputError(planned)) throw new Error(planned.message);
  return planned;
}

/** Lets ink attach its input handler and flush a render. */
export const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

export async function renderApp(options: TuiOptions, { rows = 36, directory }: { rows?: number; directory?: string } = {}) {
  const services = await servicesIn(directory);
  const planned = await plannedFor(options, services);
  const app = render(<App initial={initialState(planned)} services={services} theme={PLAIN_THEME} size={{ columns: COLUMNS, rows }} />);
  await tick();
  return app;
}

/** Polls the last frame until it satisfies `check` (bounded: fails after `timeout` ms with the frame it saw). */
export async function frameWhere(app: { lastFrame: () => string | undefined }, check: (frame: string) => boolean, timeout = 10_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const frame = app.lastFrame() ?? '';
    if (check(frame)) return frame;
    if (Date.now() > deadline) throw new Error(`no frame matched within ${timeout} ms; last frame:\n${frame}`);
    await tick();
  }
}

/** The planner at a terminal size of the test's choosing, from a planned setup (a generated pool, say). */
export async function renderPlanned(planned: Planned, services: TuiServices, size: { columns: number; rows: number }, view: 'plan' | 'pool' | 'devices' = 'plan') {
  const app = render(<App initial={initialState(planned, view)} services={services} theme={PLAIN_THEME} size={size} />);
  await tick();
  return app;
}

/** bench/fleet.mjs's seeded 1,000 hosts (28 host groups) as a loaded pool. */
export async function fleetPool(): Promise<LoadedPool> {
  // @ts-expect-error: a plain .mjs module
  const { fleet } = await import('../../bench/fleet.mjs');
  return { name: 'fleet-1000', spec: fleet(1000) as PoolSpec };
}
