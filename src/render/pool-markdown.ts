/**
 * `pool check --format markdown` and `pool recommend --format markdown`: the report as a wiki page section, the host
 * groups as a table (the text's first TEXT_GROUP_ROWS), the matrix up to MATRIX_GROUPS groups as the text draws it
 * (else the pair counts and causes), the findings as a list, the verdict.
 */
import type { PoolReport } from '../core/pool/check.js';
import type { Recommendation } from '../core/pool/recommend.js';
import type { FailureExplanation } from '../core/pool/recommend-explain.js';
import { type Alignment, markdownCode, markdownList, markdownTable, markdownText } from './markdown.js';
import { MARK_SYMBOL, pairMark } from './pair-mark.js';
import { poolFindings } from './pool-findings.js';
import {
  GROUP_HEADER, GROUP_LEGEND, MATRIX_GROUPS, TEXT_GROUP_ROWS, backportLines, causeLines, deviceLines, findingPlace, groupRow, pairCountLine, poolTitle,
} from './pool-text.js';
import { MATRIX_CSV_GROUPS } from './pool-csv.js';
import { explainRecommendation } from './recommend-reason.js';
import { explanationLines } from './recommend-explain.js';
import { applySetting } from './settings.js';

/** machines, guest and width hold numbers. */
const GROUP_ALIGN: readonly Alignment[] = ['left', 'right', 'left', 'left', 'left', 'left', 'right', 'right'];

export function poolToMarkdown(report: PoolReport): string {
  const { groups } = report;
  const hidden = groups.length - TEXT_GROUP_ROWS;
  const backports = backportLines(groups).map((line) => line.trim().replace(/^\((.*)\)$/, '$1'));
  // deviceLines: a blank line, "Devices", then a line per group.
  const devices = deviceLines(groups).slice(2);
  return [
    `## ${markdownText(poolTitle(report))}`, '',
    '### Host groups', '',
    ...markdownTable(GROUP_HEADER.map(markdownText), groups.slice(0, TEXT_GROUP_ROWS).map((g) => groupRow(g).map(markdownText)), GROUP_ALIGN),
    '',
    ...(hidden > 0 ? [`… and ${hidden} more host groups (${markdownCode('--format csv')} lists every one).`, ''] : []),
    `${markdownText(GROUP_LEGEND)}.`, '',
    ...(backports.length > 0 ? [...backports.map((n) => `- ${markdownText(n)}`), ''] : []),
    ...(devices.length > 0 ? ['### Devices', '', ...markdownList(devices), ''] : []),
    '### Migration', '',
    ...migration(report), '',
    '### Findings', '',
    ...findings(report), '',
    `**Verdict: ${report.verdict.toUpperCase()}**`,
  ].join('\n') + '\n';
}

function migration(report: PoolReport): string[] {
  const ids = report.groups.map((g) => g.id);
  if (ids.length > MATRIX_GROUPS) {
    return [
      `${markdownText(pairCountLine(report))}.`, '',
      `${ids.length} groups are too many to draw as a matrix here; ${markdownCode('--format csv --table matrix')} writes it up to ${MATRIX_CSV_GROUPS} groups, ${markdownCode('--pairs FILE')} lists every pair. By cause (class of boot groups -> class of destinations: pairs):`, '',
      ...causeLines(report).map((line) => `- ${markdownText(line.replace(/ {2,}/g, ' '))}`),
    ];
  }
  return [
    'Row: boot group, column: destination; x = fails, w = warnings, . = ok, - = the VM does not boot on the row\'s group.', '',
    ...markdownTable(['boot', ...ids].map(markdownText), ids.map((boot, i) => [boot, ...ids.map((_, j) => MARK_SYMBOL[pairMark(report, i, j)])].map(markdownText))),
  ];
}

function findings(report: PoolReport): string[] {
  const all = poolFindings(report);
  if (all.length === 0) return ['None.'];
  return all.map((f) => `- **${f.severity}** ${markdownCode(f.finding.code)} \\[${markdownText(findingPlace(f))}\\]: ${markdownText(f.message)}`);
}

/** `pool recommend`'s answer above the report: the setting as QEMU and libvirt take it and why, or why none passes. */
export function recommendationToMarkdown(recommendation: Recommendation, report?: PoolReport, explanation?: FailureExplanation): string {
  const { best } = recommendation;
  if (!best) {
    return [`## No setting passes`, '', `${markdownText(explainRecommendation(recommendation, report))}`, '', ...(explanation ? [...markdownList(explanationLines(explanation)), ''] : [])].join('\n');
  }
  const applied = applySetting(best.setting);
  return [
    `## Recommended: ${markdownText(applied.label)}`, '',
    `- QEMU: ${markdownCode(applied.qemu)}`,
    `- libvirt: ${markdownCode(applied.libvirt)}${best.setting.kind === 'fixed' ? markdownText(' (with <cpu mode=\'host-passthrough\'> QEMU >= 6.0 ignores it: use passthrough with limit)') : ''}`,
    `- check: ${markdownCode(`gpa-planner pool check ${applied.args.join(' ')}`)}`,
    `- why: ${markdownText(explainRecommendation(recommendation))}`,
    '',
  ].join('\n');
}
