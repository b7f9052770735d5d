/**
 * `pool check --format csv`: one table per run, as a spreadsheet opens one table per file (`--table`): the host groups
 * (every one, a row each), the boot × destination matrix (up to MATRIX_CSV_GROUPS groups) or the findings. Addresses and
 * sizes are lowercase hex strings as in the JSON: a spreadsheet keeps 15 significant digits, and 2^52 − 1 has 16.
 */
import type { GroupResult, PoolReport } from '../core/pool/check.js';
import { formatVersion } from '../core/qemu/versions.js';
import { csvTable } from './csv.js';
import { formatSize, hex } from './format.js';
import { pairMark } from './pair-mark.js';
import { poolFindings } from './pool-findings.js';

export const CSV_TABLES = ['groups', 'matrix', 'findings'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

/**
 * The matrix has a row and a column per group: 1,000 groups make 1,001 columns, what LibreOffice before 7.4 opens
 * (1,024 columns), and 1,002,001 cells, a tenth of Google Sheets' 10 million; Excel opens 16,384 columns.
 */
export const MATRIX_CSV_GROUPS = 1000;

/** Excel's limit on the characters of one cell: a longer hosts list ends in `+N more` rather than being cut there. */
const CELL_CHARS = 32_767;

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

export const CSV_GROUP_HEADER: readonly string[] = [
  'group', 'machines', 'hosts', 'vendor', 'host phys-bits', 'host guest-phys-bits', '1 GiB pages', 'la57', 'IOMMU bits', 'QEMU',
  'OVMF', 'OVMF backports', 'OVMF package', 'OVMF build', 'guest phys-bits', 'width', 'width trusted', 'window',
  'aperture base', 'aperture size', 'aperture', 'highest address', 'boots', 'findings',
];

export function csvGroupRow(group: GroupResult): string[] {
  const { host, plan } = group;
  const ovmf = plan?.ovmf ?? null;
  const aperture = ovmf?.pci64Aperture ?? null;
  return [
    group.id, String(group.count), hostList(group.hosts), host.vendor, String(host.physBits), host.guestPhysBits === 0 ? '' : String(host.guestPhysBits),
    yesNo(host.pdpe1gb), yesNo(host.la57), host.iommuBits === null ? '' : String(host.iommuBits), formatVersion(host.qemuVersion),
    host.firmware.edk2, (host.firmware.backports ?? []).join(' '), host.firmware.package ?? '', host.firmware.build,
    plan ? String(plan.vm.cpu.physBits) : '', ovmf ? String(ovmf.physMemAddressWidth) : '', ovmf ? yesNo(ovmf.cpuid.trusted) : '', ovmf?.window ?? '',
    aperture ? hex(aperture.base) : '', aperture ? hex(aperture.size) : '', aperture ? formatSize(aperture.size) : '',
    group.highestAddress === null ? '' : hex(group.highestAddress), yesNo(group.boots), [...new Set(group.findings.map((f) => f.code))].join(' '),
  ];
}

/** Every host name, comma-separated, or as many as fit in one spreadsheet cell and a count of the rest. */
function hostList(hosts: readonly string[]): string {
  const joined = hosts.join(', ');
  if (joined.length <= CELL_CHARS) return joined;
  const shown: string[] = [];
  let length = 0;
  for (const host of hosts) {
    // Room for ", " and the " +N more" that follows.
    if (length + host.length + 2 > CELL_CHARS - 20) break;
    shown.push(host);
    length += host.length + 2;
  }
  return `${shown.join(', ')} +${hosts.length - shown.length} more`;
}

export function groupsCsv(report: PoolReport): string {
  return csvTable(CSV_GROUP_HEADER, report.groups.map(csvGroupRow));
}

/** Why the matrix is not drawn (too many groups), or null when it is. */
export function matrixCsvRefusal(report: PoolReport): string | null {
  const n = report.groups.length;
  if (n <= MATRIX_CSV_GROUPS) return null;
  const cells = BigInt(n + 1) ** 2n;
  return `${n} host groups make a matrix of ${cells} cells; it is written up to ${MATRIX_CSV_GROUPS} groups (${(MATRIX_CSV_GROUPS + 1) ** 2} cells, what spreadsheets open): give --table groups or findings, or --pairs FILE for every pair`;
}

/** Row: boot group, column: destination; `fail`, `warning`, `ok`, or `no-boot` for a row whose group the VM does not boot on. */
export function* matrixCsvRows(report: PoolReport): Generator<string[]> {
  const ids = report.groups.map((g) => g.id);
  for (const [i, boot] of ids.entries()) yield [boot, ...ids.map((_, j) => pairMark(report, i, j))];
}

export function matrixCsv(report: PoolReport): string {
  return csvTable(['boot \\ destination', ...report.groups.map((g) => g.id)], matrixCsvRows(report));
}

export const CSV_FINDING_HEADER: readonly string[] = [
  'severity', 'code', 'migration', 'groups', 'group count', 'pairs', 'pair count', 'hosts', 'host count', 'machines', 'message',
];

/** One row per finding as pool-findings.ts counts them: the first groups, pairs and hosts by name, and how many of each. */
export function findingsCsv(report: PoolReport): string {
  return csvTable(CSV_FINDING_HEADER, poolFindings(report).map((f) => [
    f.severity, f.finding.code, yesNo(f.migration), f.groups.join(' '), String(f.groupCount), f.pairs.join(' '), String(f.pairCount),
    f.hosts.join(', '), String(f.hostCount), String(f.machines), f.message,
  ]));
}

export function poolCsv(report: PoolReport, table: CsvTable): string {
  return table === 'matrix' ? matrixCsv(report) : table === 'findings' ? findingsCsv(report) : groupsCsv(report);
}
