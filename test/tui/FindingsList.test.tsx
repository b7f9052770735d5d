import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { checkPool } from '../../src/core/pool/check.js';
import { poolPreset, vmSpec } from '../../src/api.js';
import { poolFindingItems } from '../../src/tui/derive.js';
import { FindingsList } from '../../src/tui/FindingsList.js';
import { PLAIN_THEME } from '../../src/tui/theme.js';

async function readmeFindings() {
  const vm = await vmSpec({ machineVersion: '7.2', memory: '32G', firmware: { pci64Mb: '131072' } });
  return poolFindingItems(checkPool(vm, await poolPreset('mixed-39-46-48'), { kind: 'fixed', physBits: 40 }));
}

describe('FindingsList', () => {
  it('lists the codes and where they apply, and explains the selected finding in full', async () => {
    const { lastFrame } = render(<FindingsList items={await readmeFindings()} selected={1} isFocused height={3} explanationHeight={3} width={70} theme={PLAIN_THEME} />);
    expect(lastFrame()).toBe([
      'Findings (5, 1 to 3 shown)',
      '  error   pool_guest_width_above_host [g1: desk-1, desk-2]',
      '> error   pool_guest_width_above_host [g2->g1 g3->g1: xeon-1, desk-...',
      '  warning pool_migration_cross_vendor [g2->g3: xeon-1, epyc-1]',
      '  [g2->g1 g3->g1: xeon-1, desk-1, desk-2, epyc-1] the guest sees',
      '  phys-bits 40 but the host has 39: KVM cannot back guest-physical',
      '  addresses above 2^39, and OVMF may trust the width and place BARs...',
    ].join('\n'));
  });

  it('scrolls to keep the selected finding in view, and shows no cursor when not focused', async () => {
    const { lastFrame } = render(<FindingsList items={await readmeFindings()} selected={4} isFocused={false} height={2} explanationHeight={1} width={70} theme={PLAIN_THEME} />);
    expect(lastFrame()).toBe([
      'Findings (5, 4 to 5 shown)',
      '  warning pool_migration_cross_vendor [g3->g1 g3->g2: epyc-1, desk-...',
      '  info    ovmf_width_untrusted [g1, g2: desk-1, desk-2, xeon-1]',
      '  [g1, g2: desk-1, desk-2, xeon-1] OVMF does not trust phys-bits 40...',
    ].join('\n'));
  });

  it('says when there is nothing to show', () => {
    expect(render(<FindingsList items={[]} selected={0} isFocused height={3} explanationHeight={3} width={70} theme={PLAIN_THEME} />).lastFrame()).toBe('Findings: none');
  });
});
