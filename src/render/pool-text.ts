/** A pool report as text: the host groups, the boot × destination matrix, the findings, the verdict. */
import type { GroupResult, PoolReport } from '../core/pool/check.js';
import type { Recommendation } from '../core/pool/recommend.js';
import { formatVersion } from '../core/qemu/versions.js';
import { MARK_SYMBOL, pairMark } from './pair-mark.js';
import { counted, formatSize, hex } from './format.js';
import { type MoveSide, type PoolFinding, poolFindings } from './pool-findings.js';
import { applySetting } from './settings.js';
import { explainRecommendation } from './recommend-reason.js';
import { explanationLines } from './recommend-explain.js';
import type { FailureExplanation } from '../core/pool/recommend-explain.js';

export function poolToText(report: PoolReport): string {
  return [
    poolTitle(report),
    '',
    'Host groups',
    ...table([GROUP_HEADER, ...report.groups.slice(0, TEXT_GROUP_ROWS).map(groupRow)]).map((line) => `  ${line}`),
    ...more(report.groups.length - TEXT_GROUP_ROWS, 'host groups'),
    `  (${GROUP_LEGEND})`,
    ...backportLines(report.groups),
    ...deviceLines(report.groups),
    '',
    ...migrationLines(report),
    '',
    ...findingLines(report),
    '',
    `Verdict: ${report.verdict.toUpperCase()}`,
  ].join('\n') + '\n';
}

/** `Pool check of phys-bits=39 (fixed) on 14 machines in 3 host groups` */
export function poolTitle(report: PoolReport): string {
  const machines = report.groups.reduce((n, g) => n + g.count, 0);
  return `Pool check of ${applySetting(report.setting).label} on ${counted(machines, 'machine')} in ${counted(report.groups.length, 'host group')}`;
}

/** `report`: the report printed below, whose firmware errors the reason names when no setting passes. */
export function recommendationToText(recommendation: Recommendation, report?: PoolReport, explanation?: FailureExplanation): string {
  const { best } = recommendation;
  if (!best) return [`No setting passes: ${explainRecommendation(recommendation, report)}`, ...(explanation ? explanationLines(explanation) : []), ''].join('\n');
  const applied = applySetting(best.setting);
  return [
    `Recommended: ${applied.label}`,
    `  QEMU:    ${applied.qemu}`,
    `  libvirt: ${applied.libvirt}${best.setting.kind === 'fixed' ? ' (with <cpu mode=\'host-passthrough\'> QEMU >= 6.0 ignores it: use passthrough with limit)' : ''}`,
    `  check:   gpa-planner pool check ${applied.args.join(' ')}`,
    `  why:     ${explainRecommendation(recommendation)}`,
    '',
  ].join('\n');
}

/** The host-group table's columns; `groupRow` gives a group's cells in this order. */
export const GROUP_HEADER: readonly string[] = ['group', 'machines', 'hosts', 'host CPU', 'QEMU', 'OVMF', 'guest', 'width', 'aperture', 'boots'];

export const GROUP_LEGEND = 'guest: phys-bits the guest sees; width: OVMF\'s PhysMemAddressWidth, * = CPUID width not trusted, derived from the classic window';

export function groupRow(group: GroupResult): string[] {
  const { host } = group;
  const ovmf = group.plan?.ovmf;
  const hosts = group.hosts.length > 3 ? `${group.hosts.slice(0, 3).join(', ')} +${group.hosts.length - 3}` : group.hosts.join(', ');
  return [
    group.id,
    String(group.count),
    hosts,
    `${host.vendor} ${host.physBits}-bit${host.pdpe1gb ? '' : ' no-1G'}${host.la57 ? ' la57' : ''}`,
    formatVersion(host.qemuVersion),
    `${host.firmware.edk2.replace('edk2-stable', '')}${host.firmware.backports?.length ? `+${host.firmware.backports.length}` : ''} ${host.firmware.build}`,
    group.plan ? String(group.plan.vm.cpu.physBits) : '-',
    ovmf ? `${ovmf.physMemAddressWidth}${ovmf.cpuid.trusted ? '' : '*'}` : '-',
    ovmf?.pci64Aperture ? `${formatSize(ovmf.pci64Aperture.size)} @ ${hex(ovmf.pci64Aperture.base)}` : ovmf ? ovmf.window : '-',
    group.boots ? 'yes' : 'NO',
  ];
}

/** What a "+N" after an OVMF tag means: the package's modelled backports, once per package. */
export function backportLines(groups: PoolReport['groups']): string[] {
  const seen = new Map<string, string>();
  for (const { host } of groups) {
    const { backports, package: name, edk2 } = host.firmware;
    if (!backports?.length) continue;
    const label = name ?? edk2;
    if (!seen.has(label)) seen.set(label, `  (OVMF +${backports.length}: ${label} carries ${backports.join(', ')} from a later edk2)`);
  }
  return [...seen.values()];
}

/** Up to this many groups the text draws the boot × destination matrix; beyond, it counts the pairs. */
export const MATRIX_GROUPS = 24;
/** The text lists this many host groups (and their devices); JSON lists all. */
export const TEXT_GROUP_ROWS = 50;

function more(hidden: number, what: string): string[] {
  return hidden > 0 ? [`  ... and ${hidden} more ${what} (pool check --json lists every one)`] : [];
}

