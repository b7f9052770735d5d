/** The pool check of the current setting: host groups with pass/fail, the boot × destination matrix, the recommendation. */
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { PoolReport } from '../core/pool/check.js';
import type { Recommendation } from '../core/pool/recommend.js';
import { GROUP_HEADER, groupRow, matrix } from '../render/pool-text.js';
import { applySetting } from '../render/settings.js';
import { explainRecommendation } from '../render/recommend-reason.js';
import type { Theme } from './theme.js';
import { fit, wrapLines } from './text-fit.js';

export interface PoolViewProps {
  readonly poolName: string;
  readonly report: PoolReport;
  readonly recommendation: Recommendation;
  /** Rows for the recommendation's reason (it wraps, and is cut at this height). */
  readonly reasonHeight: number;
  readonly width: number;
  readonly theme: Theme;
}

/**
 * The pool check's group table, narrowed to fit beside the fields: no host names (the findings name them), the
 * OVMF release without its build, one space between columns.
 */
export function groupLines(report: PoolReport): string[] {
  const hosts = GROUP_HEADER.indexOf('hosts');
  const ovmf = GROUP_HEADER.indexOf('OVMF');
  const narrow = (row: readonly string[]) => row.filter((_, i) => i !== hosts).map((cell, i) => (i === ovmf - 1 ? cell.split(' ')[0]! : cell));
  const rows = [narrow(GROUP_HEADER), ...report.groups.map((g) => narrow(groupRow(g)))];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join(' ').trimEnd());
}

export const PoolView = memo(function PoolView({ poolName, report, recommendation, reasonHeight, width, theme }: PoolViewProps) {
  const machines = report.groups.reduce((n, g) => n + g.count, 0);
  const pass = report.verdict === 'pass';
  const { best } = recommendation;
  const applied = best ? applySetting(best.setting) : null;
  const line = (text: string) => fit(text, width, theme.ellipsis);
  const verdict = pass ? 'PASS' : 'FAIL';
  const check = `Check of ${applySetting(report.setting).label}: `;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold={theme.color}>{line(`Pool ${poolName}: ${machines} machines in ${report.groups.length} host groups`)}</Text>
      <Text>
        {fit(check, Math.max(0, width - verdict.length), theme.ellipsis)}
        <Text color={theme.colour[pass ? 'pass' : 'fail']} bold={theme.color}>{verdict}</Text>
      </Text>
      {groupLines(report).map((text, i) => <Text key={i}>{line(text)}</Text>)}
      <Text>{line('Migration (row: boot group, column: destination; x = fails, w = warnings, . = ok)')}</Text>
      {matrix(report).map((text, i) => <Text key={i}>{line(`  ${text}`)}</Text>)}
      {best && applied ? (
        <Text>
          Recommended: <Text bold={theme.color}>{applied.label}</Text>{line(sameSetting(best.setting, report.setting) ? ' (in use)' : ' (a applies it)')}
        </Text>
      ) : <Text>No setting passes on every host</Text>}
      {applied ? <Text>{line(`  QEMU:    ${applied.qemu}`)}</Text> : null}
      {applied ? <Text>{line(`  libvirt: ${applied.libvirt}`)}</Text> : null}
      {wrapLines(`why: ${explainRecommendation(recommendation, report)}`, width - 2, reasonHeight, theme.ellipsis).map((text, i) => <Text key={`r${i}`}>  {text}</Text>)}
    </Box>
  );
});

function sameSetting(a: PoolReport['setting'], b: PoolReport['setting']): boolean {
  return applySetting(a).label === applySetting(b).label;
}
