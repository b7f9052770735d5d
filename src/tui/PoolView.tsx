/**
 * The pool check's fixed parts: the pool and the verdict of the setting in use, the recommendation (its apply lines
 * and reason fold first), and the boot × destination matrix when it fits. The host groups and the findings are
 * scrolling panes (ScrollPane) the App lays out between them.
 */
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { PoolReport } from '../core/pool/check.js';
import type { Recommendation } from '../core/pool/recommend.js';
import { applySetting } from '../render/settings.js';
import { explainRecommendation } from '../render/recommend-reason.js';
import type { FailureExplanation } from '../core/pool/recommend-explain.js';
import { explanationLines } from '../render/recommend-explain.js';
import type { Theme } from './theme.js';
import { fit, wrapLines } from './text-fit.js';

export function PoolSummary({ poolName, report, width, theme }: { poolName: string; report: PoolReport; width: number; theme: Theme }) {
  const machines = report.groups.reduce((n, g) => n + g.count, 0);
  const pass = report.verdict === 'pass';
  const verdict = pass ? 'PASS' : 'FAIL';
  const check = `Check of ${applySetting(report.setting).label}: `;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold={theme.color}>{fit(`Pool ${poolName}: ${machines} machines in ${report.groups.length} host groups`, width, theme.ellipsis)}</Text>
      <Text>
        {fit(check, Math.max(0, width - verdict.length), theme.ellipsis)}
        <Text color={theme.colour[pass ? 'pass' : 'fail']} bold={theme.color}>{verdict}</Text>
      </Text>
    </Box>
  );
}

/**
 * The recommendation's apply lines and reason, wrapped in full: what `extra` adds below its first line. When no
 * setting passes, the lines of `pool recommend` that say why (which hosts block, what passes without them).
 */
export function recommendationExtra(recommendation: Recommendation, report: PoolReport, width: number, theme: Theme, explanation?: FailureExplanation): string[] {
  const applied = recommendation.best ? applySetting(recommendation.best.setting) : null;
  const lines = applied ? [`  QEMU:    ${applied.qemu}`, `  libvirt: ${applied.libvirt}`] : [];
  const why = wrapLines(`why: ${explainRecommendation(recommendation, report)}`, width - 2, Infinity, theme.ellipsis).map((l) => `  ${l}`);
  const explained = (explanation ? explanationLines(explanation) : []).flatMap((line) => {
    const indent = /^ */.exec(line)![0];
    return wrapLines(line.trimStart(), Math.max(10, width - indent.length - 2), Infinity, theme.ellipsis).map((l, i) => `${indent}${i > 0 ? '  ' : ''}${l}`);
  });
  return [...lines, ...why, ...explained];
}

export interface RecommendationProps {
  readonly report: PoolReport;
  readonly recommendation: Recommendation;
  /** The lines of recommendationExtra(), or none. */
  readonly extra: readonly string[];
  readonly width: number;
  readonly theme: Theme;
}

export const RecommendationLines = memo(function RecommendationLines({ report, recommendation, extra, width, theme }: RecommendationProps) {
  const { best } = recommendation;
  const applied = best ? applySetting(best.setting) : null;
  return (
    <Box flexDirection="column" width={width}>
      {best && applied ? (
        <Text>
          Recommended: <Text bold={theme.color}>{applied.label}</Text>{fit(applied.label === applySetting(report.setting).label ? ' (in use)' : ' (a applies it)', Math.max(0, width - 13 - applied.label.length), theme.ellipsis)}
        </Text>
      ) : <Text>{fit('No setting passes on every host', width, theme.ellipsis)}</Text>}
      {extra.map((line, i) => <Text key={i}>{fit(line, width, theme.ellipsis)}</Text>)}
    </Box>
  );
});

export function MatrixLines({ rows, width, theme }: { rows: readonly string[]; width: number; theme: Theme }) {
  return (
    <Box flexDirection="column" width={width}>
      {rows.map((text, i) => <Text key={i}>{fit(text, width, theme.ellipsis)}</Text>)}
    </Box>
  );
}
