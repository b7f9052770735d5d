/**
 * `--format csv|markdown` end to end (issue 19): the cells checked against the values the text shows for the same
 * preset (docs/pool-vendors-and-recommend.md, test/cli/pool.test.ts) and worked out by hand, the exit codes equal
 * to the text's, the refusals one line with exit 2.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cli } from './run-cli.js';
import { CLI_TIMEOUT, scratchFile } from './fixtures.js';

const MIXED = ['pool', 'check', '--pool-preset', 'mixed-39-46-48', '--memory', '8G', '--phys-bits', '39'];
const rows = (text: string) => parse(text) as string[][];
/** A CSV table as objects keyed by its header. */
const records = (text: string) => parse(text, { columns: true }) as Record<string, string>[];

describe('pool check --format csv', () => {
  it('prints the host groups, a row each, sizes and addresses as hex', () => {
    const { status, stdout, stderr } = cli([...MIXED, '--format', 'csv']);
    expect([status, stderr]).toEqual([1, '']);
    const groups = records(stdout);
    expect(groups.map((g) => g.group)).toEqual(['g1', 'g2', 'g3']);
    // The text shows g1 as "4  desk-1, desk-2  intel 39-bit  7.2  202211 ia32x64  39  39  64 GiB @ 0x7000000000  yes":
    // 64 GiB = 2^36 = 0x1000000000, so its highest address is 0x7000000000 + 0x1000000000 - 1 = 0x7fffffffff.
    expect(groups[0]).toMatchObject({
      machines: '4', hosts: 'desk-1, desk-2', vendor: 'intel', 'host phys-bits': '39', QEMU: '7.2', OVMF: 'edk2-stable202211', 'OVMF build': 'ia32x64',
      'guest phys-bits': '39', width: '39', 'width trusted': 'yes', 'aperture base': '0x7000000000', 'aperture size': '0x1000000000', aperture: '64 GiB',
      'highest address': '0x7fffffffff', boots: 'yes', findings: '',
    });
    // g3, the EPYC: "36*  32 GiB @ 0x800000000": untrusted, the classic window; 32 GiB = 2^35 = 0x800000000, so
    // the aperture ends at 0x1000000000 and the highest address is 0xfffffffff.
    expect(groups[2]).toMatchObject({
      vendor: 'amd', 'host phys-bits': '48', width: '36', 'width trusted': 'no', window: 'classic',
      'aperture base': '0x800000000', 'aperture size': '0x800000000', 'highest address': '0xfffffffff', findings: 'ovmf_width_untrusted',
    });
  }, CLI_TIMEOUT);

  it('prints the matrix with --table matrix: the text\'s x and . as fail and ok', () => {
    const { status, stdout } = cli([...MIXED, '--format', 'csv', '--table', 'matrix']);
    expect(status).toBe(1);
    // The text's matrix: g1 and g2 (Intel) move between each other, not to or from g3 (AMD): pool_migration_cross_vendor.
    expect(rows(stdout)).toEqual([
      ['boot \\ destination', 'g1', 'g2', 'g3'],
      ['g1', 'ok', 'ok', 'fail'],
      ['g2', 'ok', 'ok', 'fail'],
      ['g3', 'fail', 'fail', 'ok'],
    ]);
  }, CLI_TIMEOUT);

  it('marks the rows of groups the VM does not boot on as no-boot, and warnings as warning', () => {
    // docs/pool-vendors-and-recommend.md, gpu-2x at phys-bits 40: "g1 - - -", "g2 x . w", "g3 x w .".
    const { stdout } = cli(['pool', 'check', '--pool-preset', 'mixed-39-46-48', '--vm', 'presets/vms/gpu-2x.json', '--phys-bits', '40', '--format', 'csv', '--table', 'matrix']);
    expect(rows(stdout).slice(1)).toEqual([['g1', 'no-boot', 'no-boot', 'no-boot'], ['g2', 'fail', 'ok', 'warning'], ['g3', 'fail', 'warning', 'ok']]);
  }, CLI_TIMEOUT);

  it('prints the findings with --table findings, as the text lists them', () => {
    const findings = records(cli([...MIXED, '--format', 'csv', '--table', 'findings']).stdout);
    // The text: two pool_migration_cross_vendor errors ("g1->g3 g2->g3", "g3->g1 g3->g2") and ovmf_width_untrusted on g3.
    expect(findings.map((f) => [f.severity, f.code, f.migration, f.pairs, f['pair count'], f.groups])).toEqual([
      ['error', 'pool_migration_cross_vendor', 'yes', 'g1->g3 g2->g3', '2', 'g1 g3 g2'],
      ['error', 'pool_migration_cross_vendor', 'yes', 'g3->g1 g3->g2', '2', 'g3 g1 g2'],
      ['info', 'ovmf_width_untrusted', 'no', '', '0', 'g3'],
    ]);
    // desk-1, desk-2 (4 machines), xeon-1 (6), epyc-1 (4): 14 machines on both sides of each move.
    expect(findings[0]).toMatchObject({ hosts: 'desk-1, desk-2, epyc-1, xeon-1', 'host count': '4', machines: '14' });
    expect(findings[0]!.message).toMatch(/^migration from intel to amd: /);
  }, CLI_TIMEOUT);

  it('guards host names against spreadsheet formulas and writes their controls visibly', () => {
    // One host per width, so each name starts the hosts cell of a group of its own.
    const names = ['=HYPERLINK("http://evil","x")', '+1', '-cmd', '@SUM(1)', '\tlead', 'a,"b"', 'two\nlines', '\u001b[2Jx'];
    const pool = scratchFile('hostile-names.json', JSON.stringify({ hosts: names.map((name, i) => ({ name, vendor: 'intel', physBits: 40 + i, qemu: '10.0', firmware: 'edk2-stable202502' })) }));
    const { status, stdout } = cli(['pool', 'check', '--pool', pool, '--memory', '8G', '--phys-bits', '40', '--format', 'csv']);
    expect(status).toBe(0);
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(records(stdout).map((g) => g.hosts)).toEqual([
      '\'=HYPERLINK("http://evil","x")', "'+1", "'-cmd", "'@SUM(1)", '\\u0009lead', 'a,"b"', 'two\\u000alines', '\\u001b[2Jx',
    ]);
  }, CLI_TIMEOUT);

  it('exits as the text does', () => {
    for (const args of [MIXED, ['pool', 'check', '--pool-preset', 'uniform-intel-46', '--memory', '8G']]) {
      const text = cli(args).status;
      expect([0, 1]).toContain(text);
      for (const format of [['--format', 'csv'], ['--format', 'csv', '--table', 'matrix'], ['--format', 'csv', '--table', 'findings'], ['--format', 'markdown'], ['--format', 'json']]) {
        expect(cli([...args, ...format]).status, `${args.join(' ')} ${format.join(' ')}`).toBe(text);
      }
    }
  }, CLI_TIMEOUT * 2);
});

