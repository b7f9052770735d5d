import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { checkPool } from '../../src/core/pool/check.js';
import { recommend } from '../../src/core/pool/recommend.js';
import { poolPreset, vmSpec } from '../../src/api.js';
import { PoolView, groupLines } from '../../src/tui/PoolView.js';
import { PLAIN_THEME } from '../../src/tui/theme.js';

/** The README's `pool check --vm presets/vms/gpu-2x.json --phys-bits 40` on mixed-39-46-48. */
async function readmeCheck() {
  const vm = await vmSpec({ machineVersion: '7.2', memory: '32G', firmware: { pci64Mb: '131072' } });
  const pool = await poolPreset('mixed-39-46-48');
  return { report: checkPool(vm, pool, { kind: 'fixed', physBits: 40 }), recommendation: recommend(vm, pool) };
}

describe('PoolView', () => {
  it('shows the README\'s failing check: groups, matrix, and the recommendation of phys-bits 39', async () => {
    const { report, recommendation } = await readmeCheck();
    const { lastFrame } = render(<PoolView poolName="mixed-39-46-48" report={report} recommendation={recommendation} reasonHeight={3} width={90} theme={PLAIN_THEME} />);
    expect(lastFrame()).toBe([
      'Pool mixed-39-46-48: 14 machines in 3 host groups',
      'Check of phys-bits=40 (fixed): FAIL',
      'group machines host CPU     QEMU OVMF   guest width aperture               boots',
      'g1    4        intel 39-bit 7.2  202211 40    38*   128 GiB @ 0x2000000000 NO',
      'g2    6        intel 46-bit 8.2  202402 40    38*   128 GiB @ 0x2000000000 yes',
      'g3    4        amd 48-bit   9.1  202408 40    40    128 GiB @ 0x2000000000 yes',
      'Migration (row: boot group, column: destination; x = fails, w = warnings, . = ok)',
      '      g1  g2  g3',
      '  g1  -   -   -',
      '  g2  x   .   w',
      '  g3  x   w   .',
      'Recommended: phys-bits=39 (fixed) (a applies it)',
      '  QEMU:    -cpu <model>,host-phys-bits=off,phys-bits=39',
      "  libvirt: <maxphysaddr mode='emulate' bits='39'/>",
      '  why: phys-bits=39 (fixed) passes on all 14 machines (4 of 38 settings pass); its',
      "  smallest 64-bit aperture, on the worst host, is 128 GiB; OVMF trusts the guest's width",
      '  on 10 of 14 machines; runner-up: host-phys-bits=on, limit 39, which gives the same re...',
    ].join('\n'));
  });

  it('says when the setting checked is the one recommended', async () => {
    const vm = await vmSpec({ machineVersion: '7.2', memory: '32G', firmware: { pci64Mb: '131072' } });
    const pool = await poolPreset('mixed-39-46-48');
    const { lastFrame } = render(<PoolView poolName="p" report={checkPool(vm, pool, { kind: 'fixed', physBits: 39 })} recommendation={recommend(vm, pool)} reasonHeight={1} width={90} theme={PLAIN_THEME} />);
    expect(lastFrame()!.split('\n')).toContain('Recommended: phys-bits=39 (fixed) (in use)');
  });
});

describe('groupLines', () => {
  it('leaves out the host names and the OVMF build to fit beside the fields', async () => {
    const { report } = await readmeCheck();
    expect(groupLines(report)[0]).toBe('group machines host CPU     QEMU OVMF   guest width aperture               boots');
  });
});
