/**
 * Exact frames of the planner at 80x24 (the size people still open) and 160x48 (issue 18): what always shows at
 * 80x24 (the verdicts in the header, the active field, the map, the keys), scrolled panes with their position, a
 * multi-key chunk, the devices pane and its fixes, a filtered list, an opened host group. Real presets and real
 * services; the 1,000-host pool is bench/fleet.mjs's seeded fleet (28 host groups).
 */
import { describe, expect, it } from 'vitest';
import { fleetPool, frameWhere, plannedFor, renderPlanned, servicesIn, tick } from './helpers.js';
import { isInputError } from '../../src/input/input-error.js';
import { cli } from '../cli/run-cli.js';

const DOWN = '\x1b[B';
const RIGHT = '\x1b[C';
const END = '\x1b[F';
const PAGE_DOWN = '\x1b[6~';
const TAB = '\t';
const SMALL = { columns: 80, rows: 24 };
const LARGE = { columns: 160, rows: 48 };
const line = (frame: string, containing: string) => frame.split('\n').find((l) => l.includes(containing)) ?? '';

async function start(options: Parameters<typeof plannedFor>[0], size: { columns: number; rows: number }, view: 'plan' | 'pool' | 'devices' = 'plan', fleet = false) {
  const services = await servicesIn();
  let planned = await plannedFor(options, services);
  if (fleet) {
    const onFleet = await services.plan({ ...planned, pool: await fleetPool() });
    if (isInputError(onFleet)) throw new Error(onFleet.message);
    planned = onFleet;
  }
  return renderPlanned(planned, services, size, view);
}

/** Writes one chunk and waits for the frame that satisfies `check`. */
async function type(app: Awaited<ReturnType<typeof start>>, chunk: string, check: (frame: string) => boolean) {
  app.stdin.write(chunk);
  return frameWhere(app, check);
}

