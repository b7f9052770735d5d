import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { checkPool } from '../../src/core/pool/check.js';
import { recommend } from '../../src/core/pool/recommend.js';
import { poolPreset, vmSpec } from '../../src/api.js';
import { MatrixLines, PoolSummary, RecommendationLines, recommendationExtra } from '../../src/tui/PoolView.js';
import { groupTable } from '../../src/tui/pane-lines.js';
import { PLAIN_THEME } from '../../src/tui/theme.js';

/** docs/pool.md's `pool check --vm presets/vms/gpu-2x.json --phys-bits 40` on mixed-39-46-48 (the vendor pinned). */
// The CLI's pool commands give it the newest machine type every host's QEMU offers: pc-q35-7.2 here.
const gpu2x: Parameters<typeof vmSpec>[0] = {
  machineVersion: '7.2', memory: '32G', cpu: { vendor: 'intel', vendorPinned: true }, devices: [{ preset: 'nvidia-l40s', count: 2 }], firmware: { pci64Mb: '197632' },
};
async function readmeCheck() {
  const vm = await vmSpec(gpu2x);
  const pool = await poolPreset('mixed-39-46-48');
  return { report: checkPool(vm, pool, { kind: 'fixed', physBits: 40 }), recommendation: recommend(vm, pool) };
}

describe('the pool view\'s parts', () => {
  it('shows docs/pool.md\'s failing check, its matrix, and the recommendation of phys-bits 39 with its reason in full', async () => {
    const { report, recommendation } = await readmeCheck();
    const frame = (node: React.ReactElement) => render(node).lastFrame();
    expect(frame(<PoolSummary poolName="mixed-39-46-48" report={report} width={90} theme={PLAIN_THEME} />)).toBe(
      'Pool mixed-39-46-48: 14 machines in 3 host groups\nCheck of phys-bits=40 (fixed): FAIL',
    );
    expect(frame(<MatrixLines report={report} width={90} theme={PLAIN_THEME} />)).toBe([
      'Migration (row: boot group, column: destination; x = fails, w = warnings, . = ok)',
      '      g1  g2  g3',
      '  g1  -   -   -',
      '  g2  x   .   w',
      '  g3  x   w   .',
    ].join('\n'));
    const extra = recommendationExtra(recommendation, report, 90, PLAIN_THEME);
    expect(frame(<RecommendationLines report={report} recommendation={recommendation} extra={extra} width={90} theme={PLAIN_THEME} />)).toBe([
      'Recommended: phys-bits=39 (fixed) (a applies it)',
      '  QEMU:    -cpu <model>,host-phys-bits=off,phys-bits=39',
      "  libvirt: <maxphysaddr mode='emulate' bits='39'/>",
      '  why: phys-bits=39 (fixed) passes on all 14 machines (2 of 38 settings pass); its',
      "  smallest 64-bit aperture, on the worst host, is 193 GiB; OVMF trusts the guest's width",
      '  on 14 of 14 machines; runner-up: host-phys-bits=on, limit 39, which gives the same',
      '  result but makes the guest ABI depend on the host.',
    ].join('\n'));
  });

  it('says when the setting checked is the one recommended', async () => {
    const vm = await vmSpec(gpu2x);
    const pool = await poolPreset('mixed-39-46-48');
    const report = checkPool(vm, pool, { kind: 'fixed', physBits: 39 });
    const { lastFrame } = render(<RecommendationLines report={report} recommendation={recommend(vm, pool)} extra={[]} width={90} theme={PLAIN_THEME} />);
    expect(lastFrame()).toBe('Recommended: phys-bits=39 (fixed) (in use)');
  });
});

describe('groupTable', () => {
  it('folds the least telling columns first: host names, then the aperture, guest, OVMF', async () => {
    const { report } = await readmeCheck();
    // Every column: 95 columns wide with the host names.
    expect(groupTable(report.groups, 120, PLAIN_THEME).header).toBe('group machines hosts          host CPU     QEMU OVMF           guest width aperture               boots');
    expect(groupTable(report.groups, 90, PLAIN_THEME).header).toBe('group machines host CPU     QEMU OVMF           guest width aperture               boots');
    // Beside the fields at 80 columns (48): group, machines, host CPU, QEMU, width, boots.
    const narrow = groupTable(report.groups, 48, PLAIN_THEME);
    expect([narrow.header, ...narrow.lines.map((l) => l.text)]).toEqual([
      'group machines host CPU     QEMU width boots',
      'g1    4        intel 39-bit 7.2  39*   NO',
      'g2    6        intel 46-bit 8.2  39*   yes',
      'g3    4        amd 48-bit   9.1  39*   yes',
    ]);
  });
});