describe('pool check --format csv past the text\'s matrix', () => {
  // 26 Intel host groups as in pool-scale.test.ts: phys-bits 40..52, each with and without 1 GiB pages.
  const hosts = Array.from({ length: 13 }, (_, i) => 40 + i).flatMap((physBits) => [true, false].map((pdpe1gb) => ({
    name: `x${physBits}-${pdpe1gb ? '1g' : '4k'}`, vendor: 'intel', physBits, pdpe1gb, qemu: '10.0', firmware: 'edk2-stable202502',
  })));
  const pool = scratchFile('pool-26-groups.json', JSON.stringify({ hosts }));

  it('draws the matrix of 26 groups, whose counts are the JSON\'s', () => {
    const { status, stdout } = cli(['pool', 'check', '--pool', pool, '--memory', '8G', '--phys-bits', '44', '--format', 'csv', '--table', 'matrix']);
    expect(status).toBe(1);
    const matrix = rows(stdout);
    expect(matrix).toHaveLength(27);
    expect(matrix.every((r) => r.length === 27)).toBe(true);
    const cells = matrix.slice(1).flatMap((r) => r.slice(1));
    const count = (mark: string) => cells.filter((c) => c === mark).length;
    // pool-scale.test.ts: at 44 the VM boots on the 18 groups of 44..52 bits; 18 x 26 = 468 pairs, 144 fail, 81
    // warn, 243 ok; the 8 groups of 40..43 bits do not boot: 8 rows of 26 = 208 no-boot cells. 468 + 208 = 676 = 26².
    expect([count('fail'), count('warning'), count('ok'), count('no-boot')]).toEqual([144, 81, 243, 208]);
    // g9 (44 bits, 1 GiB pages) to g2 (40 bits, no 1 GiB pages): wider than the destination, fails.
    expect(matrix[9]![2]).toBe('fail');
  }, CLI_TIMEOUT);

  it('refuses a matrix of more than 1,000 groups with one line and exit 2, and still prints the groups', async () => {
    // @ts-expect-error: a plain .mjs module
    const { variedFleet } = await import('../../bench/varied-fleet.mjs');
    const file = scratchFile('varied-1500.json', JSON.stringify(variedFleet(1500)));
    const groups = cli(['pool', 'check', '--pool', file, '--memory', '8G', '--format', 'csv']);
    const n = records(groups.stdout).length;
    expect(n).toBeGreaterThan(1000);
    const refused = cli(['pool', 'check', '--pool', file, '--memory', '8G', '--format', 'csv', '--table', 'matrix']);
    // A row and a column per group plus the header row and the label column: (n + 1)² cells.
    expect(refused).toEqual({
      status: 2, stdout: '',
      stderr: `gpa-planner: --table matrix: ${n} host groups make a matrix of ${(n + 1) ** 2} cells; it is written up to 1000 groups (1002001 cells, what spreadsheets open): give --table groups or findings, or --pairs FILE for every pair\n`,
    });
  }, CLI_TIMEOUT * 2);
});

