import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { plan } from '../../src/core/plan.js';
import { GiB } from '../../src/core/units.js';
import { mapView } from '../../src/tui/derive.js';
import { AddressMap } from '../../src/tui/AddressMap.js';
import { PLAIN_THEME } from '../../src/tui/theme.js';
import { aHost, aPool, aVm } from '../builders.js';

/** docs/plan.md's small-desktop plan (npm start): pc-q35-7.2, 8 GiB, Intel phys-bits 39, edk2-stable202211. */
const smallDesktop = (memory = 8n * GiB) => plan(aVm({
  memory, machineVersion: { major: 7, minor: 2 }, qemuVersion: { major: 7, minor: 2 },
  cpu: { vendor: 'intel', physBits: 39, pdpe1gb: true }, firmware: { edk2: 'edk2-stable202211', build: 'ia32x64' },
}));

describe('AddressMap', () => {
  it('draws docs/plan.md\'s small-desktop map with the selected region pointed at and its exact numbers', () => {
    const { lastFrame } = render(<AddressMap view={mapView(smallDesktop(), null, 60)} selected={3} isFocused legendHeight={20} width={60} theme={PLAIN_THEME} />);
    expect(lastFrame()).toBe([
      'Guest physical address map: 0 to 2^39, widths by log2 of ...',
      'RRRRRRRRPPPPPPPFFFFRRRRRRRRQQQQQQQQQQ............AAAAAAAAAA|',
      '                   ^^^^^^^^',
      '0                  4G                                   2^39',
      '  RR RAM below 4 GiB                         2 GiB  QEMU',
      '  PP 32-bit PCI hole (MMCONFIG at 0xb...  2028 MiB  QEMU',
      '  FF IOAPIC, LAPIC, firmware flash          20 MiB  platform',
      '> RR RAM above 4 GiB                         6 GiB  QEMU',
      '  QQ pci-hole64 (what QEMU budgets fo...    32 GiB  QEMU',
      '  .. unused                                406 GiB',
      '  AA 64-bit PCI aperture (dynamic win...    64 GiB  OVMF',
      "   | 2^39: end of the guest CPU's physical address space ...",
      'RAM above 4 GiB (QEMU)',
      '  start 0x100000000  end 0x280000000 (exclusive)',
      '  size 0x180000000 = 6442450944 bytes = 6 GiB',
    ].join('\n'));
  });

  it('moves when the memory grows: 1 TiB of RAM crosses 2^39, and the map reaches the host\'s 2^46', () => {
    const view = mapView(smallDesktop(1024n * GiB), aPool(aHost({ name: 'xeon', physBits: 46 })), 60);
    const lines = render(<AddressMap view={view} selected={3} isFocused={false} legendHeight={2} width={60} theme={PLAIN_THEME} />).lastFrame()!.split('\n');
    expect(lines.slice(1, 4)).toEqual([
      'RRRRRRRPPPPPPFFFRRRRRRRRRR|RRRRRRRRRRQQQQQQQQQ.............|',
      '                ^^^^^^^^^^^^^^^^^^^^^',
      '0               4G        2^39                          2^46',
    ]);
    // A two-row legend scrolls to the selection (then the 2^39 inside it); no cursor without the focus.
    expect(lines.slice(4, 6)).toEqual(['  RR RAM above 4 GiB                      1022 GiB  QEMU', "   | 2^39: end of the guest CPU's physical address space ..."]);
    expect(lines.slice(7)).toEqual(['  start 0x100000000  end 0x10080000000 (exclusive)', '  size 0xff80000000 = 1097364144128 bytes = 1022 GiB']);
  });

  it('gives a marker its address', () => {
    const view = mapView(smallDesktop(), null, 60);
    const lines = render(<AddressMap view={view} selected={7} isFocused legendHeight={1} width={60} theme={PLAIN_THEME} />).lastFrame()!.split('\n');
    expect(lines.slice(2)).toEqual([
      '                                                           ^',
      '0                  4G                                   2^39',
      ">  | 2^39: end of the guest CPU's physical address space ...",
      "2^39: end of the guest CPU's physical address space (phys...",
      '  at 0x8000000000 = 549755813888 = 512 GiB',
      '',
    ]);
  });
});