function migrationLines(report: PoolReport): string[] {
  if (report.groups.length <= MATRIX_GROUPS) {
    return ['Migration (row: boot group, column: destination; x = fails, w = warnings, . = ok)', ...matrix(report).map((line) => `  ${line}`)];
  }
  const causes = causeLines(report);
  return [
    pairCountLine(report),
    `  (${report.groups.length} groups are too many to draw as a matrix; --pairs FILE lists every pair)`,
    ...(causes.length === 0 ? [] : ['  by cause: class of boot groups -> class of destinations (what the check reads of each): pairs']),
    ...causes.map((line) => `  ${line}`),
  ];
}

/** `Migration: 468 (boot, destination) pairs of groups: 144 fail, 81 with warnings, 243 ok` */
export function pairCountLine(report: PoolReport): string {
  const { pairs, failing, warning } = report.migration.counts();
  return `Migration: ${pairs} (boot, destination) pairs of groups: ${failing} fail, ${warning} with warnings, ${pairs - failing - warning} ok`;
}

/** The migration causes by class, worst first, the first TEXT_CAUSES of them and a line counting the rest (unindented). */
export function causeLines(report: PoolReport): string[] {
  const moves = poolFindings(report).filter((f) => f.migration && f.severity !== 'info').flatMap((f) => f.moves.map((m) => ({ f, m })));
  return [
    ...moves.slice(0, TEXT_CAUSES).map(({ f, m }) => `${f.severity.padEnd(7)} ${f.finding.code}: ${sideText(m.boot)} -> ${sideText(m.destination)}: ${m.pairs} pairs`),
    ...more(moves.length - TEXT_CAUSES, 'causes').map((line) => line.trimStart()),
  ];
}

/** The migration causes the text lists under the pair counts, worst first. */
const TEXT_CAUSES = 20;

/** A class of groups as the rule sees it: `vendor=intel (4 groups, 10 machines: g1, g2, g5)`. */
function sideText(side: MoveSide): string {
  const values = Object.entries(side.side).map(([key, value]) => `${key}=${value === null ? '-' : typeof value === 'bigint' ? hex(value) : String(value)}`);
  const more = side.groups > side.examples.length ? ` +${side.groups - side.examples.length}` : '';
  return `${values.length === 0 ? 'any' : values.join(' ')} (${side.groups} groups, ${side.machines} machines: ${side.examples.join(', ')}${more})`;
}

/**
 * The boot × destination matrix as aligned lines: x = fails, w = warnings, . = ok, - = the VM does not boot there.
 * For up to MATRIX_GROUPS groups; past that, one line saying so.
 */
export function matrix(report: PoolReport): string[] {
  if (report.groups.length > MATRIX_GROUPS) return migrationLines(report);
  const ids = report.groups.map((g) => g.id);
  return table([['', ...ids], ...ids.map((boot, i) => [boot, ...ids.map((_, j) => MARK_SYMBOL[pairMark(report, i, j)])])]);
}

function findingLines(report: PoolReport): string[] {
  const findings = poolFindings(report);
  if (findings.length === 0) return ['Findings: none'];
  return ['Findings:', ...findings.map((f) => `  ${f.severity.padEnd(7)} ${f.finding.code} [${findingPlace(f)}]: ${f.message}`)];
}

/** Where a pool finding applies, shortened: `g2->g1 g3->g1: xeon-1, desk-1, desk-2, epyc-1`. */
export function findingPlace(f: PoolFinding): string {
  const groups = f.groupCount > 6 ? `${f.groups.slice(0, 6).join(', ')} +${f.groupCount - 6} groups` : f.groups.join(', ');
  const where = f.migration ? (f.pairCount > 4 ? `${f.pairs.slice(0, 4).join(' ')} +${f.pairCount - 4} pairs` : f.pairs.join(' ')) : groups;
  const hosts = f.hostCount > 6 ? `${f.hosts.slice(0, 6).join(', ')} +${f.hostCount - 6} more` : f.hosts.join(', ');
  return `${where}: ${hosts}`;
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd());
}

/** Where the VM has passed-through devices: what each group's OVMF does with their BARs, and its IOMMU's width. */
export function deviceLines(groups: readonly GroupResult[]): string[] {
  const withDevices = groups.filter((g) => g.plan?.devices);
  if (withDevices.length === 0) return [];
  return ['', 'Devices', ...withDevices.slice(0, TEXT_GROUP_ROWS).map((g) => {
    const devices = g.plan!.devices!;
    const all = new Set(devices.bars.map((b) => b.device)).size;
    const rejected = devices.rejections.filter((r) => r.kind === 'device').length;
    const what = devices.outcome === 'failed' ? `nothing programmed on the root bus (${devices.failure === 'emptied' ? `${rejected === 1 ? 'the device' : `all ${rejected} devices`} rejected` : 'nothing could be rejected'})`
      : devices.outcome === 'below-4g' ? 'BARs below 4 GiB (no 64-bit aperture)'
        : rejected > 0 ? `${rejected} of ${counted(all, 'device')} rejected` : `${all === 1 ? 'the device' : `all ${all}`} placed at ${hex(devices.block?.base ?? 0n)}`;
    const iommu = g.host.iommuBits === null ? 'IOMMU width unknown' : `IOMMU ${g.host.iommuBits}-bit`;
    return `  ${g.id}: ${what}; ${iommu}`;
  }), ...more(withDevices.length - TEXT_GROUP_ROWS, 'groups with devices')];
}
