// The conformance matrix across releases: configurations of matrix.mjs (and a few of issue 16's own) booted through
// the QEMU and OVMF builds of builds.mjs. A fixture's id names its builds: q111-ovmfsid-mt10.0-q35-2g-intel39 is QEMU
// 11.1 with sid's OVMF at machine type pc-q35-10.0. Without `mt…` the machine type is the QEMU's newest.
import { MATRIX } from './matrix.mjs';

const byId = new Map(MATRIX.map((c) => [c.id, c]));
const intel = (physBits, extra = {}) => ({ vendor: 'intel', physBits, ...extra });

/** Issue 16's own configurations (the real-boot examples it quotes), as matrix entries. */
const ISSUE_16 = [
  { id: 'q35-2g-intel39-1g', about: 'a 39-bit Intel desktop with 1 GiB pages: trusted 39 unless the vendor in CPUID 0x80000000 is hidden', machine: 'q35', memory: '2G', cpu: intel(39, { pdpe1gb: true }), probes: ['64G', '64G'] },
  { id: 'q35-2g-intel39-1g-vco2off', about: 'as q35-2g-intel39-1g with x-vendor-cpuid-only-v2=off', machine: 'q35', memory: '2G', cpu: intel(39, { pdpe1gb: true, vendorCpuidOnlyV2: false }), probes: ['64G', '64G'] },
  { id: 'q35-4g-intel41-1g-knob65536', about: 'Debian 13\'s backport: X-PciMmio64Mb=65536 overrides the dynamic window (9ac1704af664)', machine: 'q35', memory: '4G', cpu: intel(41, { pdpe1gb: true }), knob: '65536', probes: ['64G', '64G'] },
  { id: 'q35-2g-intel42-gpb40-1g', about: 'an explicit guest-phys-bits=40 on phys-bits 42: trusted width 40 whatever the machine type', machine: 'q35', memory: '2G', cpu: intel(42, { pdpe1gb: true, guestPhysBits: 40 }), probes: ['128G', '128G'] },
  { id: 'q35-2g-slots300-intel36', about: 'QEMU\'s order: the phys-bits check refuses before the slot count', machine: 'q35', memory: '2G', slots: 300, maxmem: '64G', cpu: intel(36), probes: [] },
  { id: 'q35-2g-slots300-intel40', about: 'QEMU\'s order: with room for the layout, the 300 slots are refused', machine: 'q35', memory: '2G', slots: 300, maxmem: '64G', cpu: intel(40), probes: [] },
];
const ISSUE_BY_ID = new Map(ISSUE_16.map((c) => [c.id, c]));
const config = (id) => byId.get(id) ?? ISSUE_BY_ID.get(id);

/** A cross-section of matrix.mjs that boots in under a minute: every vendor/width rule, knobs, hotplug, pc, devices. */
const BREADTH = [
  'q35-1g-amd40', 'q35-8g-slots-amd40', 'q35-4g-intel40', 'q35-4g-intel40-knob49152', 'q35-2g-intel40-knob0',
  'q35-2g-intel36', 'q35-2g-intel39-knob65536', 'q35-2g-amd39', 'q35-2g-intel41-1g', 'q35-2g-amd48-no1g',
  'pc-4g-slots-intel40', 'q35-2g-intel41-1g-dev-2x64g', 'q35-2g-intel39-1g', 'q35-2g-intel42-gpb40-1g',
];

/** [QEMU build, OVMF build, machine types (null = the QEMU's newest), configurations]. */
const PLAN = [
  ['q72', 'ovmf11', [null], BREADTH],
  ['q72', 'ovmf13', [null], BREADTH],
  ['q72', 'ovmfsid', [null], BREADTH],
  ['q72', 'ovmf12', [null], ['q35-2g-slots300-intel36', 'q35-2g-slots300-intel40', 'q35-2g-intel39-1g', 'q35-2g-intel42-gpb40-1g']],
  ['q100', 'ovmf12', [null], BREADTH],
  ['q100', 'ovmf13', [null], [...BREADTH, 'q35-4g-intel41-1g-knob65536']],
  ['q100', 'ovmf13', ['7.2'], ['q35-2g-intel42-gpb40-1g', 'q35-2g-intel39-1g', 'q35-4g-intel41-1g-knob65536']],
  ['q100', 'ovmfsid', [null], BREADTH],
  ['q111', 'ovmf12', [null, '10.0'], ['q35-2g-intel39-1g', 'q35-2g-intel39-knob0', 'q35-2g-intel36']],
  ['q111', 'ovmf12', [null], BREADTH],
  ['q111', 'ovmf13', [null], [...BREADTH, 'q35-4g-intel41-1g-knob65536']],
  ['q111', 'ovmf13', ['10.0', '10.1', '10.2', '11.0'], ['q35-2g-intel39-1g']],
  ['q111', 'ovmfsid', [null], [...BREADTH, 'q35-2g-intel39-1g-vco2off', 'q35-2g-slots300-intel36']],
  ['q111', 'ovmfsid', ['10.0', '10.1', '10.2', '11.0'], ['q35-2g-intel39-1g']],
  ['q111', 'ovmfsid', ['7.2', '5.2'], ['q35-2g-intel39-1g', 'q35-4g-intel40']],
  ['q111', 'ovmfsid', ['5.1'], ['q35-4g-intel40']],
];

const NEWEST = { q72: '7.2', q100: '10.0', q111: '11.1' };

const entries = PLAN.flatMap(([qemu, ovmf, machines, ids]) => machines.flatMap((mt) => ids.map((id) => {
  const base = config(id);
  if (!base) throw new Error(`matrix-releases: unknown configuration ${id}`);
  const machineVersion = mt ?? NEWEST[qemu];
  return { ...base, id: `${qemu}-${ovmf}${mt ? `-mt${mt}` : ''}-${id}`, qemu, ovmf, machineVersion };
})));

/** What a QEMU build has: guest-phys-bits from 9.1, x-vendor-cpuid-only-v2 from 10.1 (older ones refuse the property). */
const hasProperties = (c) => (c.cpu.guestPhysBits === undefined || c.qemu !== 'q72')
  && (c.cpu.vendorCpuidOnlyV2 === undefined || c.qemu === 'q111');

/** One entry per id (a configuration listed twice in PLAN boots once). */
export const RELEASE_MATRIX = [...new Map(entries.filter(hasProperties).map((c) => [c.id, c])).values()];