describe('pool check --format markdown', () => {
  it('prints the groups, the matrix and the findings, row by row', () => {
    const { status, stdout } = cli([...MIXED, '--format', 'markdown']);
    expect(status).toBe(1);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('## Pool check of phys-bits=39 (fixed) on 14 machines in 3 host groups');
    const table = lines.slice(lines.indexOf('| group | machines | hosts | host CPU | QEMU | OVMF | guest | width | aperture | boots |'));
    // The text's rows, cell for cell; g3's "36*" with its * escaped.
    expect(table.slice(1, 5)).toEqual([
      '| --- | ---: | --- | --- | --- | --- | ---: | ---: | --- | --- |',
      '| g1 | 4 | desk-1, desk-2 | intel 39-bit | 7.2 | 202211 ia32x64 | 39 | 39 | 64 GiB @ 0x7000000000 | yes |',
      '| g2 | 6 | xeon-1 | intel 46-bit | 8.2 | 202402 x64 | 39 | 39 | 64 GiB @ 0x7000000000 | yes |',
      '| g3 | 4 | epyc-1 | amd 48-bit | 9.1 | 202408 ia32x64 | 39 | 36\\* | 32 GiB @ 0x800000000 | yes |',
    ]);
    const matrix = lines.slice(lines.indexOf('| boot | g1 | g2 | g3 |'));
    expect(matrix.slice(1, 5)).toEqual(['| --- | --- | --- | --- |', '| g1 | . | . | x |', '| g2 | . | . | x |', '| g3 | x | x | . |']);
    expect(lines.filter((l) => l.startsWith('- **'))).toHaveLength(3);
    expect(stdout).toContain('- **info** `ovmf_width_untrusted` \\[g3: epyc-1\\]: OVMF does not trust phys-bits 39');
    expect(lines.at(-2)).toBe('**Verdict: FAIL**');
  }, CLI_TIMEOUT);

  it('escapes a host name that would end a cell or render as HTML', () => {
    const pool = scratchFile('md-names.json', JSON.stringify({ hosts: [{ name: 'a|b\\c <b>x</b>', vendor: 'intel', physBits: 46, qemu: '10.0', firmware: 'edk2-stable202502' }] }));
    const { stdout } = cli(['pool', 'check', '--pool', pool, '--memory', '8G', '--format', 'markdown']);
    expect(stdout).toContain('| g1 | 1 | a\\|b\\\\c \\<b\\>x\\</b\\> | intel 46-bit |');
  }, CLI_TIMEOUT);

  it('says the matrix is not drawn past 24 groups, as the text does, with the pair counts', () => {
    const hosts = Array.from({ length: 13 }, (_, i) => 40 + i).flatMap((physBits) => [true, false].map((pdpe1gb) => ({
      name: `x${physBits}-${pdpe1gb ? '1g' : '4k'}`, vendor: 'intel', physBits, pdpe1gb, qemu: '10.0', firmware: 'edk2-stable202502',
    })));
    const { stdout } = cli(['pool', 'check', '--pool', scratchFile('p26.json', JSON.stringify({ hosts })), '--memory', '8G', '--phys-bits', '44', '--format', 'markdown']);
    expect(stdout).not.toContain('| boot |');
    // The counts of pool-scale.test.ts.
    expect(stdout).toContain('Migration: 468 (boot, destination) pairs of groups: 144 fail, 81 with warnings, 243 ok.\n');
    expect(stdout).toContain('26 groups are too many to draw as a matrix here; `--format csv --table matrix` writes it up to 1000 groups');
  }, CLI_TIMEOUT);
});