describe('the planner at 80x24 and 160x48', { timeout: 30_000 }, () => {
  it('at 80x24 keeps the verdicts, the active field, the map and the keys; the labels and less telling hints fold', async () => {
    const app = await start({ preset: 'small-desktop', poolPreset: 'mixed-39-46-48' }, SMALL);
    expect(await frameWhere(app, (f) => f.includes('Findings (0)'))).toBe([
      "VM small-desktop: QEMU starts   pool mixed-39-46-48: FAIL    [plan] pool devices",
      "VM                            Guest physical address map: 0 to 2^48, widths b...",
      "  VM           small-desktop  RRRRPPPPFFRRRRQQQQQ......AAAAAA|........|........|",
      "> memory       8G             ^^^^",
      "  maxmem       8 GiB          0         4G                   2^39     2^46  2^48",
      "  slots        0                RR RAM below 4 GiB               2 GiB  QEMU",
      "  machine      q35              PP 32-bit PCI hole (MMCON...  2028 MiB  QEMU",
      "  machine ver  7.2              FF IOAPIC, LAPIC, firmwar...    20 MiB  platform",
      "  QEMU version 7.2              RR RAM above 4 GiB               6 GiB  QEMU",
      "  max-ram<4g   machine de...    QQ pci-hole64 (what QEMU ...    32 GiB  QEMU",
      "  hole64 size  default (3...  RAM below 4 GiB (QEMU)",
      "  CXL windows  none             start 0x0  end 0x80000000 (exclusive)",
      "  vendor       intel            size 0x80000000 = 2147483648 bytes = 2 GiB",
      "  phys-bits    39",
      "  guest-bits   not reported   QEMU starts: highest used address 0xa7fffffff ≤...",
      "  1 GiB pages  on               etc/reserved-memory-end: absent (no hotplug a...",
      "  la57         off            OVMF edk2-stable202211 (family D22): PhysMemAdd...",
      "  long mode    on               width trusted from CPUID (39)",
      "  firmware     debian-12",
      "  OVMF build   ia32x64          Findings (0)",
      "",
      "",
      "up/down field  left/right change  Enter type  Tab map  ? help  q quit  v pool",
    ].join('\n'));
    app.unmount();
  });

  it('at 160x48 shows the pool check whole: every column, the matrix, the recommendation and each finding\'s explanation', async () => {
    // gpu-4x on mixed-39-46-48 with phys-bits 40: no host places the four 64 GiB BARs, so nothing passes.
    const app = await start({ preset: 'gpu-4x', poolPreset: 'mixed-39-46-48' }, LARGE, 'pool');
    expect(await frameWhere(app, (f) => f.includes('Findings (4)'))).toBe([
      "VM gpu-4x: QEMU starts, 1 error, 1 warning   pool mixed-39-46-48: FAIL                                                                       plan [pool] devices",
      "VM                                    Pool mixed-39-46-48: 14 machines in 3 host groups",
      "  VM               gpu-4x             Check of phys-bits=40 (fixed): FAIL",
      "> memory           128G                 Host groups (3)",
      "  maxmem           128 GiB              group machines hosts          host CPU     QEMU OVMF           guest width aperture               boots",
      "  slots            0                    g1    4        desk-1, desk-2 intel 39-bit 7.2  202211 ia32x64 40    38*   32 GiB @ 0x2800000000  NO",
      "  machine          q35                  g2    6        xeon-1         intel 46-bit 8.2  202402 x64     40    38*   32 GiB @ 0x2800000000  NO",
      "  machine version  7.2                  g3    4        epyc-1         amd 48-bit   9.1  202408 ia32x64 40    40    128 GiB @ 0xc000000000 NO",
      "  QEMU version     11.1               Migration (row: boot group, column: destination; x = fails, w = warnings, . = ok)",
      "  max-ram-below-4g machine default          g1  g2  g3",
      "  pci-hole64-size  default (32 GiB)     g1  -   -   -",
      "  CXL windows      none                 g2  -   -   -",
      "  vendor           intel                g3  -   -   -",
      "  phys-bits        40",
      "  guest-phys-bits  not reported       No setting passes on every host",
      "  1 GiB pages      on                   why: none of the 38 settings passes on every host",
      "  la57             off                  Hosts that fail every setting, even alone:",
      "  long mode        on                     desk-1, desk-2 (4 machines, 39-bit): ovmf_devices_rejected (the devices do not fit the 64-bit aperture, OVMF rejects",
      "  firmware         edk2-stable202608        some), at phys-bits 39, their own width",
      "  OVMF build       x64                  Without them (xeon-1, epyc-1): every setting that boots on each host fails a migration: pool_migration_cross_vendor",
      "  5-level build    off                    (the guest's CPU vendor changes; pin it with --vendor-pinned or cpu.vendorPinned), pool_migration_width_shrinks (the",
      "  X-PciMmio64Mb    absent                 guest's phys-bits shrinks under it)",
      "  fw_cfg           none",
      "  devices          nvidia-l40s,co...    Findings (4)",
      "  empty root ports 2                    error   ovmf_pci_allocation_failed [g1, g2: desk-1, desk-2, xeon-1]",
      "Pool                                      [g1, g2: desk-1, desk-2, xeon-1] the devices need 448 GiB + 32 MiB aligned to 64 GiB, which does not fit the 64-bit",
      "  pool             mixed-39-46-48         aperture [0x2800000000, 0x3000000000); OVMF rejects nvidia-l40s#4, nvidia-l40s#3, nvidia-l40s#2 and nvidia-l40s#1,",
      "  phys-bits mode   fixed                  which leaves no 64-bit request, and then its host bridge retries the failed one and gives up: no device on the root",
      "  phys-bits limit  n/a (fixed mode)       bus is programmed, 32-bit BARs included",
      "                                        error   pool_guest_width_above_host [g1: desk-1, desk-2]",
      "                                        error   ovmf_devices_rejected [g3: epyc-1]",
      "                                        info    ovmf_width_untrusted [g1, g2: desk-1, desk-2, xeon-1]",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "up/down field  left/right change  Enter type  Tab groups  ? help  q quit  v plan  d devices  / filter  u undo  a apply recommended  e export",
    ].join('\n'));
    app.unmount();
  });

  it('counts every key of a chunk: three → sent at once move phys-bits from 39 to 42', async () => {
    const app = await start({ preset: 'small-desktop', poolPreset: 'mixed-39-46-48' }, SMALL);
    await type(app, DOWN.repeat(10), (f) => f.includes('> phys-bits    39'));
    // One write, three arrow keys (tmux send-keys Right Right Right): each step waits for the one before.
    const frame = await type(app, RIGHT + RIGHT + RIGHT, (f) => f.includes('width trusted from CPUID (42)'));
    expect(frame).toBe([
      "VM small-desktop*: QEMU starts   pool mixed-39-46-48: FAIL   [plan] pool devices",
      "  maxmem       8 GiB          Guest physical address map: 0 to 2^48, widths b...",
      "  slots        0              RRRRPPPFFRRRRQQQQ.....|......AAAAA|......|.......|",
      "  machine      q35            ^^^^",
      "  machine ver  7.2            0        4G           2^39        2^42   2^46 2^48",
      "  QEMU version 7.2              RR RAM below 4 GiB               2 GiB  QEMU",
      "  max-ram<4g   machine de...    PP 32-bit PCI hole (MMCON...  2028 MiB  QEMU",
      "  hole64 size  default (3...    FF IOAPIC, LAPIC, firmwar...    20 MiB  platform",
      "  CXL windows  none             RR RAM above 4 GiB               6 GiB  QEMU",
      "  vendor       intel            QQ pci-hole64 (what QEMU ...    32 GiB  QEMU",
      "> phys-bits    42             RAM below 4 GiB (QEMU)",
      "  guest-bits   not reported     start 0x0  end 0x80000000 (exclusive)",
      "  1 GiB pages  on               size 0x80000000 = 2147483648 bytes = 2 GiB",
      "  la57         off",
      "  long mode    on             QEMU starts: highest used address 0xa7fffffff ≤...",
      "  firmware     debian-12        etc/reserved-memory-end: absent (no hotplug a...",
      "  OVMF build   ia32x64        OVMF edk2-stable202211 (family D22): PhysMemAdd...",
      "  5-level      off              width trusted from CPUID (42)",
      "  PciMmio64Mb  absent",
      "  fw_cfg       none             Findings (0)",
      "",
      "",
      "up/down field  left/right change  Enter type  Tab map  ? help  q quit  v pool",
    ].join('\n'));
    app.unmount();
  });

  it('scrolls the 28 host groups of the 1,000-host pool, showing the position, to the last group', async () => {
    const app = await start({ preset: 'gpu-4x' }, SMALL, 'pool', true);
    const first = await type(app, TAB, (f) => f.includes('> Host groups'));
    // 24 rows: 19 for the body; 3 fixed (pool, verdict, recommendation), the groups pane 12 (title, column names,
    // 10 groups), the findings pane 4.
    expect(first).toBe([
      "VM gpu-4x: QEMU starts, 1 error, 1 warning   pool fleet-1000: FAIL        [pool]",
      "VM                            Pool fleet-1000: 1000 machines in 28 host groups",
      "  VM           gpu-4x         Check of phys-bits=40 (fixed): FAIL",
      "  memory       128G           > Host groups (28), Enter: its plan     1-10 of 28",
      "  maxmem       128 GiB          group machines host CPU          width boots",
      "  slots        0              > g1    77       amd 48-bit        40    NO",
      "  machine      q35              g2    21       intel 52-bit la57 38*   NO",
      "  machine ver  7.2              g3    8        amd 43-bit        40    NO",
      "  QEMU version 11.1             g4    56       amd 48-bit        40    NO",
      "  max-ram<4g   machine de...    g5    86       intel 46-bit      38*   NO",
      "  hole64 size  default (3...    g6    26       intel 52-bit la57 38*   NO",
      "  CXL windows  none             g7    85       intel 46-bit      38*   NO",
      "  vendor       intel            g8    95       intel 46-bit      38*   NO",
      "  phys-bits    40               g9    23       intel 52-bit la57 38*   NO",
      "  guest-bits   not reported     g10   31       intel 39-bit      38*   NO",
      "  1 GiB pages  on             No setting passes on every host",
      "  la57         off              Findings (6)                            1-1 of 6",
      "  long mode    on               error   ovmf_aperture_overlaps_e820 [g1, g19,...",
      "  firmware     edk2-stabl...      [g1, g19, g20: h0, h15, h50, h88, h95, h103",
      "  OVMF build   x64                +103 more] the 64-bit aperture [0xe000000000,",
      "",
      "",
      "up/down group  Enter its plan  Tab findings  ? help  q quit  v plan  d devices",
    ].join('\n'));
    expect(await type(app, END, (f) => f.includes('19-28 of 28'))).toBe([
      "VM gpu-4x: QEMU starts, 1 error, 1 warning   pool fleet-1000: FAIL        [pool]",
      "VM                            Pool fleet-1000: 1000 machines in 28 host groups",
      "  VM           gpu-4x         Check of phys-bits=40 (fixed): FAIL",
      "  memory       128G           > Host groups (28), Enter: its plan    19-28 of 28",
      "  maxmem       128 GiB          group machines host CPU          width boots",
      "  slots        0                g19   18       amd 52-bit la57   40    NO",
      "  machine      q35              g20   14       amd 43-bit        40    NO",
      "  machine ver  7.2              g21   22       intel 52-bit la57 38*   NO",
      "  QEMU version 11.1             g22   21       intel 39-bit      38*   NO",
      "  max-ram<4g   machine de...    g23   27       intel 39-bit      38*   NO",
      "  hole64 size  default (3...    g24   20       amd 52-bit la57   40    NO",
      "  CXL windows  none             g25   25       intel 39-bit      38*   NO",
      "  vendor       intel            g26   15       intel 52-bit      38*   NO",
      "  phys-bits    40               g27   8        amd 43-bit        40    NO",
      "  guest-bits   not reported   > g28   8        intel 52-bit      38*   NO",
      "  1 GiB pages  on             No setting passes on every host",
      "  la57         off              Findings (6)                            1-1 of 6",
      "  long mode    on               error   ovmf_aperture_overlaps_e820 [g1, g19,...",
      "  firmware     edk2-stabl...      [g1, g19, g20: h0, h15, h50, h88, h95, h103",
      "  OVMF build   x64                +103 more] the 64-bit aperture [0xe000000000,",
      "",
      "",
      "up/down group  Enter its plan  Tab findings  ? help  q quit  v plan  d devices",
    ].join('\n'));
    app.unmount();
  });

  it('scrolls the findings a page at a time, the selected one explained in full', async () => {
    const app = await start({ preset: 'gpu-4x' }, SMALL, 'pool', true);
    await type(app, TAB + TAB, (f) => f.includes('> Findings (6)'));
    const frame = await type(app, PAGE_DOWN, (f) => f.includes('3-6 of 6'));
    // The last finding's explanation, wrapped to the pane, to its last word. Past 6 groups the place names the first 6
    // and counts the rest (16 groups: g2 ... g9 and 10 more), as the pool text does.
    expect(frame.split('\n').slice(12, 20)).toEqual([
      "  vendor       intel          > info    ovmf_width_untrusted [g2, g5, g6, g7,...",
      "  phys-bits    40                 [g2, g5, g6, g7, g8, g9 +10 groups: h1, h123,",
      "  guest-bits   not reported       h308, h327, h335, h344 +597 more] OVMF does",
      "  1 GiB pages  on                 not trust phys-bits 40 from CPUID for this",
      "  la57         off                vendor (it trusts Intel 36 or 39, AMD 40, any",
      "  long mode    on                 vendor from 41, or GuestPhysBits), so it uses",
      "  firmware     edk2-stabl...      the classic window and derives the width from",
      "  OVMF build   x64                it",
    ]);
    app.unmount();
  });

  it('shows the devices pane: every BAR unassigned, the verdict and both fixes, and scrolls to the last release', async () => {
    const app = await start({ preset: 'gpu-4x' }, SMALL, 'devices');
    const frame = await frameWhere(app, (f) => f.includes('1-9 of 19'));
    // 19 rows: 12 BARs, 6 root ports, 1 span of releases. The fixes are those of `plan --preset gpu-4x`.
    expect(frame).toBe([
      "VM gpu-4x: QEMU starts, 1 error   no pool                    plan pool [devices]",
      "VM                            4 devices, 12 BARs: 12 unassigned, the devices",
      "  VM           gpu-4x           do not fit (they need 448 GiB + 32 MiB aligned",
      "> memory       128G             to 64 GiB; the aperture is 32 GiB)",
      "  maxmem       128 GiB        x: X-PciMmio64Mb=464896 (454 GiB, --pci64-mb",
      "  slots        0                464896): every BAR placed",
      "  machine      q35            p: phys-bits 42 (--phys-bits 42; with",
      "  machine ver  11.1             host-phys-bits every host needs 42): every BAR",
      "  QEMU version 11.1             placed",
      "  max-ram<4g   machine de...    Devices: 4 passed through, 12 BARs     1-9 of 19",
      "  hole64 size  default (3...    device        BAR   size bits pref lands at",
      "  CXL windows  none             nvidia-l40s#1 0   16 MiB 32   no   unassigned",
      "  vendor       intel                          1   64 GiB 64   yes  unassigned",
      "  phys-bits    40                             3   32 MiB 64   yes  unassigned",
      "  guest-bits   not reported     nvidia-l40s#2 0   16 MiB 32   no   unassigned",
      "  1 GiB pages  on                             1   64 GiB 64   yes  unassigned",
      "  la57         off                            3   32 MiB 64   yes  unassigned",
      "  long mode    on               nvidia-l40s#3 0   16 MiB 32   no   unassigned",
      "  firmware     edk2-stabl...                  1   64 GiB 64   yes  unassigned",
      "  OVMF build   x64                            3   32 MiB 64   yes  unassigned",
      "",
      "",
      "up/down field  left/right change  Enter type  Tab devices  ? help  q quit",
    ].join('\n'));
    expect(await type(app, TAB + END, (f) => f.includes('14-19 of 19'))).toBe([
      "VM gpu-4x: QEMU starts, 1 error   no pool                    plan pool [devices]",
      "VM                            4 devices, 12 BARs: 12 unassigned, the devices",
      "  VM           gpu-4x           do not fit (they need 448 GiB + 32 MiB aligned",
      "  memory       128G             to 64 GiB; the aperture is 32 GiB)",
      "  maxmem       128 GiB        x: X-PciMmio64Mb=464896 (454 GiB, --pci64-mb",
      "  slots        0                464896): every BAR placed",
      "  machine      q35            p: phys-bits 42 (--phys-bits 42; with",
      "  machine ver  11.1             host-phys-bits every host needs 42): every BAR",
      "  QEMU version 11.1             placed",
      "  max-ram<4g   machine de...  > Devices: 4 passed through, 12 BARs   14-19 of 19",
      "  hole64 size  default (3...    device        BAR   size bits pref lands at",
      "  CXL windows  none               64-bit window",
      "  vendor       intel            root port 3, nvidia-l40s#3's root port: no",
      "  phys-bits    40                 64-bit window",
      "  guest-bits   not reported     root port 4, nvidia-l40s#4's root port: no",
      "  1 GiB pages  on                 64-bit window",
      "  la57         off              root port 5, empty root port: no 64-bit window",
      "  long mode    on               root port 6, empty root port: no 64-bit window",
      "  firmware     edk2-stabl...  > edk2-stable201808 to edk2-stable202608: do not",
      "  OVMF build   x64                fit (32 GiB aperture)",
      "",
      "",
      "up/down row  Tab fields  ? help  q quit  d plan  x/p apply fix  / filter  u undo",
    ].join('\n'));
    app.unmount();
  });

  it('applies the smallest X-PciMmio64Mb with x, which places every BAR, and u undoes it', async () => {
    const app = await start({ preset: 'gpu-4x' }, SMALL, 'devices');
    const initial = await frameWhere(app, (f) => f.includes('1-9 of 19'));
    const applied = await type(app, 'x', (f) => f.includes('every BAR is placed'));
    // 464896 MiB = 454 GiB: the classic window from 0x4000000000 holds the 4 x (64 GiB + 32 MiB) BARs in 64 GiB steps.
    expect(applied).toBe([
      "VM gpu-4x*: QEMU starts   no pool                            plan pool [devices]",
      "VM                            4 devices, 12 BARs: every BAR is placed",
      "  VM           gpu-4x*          Devices: 4 passed through, 12 BARs    1-14 of 19",
      "> memory       128G             device        BAR   size bits pref lands at",
      "  maxmem       128 GiB          nvidia-l40s#1 0   16 MiB 32   no   below 4G",
      "  slots        0                              1   64 GiB 64   yes  0x4000000000",
      "  machine      q35                            3   32 MiB 64   yes  0x5000000000",
      "  machine ver  11.1             nvidia-l40s#2 0   16 MiB 32   no   below 4G",
      "  QEMU version 11.1                           1   64 GiB 64   yes  0x6000000000",
      "  max-ram<4g   machine de...                  3   32 MiB 64   yes  0x7000000000",
      "  hole64 size  default (3...    nvidia-l40s#3 0   16 MiB 32   no   below 4G",
      "  CXL windows  none                           1   64 GiB 64   yes  0x8000000000",
      "  vendor       intel                          3   32 MiB 64   yes  0x9000000000",
      "  phys-bits    40               nvidia-l40s#4 0   16 MiB 32   no   below 4G",
      "  guest-bits   not reported                   1   64 GiB 64   yes  0xa000000000",
      "  1 GiB pages  on                             3   32 MiB 64   yes  0xb000000000",
      "  la57         off              root port 1, nvidia-l40s#1's root port: window",
      "  long mode    on                 [0x4000000000, 0x5002000000), 64 GiB + 32 MiB;",
      "  firmware     edk2-stabl...      padding 2 GiB",
      "  OVMF build   x64              root port 2, nvidia-l40s#2's root port: window",
      "applied X-PciMmio64Mb=464896 (--pci64-mb 464896); u undoes it",
      "",
      "up/down field  left/right change  Enter type  Tab devices  ? help  q quit",
    ].join('\n'));
    const undone = await type(app, 'u', (f) => f.includes('12 unassigned'));
    // Back to the first frame: the VM as loaded (no *), every BAR unassigned, the fixes offered again.
    expect(undone.split('\n').slice(0, 20)).toEqual(initial.split('\n').slice(0, 20));
    expect(line(undone, 'undone')).toBe('undone: back to the plan before the last change (u again goes further back)');
    app.unmount();
  });

  it('applies the smallest trusted phys-bits with p: 42, and every BAR is placed', async () => {
    const app = await start({ preset: 'gpu-4x' }, SMALL, 'devices');
    await frameWhere(app, (f) => f.includes('1-9 of 19'));
    const applied = await type(app, 'p', (f) => f.includes('every BAR is placed'));
    // The dynamic window of 42 bits, [0x38000000000, 0x40000000000): the 64 GiB BARs from its base, 64 GiB apart.
    expect(line(applied, 'slots ')).toBe('  slots        0                              1   64 GiB 64   yes  0x38000000000');
    expect(line(applied, 'vendor ')).toBe('  vendor       intel                          3   32 MiB 64   yes  0x3d000000000');
    expect(line(applied, 'applied')).toBe('applied phys-bits 42 (--phys-bits 42); u undoes it');
    app.unmount();
  });

  it('filters the host groups and the findings with /', async () => {
    const app = await start({ preset: 'small-desktop', poolPreset: 'mixed-39-46-48' }, SMALL, 'pool');
    await frameWhere(app, (f) => f.includes('Findings (3)'));
    // g3 is the only AMD group; the three findings all name AMD (cross-vendor migration, AMD's untrusted width).
    expect(await type(app, '/amd\r', (f) => f.includes('matching "amd" (1 of 3)'))).toBe([
      "VM small-desktop: QEMU starts   pool mixed-39-46-48: FAIL    plan [pool] devices",
      "VM                            Pool mixed-39-46-48: 14 machines in 3 host groups",
      "  VM           small-desktop  Check of phys-bits=39 (fixed): FAIL",
      "  memory       8G             > Host groups matching \"amd\" (1 of 3), Enter: i...",
      "  maxmem       8 GiB            group machines host CPU   QEMU width boots",
      "  slots        0              > g3    4        amd 48-bit 9.1  36*   yes",
      "  machine      q35",
      "  machine ver  7.2            No setting passes on every host",
      "  QEMU version 7.2",
      "  max-ram<4g   machine de...    Findings matching \"amd\" (3 of 3)        1-1 of 3",
      "  hole64 size  default (3...    error   pool_migration_cross_vendor [g1->g3 g...",
      "  CXL windows  none               [g1->g3 g2->g3: desk-1, desk-2, epyc-1,",
      "  vendor       intel              xeon-1] migration from intel to amd: under KVM",
      "  phys-bits    39                 the guest sees the host's vendor, so its CPU",
      "  guest-bits   not reported       vendor would change under the running guest,",
      "  1 GiB pages  on                 and libvirt refuses the move; pin the vendor",
      "  la57         off                in the CPU model (libvirt <cpu><vendor>, QEMU",
      "  long mode    on                 -cpu MODEL,vendor=GenuineIntel;",
      "  firmware     debian-12          cpu.vendorPinned in a VM file) to migrate",
      "  OVMF build   ia32x64            across vendors at all",
      "",
      "",
      "up/down group  Enter its plan  Tab findings  ? help  q quit  v plan  d devices",
    ].join('\n'));
    const cleared = await type(app, '\x1b', (f) => f.includes('Host groups (3)'));
    expect(line(cleared, 'g1 ')).toContain('g1    4        intel 39-bit 7.2  39    yes');
    app.unmount();
  });

  it('opens a host group\'s own plan with Enter, and Esc goes back to the groups', async () => {
    const app = await start({ preset: 'small-desktop', poolPreset: 'mixed-39-46-48' }, SMALL, 'pool');
    await frameWhere(app, (f) => f.includes('Findings (3)'));
    // g3: epyc-1's QEMU 9.1 and edk2-stable202408, which does not trust 39 bits from an AMD CPU: 2^36.
    const group = await type(app, TAB + DOWN + DOWN + '\r', (f) => f.includes('Group g3'));
    expect(group).toBe([
      "VM small-desktop: QEMU starts   pool mixed-39-46-48: FAIL    plan [pool] devices",
      "VM                            Group g3 (4 machines: epyc-1): boots; Esc back",
      "  VM           small-desktop  Guest physical address map: 0 to 2^48, widths b...",
      "  memory       8G             RRRRPPPPFFRRRRQQQQQAAAAA|......|........|........|",
      "  maxmem       8 GiB          ^^^^",
      "  slots        0              0         4G            2^36   2^39     2^46  2^48",
      "  machine      q35            > RR RAM below 4 GiB               2 GiB  QEMU",
      "  machine ver  7.2              PP 32-bit PCI hole (MMCON...  2028 MiB  QEMU",
      "  QEMU version 7.2              FF IOAPIC, LAPIC, firmwar...    20 MiB  platform",
      "  max-ram<4g   machine de...    RR RAM above 4 GiB               6 GiB  QEMU",
      "  hole64 size  default (3...    QQ pci-hole64 (what QEMU ...    32 GiB  QEMU",
      "  CXL windows  none             AA 64-bit PCI aperture (c...    32 GiB  OVMF",
      "  vendor       intel             | 2^36: end of OVMF's memory map (PhysMemAdd...",
      "  phys-bits    39                | 2^39: end of the guest CPU's physical addr...",
      "  guest-bits   not reported      | 2^46: MAXPHYADDR of host xeon-1",
      "  1 GiB pages  on                | 2^48: MAXPHYADDR of host epyc-1",
      "  la57         off            QEMU starts: highest used address 0xa7fffffff ≤...",
      "  long mode    on             OVMF edk2-stable202408 (family D24b): PhysMemAd...",
      "  firmware     debian-12        Findings (1)                            1-1 of 1",
      "  OVMF build   ia32x64          info    ovmf_width_untrusted",
      "",
      "",
      "up/down region  Tab findings  ? help  q quit  Esc back  v plan  d devices",
    ].join('\n'));
    const back = await type(app, '\x1b', (f) => f.includes('> Host groups (3)'));
    expect(line(back, '> g3')).toContain('  > g3    4        amd 48-bit   9.1  36*   yes');
    app.unmount();
  });

  it('scrolls the help', async () => {
    const app = await start({ preset: 'small-desktop', poolPreset: 'mixed-39-46-48' }, SMALL);
    await type(app, '?', (f) => f.includes('> Help'));
    const frame = await type(app, PAGE_DOWN, (f) => f.includes('> Help') && !f.includes('  Keys'));
    expect(line(frame, '> Help')).toBe('> Help                                                               20-37 of 51');
    app.unmount();
  });

  it('takes phys-bits 0 as the CLI does (QEMU\'s "not set": 40), and refuses 31 in the CLI\'s words', async () => {
    const app = await start({ preset: 'small-desktop', poolPreset: 'mixed-39-46-48' }, SMALL);
    await type(app, DOWN.repeat(10), (f) => f.includes('> phys-bits    39'));
    const zero = await type(app, '0\r', (f) => f.includes('> phys-bits    0 (= 40)'));
    expect(cli(['plan', '--preset', 'small-desktop', '--phys-bits', '0']).stdout).toContain('CPU: intel vCPU, phys-bits 40, 1 GiB pages');
    // 40 bits from an Intel CPU are not trusted by edk2-stable202211: the width comes from the classic window.
    expect(line(zero, 'width ')).toBe('  OVMF build   ia32x64          width derived from the classic window\'s end 0...');
    const refused = await type(app, '31\r', (f) => f.includes('error: '));
    const fromCli = cli(['plan', '--preset', 'small-desktop', '--phys-bits', '31']);
    expect(fromCli.status).toBe(2);
    expect(line(refused, 'error: ')).toBe(`error: ${fromCli.stderr.trim().replace(/^gpa-planner: /, '')}`);
    expect(line(refused, 'error: ')).toBe('error: --phys-bits: phys-bits should be between 32 and 52  (but is 31)');
    await tick();
    app.unmount();
  });
});
