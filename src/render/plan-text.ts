/** A Plan as text a person reads: the address map in order, the two verdicts, the findings. */
import { qemuRefusal } from '../core/findings.js';
import type { RefusalFixes } from '../core/qemu/refusal-fixes.js';
import type { Plan } from '../core/plan.js';
import { SEVERITY } from '../core/findings.js';
import { formatVersion } from '../core/qemu/versions.js';
import { rangeEnd } from '../core/units.js';
import { formatSize, hex, hex64 } from './format.js';
import { findingMessage, qemuRefusalLines } from './messages.js';
import { type MapRegion, mapEntries } from './address-map.js';
import type { DeviceAdvice } from '../core/pci/device-fit.js';
import { devicesText } from './devices-text.js';

export function planToText(plan: Plan, advice: DeviceAdvice | null = null, fixes: RefusalFixes | null = null): string {
  // A machine type QEMU does not register never gets a layout: QEMU exits before it builds one.
  if (qemuRefusal(plan.findings)?.code === 'qemu_machine_type_unsupported') {
    return [...header(plan), '', ...qemuSummary(plan).slice(0, 1), ...ovmfSummary(plan), '', ...findings(plan)].join('\n') + '\n';
  }
  const devices = devicesText(plan, advice);
  return [
    ...header(plan), '', ...addressMap(plan), '', ...qemuSummary(plan), ...refusalFixLines(plan, fixes), ...ovmfSummary(plan), '',
    ...(devices.length > 0 ? [...devices, ''] : []), ...findings(plan),
  ].join('\n') + '\n';
}

export function header({ vm }: Plan): string[] {
  const memory = vm.maxmem > vm.memory ? `${formatSize(vm.memory)} RAM, maxmem ${formatSize(vm.maxmem)} in ${vm.slots} slots` : `${formatSize(vm.memory)} RAM`;
  const chipset = vm.machine === 'q35' ? 'q35' : 'i440fx';
  const cpu = `${vm.cpu.vendor} vCPU, ${vm.cpu.longMode ? '' : '32-bit, '}phys-bits ${vm.cpu.physBits}${vm.cpu.guestPhysBits ? `, guest-phys-bits ${vm.cpu.guestPhysBits}` : ''}, ${vm.cpu.pdpe1gb ? '' : 'no '}1 GiB pages${vm.cpu.la57 ? ', la57' : ''}`;
  return [
    `VM: pc-${chipset}-${formatVersion(vm.machineVersion)} on QEMU ${formatVersion(vm.qemuVersion)}, ${memory}`,
    `CPU: ${cpu}`,
    `Firmware: OVMF ${firmwareName(vm.firmware)} (${vm.firmware.build} build)${Object.entries(vm.firmware.fwCfg).map(([k, v]) => `, ${k}=${JSON.stringify(v)}`).join('')}`,
  ];
}

/** The tag, as asked when it is newer than the model knows, with the package and its backports when a preset names them. */
function firmwareName(firmware: Plan['vm']['firmware']): string {
  const tag = firmware.unknownNewerTag ? `${firmware.unknownNewerTag}, planned as ${firmware.edk2}` : firmware.edk2;
  const backports = firmware.backports?.length ? ` + ${firmware.backports.join(', ')}` : '';
  return firmware.package ? `${tag}${backports}, package ${firmware.package}` : `${tag}${backports}`;
}

function addressMap(plan: Plan): string[] {
  const rows: string[][] = [['start', 'end (exclusive)', 'size', 'by', 'region']];
  for (const { region, marker } of mapEntries(plan)) rows.push(marker ? [hex64(marker.address), '', '', '──', marker.what] : row(region));
  return ['Guest physical address map', ...table(rows).map((line) => `  ${line}`)];
}

function row(region: MapRegion): string[] {
  return [hex64(region.base), hex64(rangeEnd(region)), formatSize(region.size), region.by, region.what];
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((r) => r[column]!.length)));
  return rows.map((r) => r.map((cell, column) => (column === 2 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd());
}

/** When QEMU refuses: the smallest phys-bits that starts, and the largest maxmem that starts with this one (issue 17). */
export function refusalFixLines({ vm }: Plan, fixes: RefusalFixes | null): string[] {
  if (!fixes) return [];
  const physBits = fixes.physBits === null
    ? 'no phys-bits up to 52 starts it'
    : `the smallest phys-bits that starts: ${fixes.physBits} (--phys-bits ${fixes.physBits})`;
  const maxmem = fixes.maxmem === null
    ? `no maxmem starts with phys-bits ${vm.cpu.physBits}: the RAM alone reaches too high`
    : `the largest maxmem that starts with phys-bits ${vm.cpu.physBits}: ${formatSize(fixes.maxmem)} (--maxmem ${sizeFlag(fixes.maxmem)})`;
  return [`  ${physBits}`, `  ${maxmem}`];
}

/** A size as a flag value: `986G` when a whole number of a unit, else bytes. */
function sizeFlag(bytes: bigint): string {
  const match = /^(\d+) ([KMGTPE])iB$/.exec(formatSize(bytes));
  return match ? `${match[1]}${match[2]}` : String(bytes);
}

/** QEMU's verdict (starts, or its refusal) and etc/reserved-memory-end. */
export function qemuSummary({ qemu }: Plan): string[] {
  const refusal = qemuRefusal(qemu.findings);
  const verdict = refusal
    ? `refuses to start: ${qemuRefusalLines(refusal).join(' ')}`
    : `starts: highest used address ${hex(qemu.maxUsedGpa)} ≤ ${hex(qemu.addressSpaceLimit)} (phys-bits ${qemu.physBits})`;
  return [
    `QEMU ${verdict}`,
    `  etc/reserved-memory-end: ${qemu.reservedMemoryEnd === null ? 'absent (no hotplug area)' : `${hex(qemu.reservedMemoryEnd)} (${formatSize(qemu.reservedMemoryEnd)})`}`,
  ];
}

/** OVMF's width and 64-bit aperture, and why the width is what it is. */
export function ovmfSummary({ ovmf }: Plan): string[] {
  if (!ovmf) return ['OVMF does not run: QEMU refuses to start'];
  const aperture = ovmf.pci64Aperture
    ? `${ovmf.window} window of ${formatSize(ovmf.pci64Aperture.size)} at ${hex(ovmf.pci64Aperture.base)}`
    : ovmf.window === 'none' ? 'no 64-bit aperture (32-bit DXE)' : '64-bit aperture disabled';
  const width = ovmf.cpuid.trusted
    ? `trusted from CPUID (${ovmf.cpuid.reported}${ovmf.cpuid.width !== ovmf.cpuid.reported ? `, capped to ${ovmf.cpuid.width}` : ''})`
    : `derived from the classic window's end ${hex(ovmf.classic.firstNonAddress)}`;
  return [
    `OVMF ${ovmf.edk2} (family ${ovmf.family}): PhysMemAddressWidth ${ovmf.physMemAddressWidth}, ${aperture}`,
    `  width ${width}`,
    ...ovmf.moves.map((move) => `  window moved from ${hex(move.from)} to ${hex(move.to)} below E820 entry at ${hex(move.entry.base)}`),
  ];
}

function findings(plan: Plan): string[] {
  if (plan.findings.length === 0) return ['Findings: none'];
  return ['Findings:', ...plan.findings.map((f) => `  ${SEVERITY[f.code].padEnd(7)} ${f.code}: ${findingMessage(f)}`)];
}