describe('pool recommend --format markdown', () => {
  it('puts the recommendation above the report', () => {
    const { status, stdout } = cli(['pool', 'recommend', '--pool-preset', 'mixed-39-46-48', '--vm', 'presets/vms/gpu-2x.json', '--format', 'markdown']);
    // docs/pool-vendors-and-recommend.md: phys-bits 39 passes.
    expect(status).toBe(0);
    expect(stdout.split('\n').slice(0, 3)).toEqual(['## Recommended: phys-bits=39 (fixed)', '', '- QEMU: `-cpu <model>,host-phys-bits=off,phys-bits=39`']);
    expect(stdout).toContain('- check: `gpa-planner pool check --phys-bits 39`\n');
    expect(stdout).toContain('\n## Pool check of phys-bits=39 (fixed) on 14 machines in 3 host groups\n');
    expect(stdout).toMatch(/\*\*Verdict: PASS\*\*\n$/);
  }, CLI_TIMEOUT);
});

describe('plan --format markdown', () => {
  it('prints the address map as a table, row by row, and the verdict', () => {
    const { status, stdout } = cli(['plan', '--machine', 'q35', '--memory', '1G', '--vendor', 'intel', '--phys-bits', '40', '--firmware', 'edk2-stable202211', '--format', 'markdown']);
    expect(status).toBe(0);
    const lines = stdout.split('\n');
    const map = lines.slice(lines.indexOf('| region | start | end (exclusive) | size | by |') + 2);
    // 1 GiB of RAM, all below 4 GiB: [0, 0x40000000). The 32-bit hole runs to the IOAPIC at 0xfec00000:
    // 0xfec00000 - 0x40000000 = 0xbec00000 = 3052 MiB. Then 0xfec00000..4 GiB (20 MiB). q35's pci-hole64 is 32 GiB from
    // 4 GiB (no RAM above): [0x100000000, 0x900000000). edk2-stable202211 does not trust phys-bits 40 from an Intel
    // CPUID (it trusts 36 or 39): the classic 32 GiB window at 32 GiB, [0x800000000, 0x1000000000), width 36.
    expect(map.slice(0, 7)).toEqual([
      '| RAM below 4 GiB | `0x0000000000000000` | `0x0000000040000000` | 1 GiB | QEMU |',
      '| 32-bit PCI hole (MMCONFIG at 0xb0000000) | `0x0000000040000000` | `0x00000000fec00000` | 3052 MiB | QEMU |',
      '| IOAPIC, LAPIC, firmware flash | `0x00000000fec00000` | `0x0000000100000000` | 20 MiB | platform |',
      '| pci-hole64 (what QEMU budgets for 64-bit BARs) | `0x0000000100000000` | `0x0000000900000000` | 32 GiB | QEMU |',
      '| 64-bit PCI aperture (classic window) | `0x0000000800000000` | `0x0000001000000000` | 32 GiB | OVMF |',
      '| 2^36: end of OVMF\'s memory map (PhysMemAddressWidth) | `0x0000001000000000` |  |  |  |',
      '| 2^40: end of the guest CPU\'s physical address space (phys-bits) | `0x0000010000000000` |  |  |  |',
    ]);
    expect(stdout).toContain('- OVMF edk2-stable202211 (family D22): PhysMemAddressWidth 36, classic window of 32 GiB at 0x800000000\n');
    expect(lines.at(-2)).toBe('**Verdict: PASS**');
  }, CLI_TIMEOUT);

  it('says FAIL and exits 1 where the text exits 1', () => {
    const args = ['plan', '--preset', 'gpu-4x', '--firmware', 'edk2-stable202211', '--vendor', 'intel', '--phys-bits', '40'];
    expect(cli(args).status).toBe(1);
    const { status, stdout } = cli([...args, '--format', 'markdown']);
    expect(status).toBe(1);
    expect(stdout).toContain('- **error** `ovmf_pci_allocation_failed`: ');
    expect(stdout).toMatch(/\*\*Verdict: FAIL\*\*\n$/);
  }, CLI_TIMEOUT);
});

