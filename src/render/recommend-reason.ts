/** Why the recommended setting won, and over which runner-up, in one paragraph. */
import type { Candidate, Recommendation } from '../core/recommend.js';

type Scores = Omit<Candidate, 'report'>;
import { formatSize } from './format.js';
import { applySetting } from './settings.js';

export function explainRecommendation({ best, runnerUp, evaluated, passing }: Recommendation): string {
  if (!best) return `none of the ${evaluated} settings passes on every host`;
  const machines = best.report.groups.reduce((n, g) => n + g.count, 0);
  const parts = [
    `${applySetting(best.setting).label} passes on all ${machines} machines (${passing} of ${evaluated} settings pass)`,
    `its smallest 64-bit aperture, on the worst host, is ${formatSize(best.worstAperture)}`,
    `OVMF trusts the guest's width on ${best.trustedMachines} of ${machines} machines`,
  ];
  if (runnerUp) parts.push(`runner-up: ${applySetting(runnerUp.setting).label}, which ${whyNot(best, runnerUp)}`);
  return `${parts.join('; ')}.`;
}

function whyNot(best: Scores, other: Scores): string {
  if (other.worstAperture !== best.worstAperture) return `leaves only ${formatSize(other.worstAperture)} on the worst host`;
  if (other.trustedMachines !== best.trustedMachines) return `is trusted by OVMF on only ${other.trustedMachines} machines`;
  if (other.width !== best.width) return `needs width ${other.width} for the same result (more page-table memory)`;
  return 'gives the same result but makes the guest ABI depend on the host';
}
