import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { Footer } from '../../src/tui/Footer.js';
import { HeaderLine } from '../../src/tui/Header.js';
import { PLAIN_THEME } from '../../src/tui/theme.js';

describe('Footer', () => {
  it('shows the keys of the focused list, leaving out whole hints by priority where they do not fit', () => {
    const keys = (width: number, focus: 'fields' | 'groups' = 'fields', view: 'plan' | 'pool' = 'plan') =>
      render(<Footer mode={{ kind: 'browse' }} message={null} focus={focus} view={view} width={width} theme={PLAIN_THEME} />).lastFrame()!.split('\n');
    expect(keys(120)).toEqual(['', '', 'up/down field  left/right change  Enter type  Tab map  ? help  q quit  v pool  d devices  / filter  u undo  e export']);
    // 80 columns: "v pool" (78 columns with it) fits, "d devices" (89) does not, nor do the rest.
    expect(keys(80).at(-1)).toBe('up/down field  left/right change  Enter type  Tab map  ? help  q quit  v pool');
    // 77 columns with "d devices"; "/ filter" would make 87.
    expect(keys(80, 'groups', 'pool').at(-1)).toBe('up/down group  Enter its plan  Tab findings  ? help  q quit  v plan  d devices');
  });

  it('shows the input layer\'s message whole, over two lines when it is long', () => {
    const text = '--maxmem: invalid value of maxmem: maximum memory size (0x100000000) must be at least the initial memory size (0x200000000)';
    const { lastFrame } = render(<Footer mode={{ kind: 'edit', field: 'maxmem', text: '4G' }} message={{ tone: 'error', text, field: 'maxmem' }} focus="fields" view="plan" width={100} theme={PLAIN_THEME} />);
    expect(lastFrame()).toBe([
      'error: --maxmem: invalid value of maxmem: maximum memory size (0x100000000) must be at least the',
      'initial memory size (0x200000000)',
      'Enter apply  Esc cancel  Ctrl-U clear  type a value (sizes: 4G, 1T + 512G)  Backspace delete',
    ].join('\n'));
  });

  it('asks before overwriting exported files', () => {
    const { lastFrame } = render(<Footer mode={{ kind: 'confirm', stem: 'a', files: ['a.vm.json', 'a.pool.json'] }} message={null} focus="fields" view="pool" width={100} theme={PLAIN_THEME} />);
    expect(lastFrame()).toBe(['a.vm.json and a.pool.json exist: overwrite? (y/n)', '', 'y overwrite  n choose another name'].join('\n'));
  });
});

describe('HeaderLine', () => {
  it('shows both verdicts and the view, and cuts a line too long at its end to keep the view', () => {
    const header = (width: number) => render(
      <HeaderLine vmName="small-desktop*" qemuStarts={false} errors={1} warnings={0} pool={{ name: 'mixed-39-46-48', pass: false }} view="pool" width={width} theme={PLAIN_THEME} />,
    ).lastFrame();
    expect(header(100)).toBe('VM small-desktop*: QEMU refuses to start, 1 error   pool mixed-39-46-48: FAIL    plan [pool] devices');
    // Too narrow for all: the names are cut to 10 columns and the tabs to the view shown, so both verdicts still
    // show at 80 (69 + 2 + 6 columns).
    expect(header(80)).toBe('VM small-d...: QEMU refuses to start, 1 error   pool mixed-3...: FAIL     [pool]');
    expect(header(60)).toBe('VM small-d...: QEMU refuses to start, 1 error   p...  [pool]');
  });
});