describe('--format and --json', () => {
  it.each<[string, string[], string]>([
    ['an unknown format', [...MIXED, '--format', 'xml'], '--format: "xml" is not one of text, json, csv, markdown'],
    ['--json with another format', [...MIXED, '--json', '--format', 'csv'], '--json: means --format json, and --format csv is given too; give one'],
    ['--table without csv', [...MIXED, '--table', 'matrix'], '--table: chooses the table of --format csv; give it with --format csv'],
    ['an unknown table', [...MIXED, '--format', 'csv', '--table', 'hosts'], '--table: "hosts" is not one of groups, matrix, findings'],
    ['csv on pool recommend', ['pool', 'recommend', '--pool-preset', 'mixed-39-46-48', '--memory', '8G', '--format', 'csv'], '--format: "csv" is not one of text, json, markdown'],
    ['csv on plan', ['plan', '--memory', '8G', '--format', 'csv'], '--format: "csv" is not one of text, json, markdown'],
    ['markdown on reverse', ['reverse', '--width', '39', '--memory', '8G', '--format', 'markdown'], '--format: "markdown" is not one of text, json'],
    ['--emit with csv', [...MIXED, '--emit', 'qemu', '--format', 'csv'], '--emit: prints what to apply; give either --emit or --format csv'],
    ['--pairs - with csv', [...MIXED, '--pairs', '-', '--format', 'csv'], '--pairs: "-" writes the pairs to standard output instead of the report; with --format csv, give a file'],
    ['--format twice', [...MIXED, '--format', 'csv', '--format', 'markdown'], '--format: given more than once; give it once'],
  ])('refuses %s: one line, exit 2, nothing written', (_what, args, message) => {
    expect(cli(args)).toEqual({ status: 2, stdout: '', stderr: `gpa-planner: ${message}\n` });
  });

  it('takes --json with --format json, and --format json is --json', () => {
    const json = cli([...MIXED, '--json']);
    expect(cli([...MIXED, '--format', 'json'])).toEqual(json);
    expect(cli([...MIXED, '--json', '--format', 'json'])).toEqual(json);
    const reverse = cli(['reverse', '--width', '39', '--memory', '8G', '--json']);
    expect(cli(['reverse', '--width', '39', '--memory', '8G', '--format', 'json'])).toEqual(reverse);
  }, CLI_TIMEOUT);
});

describe('--format and --table in the generated help', () => {
  it('are completed with their values and listed in the man page', () => {
    const bash = cli(['completion', 'bash']).stdout;
    expect(bash).toContain(`'pool check --format') vals='text json csv markdown' ;;`);
    expect(bash).toContain(`'pool check --table') vals='groups matrix findings' ;;`);
    expect(bash).toContain(`'pool recommend --format') vals='text json markdown' ;;`);
    expect(bash).toContain(`'plan --format') vals='text json markdown' ;;`);
    expect(cli(['man']).stdout).toContain('with \\-\\-format csv, the table to print (default groups; one table per file) (one of: groups, matrix, findings)');
  }, CLI_TIMEOUT);
});
