import { it } from 'vitest';
import { render } from 'ink-testing-library';
import { App } from '../../src/tui/App.js';
import { initialState } from '../../src/tui/state.js';
import { PLAIN_THEME } from '../../src/tui/theme.js';
import { servicesIn, plannedFor, tick } from '../tui/helpers.js';
const cases: [any, any, string[], number, number][] = JSON.parse(process.env.CASES ?? '[]');
it('shows', async () => {
  const services = await servicesIn();
  for (const [opts, view, keys, columns, rows] of cases) {
    const planned = await plannedFor(opts, services);
    const app = render(<App initial={initialState(planned, view)} services={services} theme={PLAIN_THEME} size={{ columns, rows }} />);
    await tick();
    for (const k of keys) { app.stdin.write(k); await tick(); await tick(); }
    await tick(); await tick();
    console.log(app.lastFrame()!.split('\n').map((l) => l + '|').join('\n'));
    app.unmount();
  }
}, 60000);
