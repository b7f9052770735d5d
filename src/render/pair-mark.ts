/** What one (boot, destination) cell of the migration matrix says, for every rendering of the matrix. */
import type { PoolReport } from '../core/pool/check.js';
import { SEVERITY } from '../core/findings.js';

/** `no-boot`: the VM does not boot on the row's group, so nothing moves from it. */
export type PairMark = 'fail' | 'warning' | 'ok' | 'no-boot';

export function pairMark(report: PoolReport, boot: number, destination: number): PairMark {
  if (!report.groups[boot]!.boots) return 'no-boot';
  const findings = report.migration.findings(boot, destination);
  return findings.some((f) => SEVERITY[f.code] === 'error') ? 'fail' : findings.some((f) => SEVERITY[f.code] === 'warning') ? 'warning' : 'ok';
}

/** The text's and Markdown's one-character marks. */
export const MARK_SYMBOL: Readonly<Record<PairMark, string>> = { fail: 'x', warning: 'w', ok: '.', 'no-boot': '-' };
