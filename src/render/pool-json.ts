/**
 * `pool check --json` and `pool recommend --json`: the `gpa-planner/pool/v2` document. Linear in groups: plans are
 * listed once and named by the groups that share them, migrations are counted and their findings summarised by the
 * classes that decide them (docs/json.md, `gpa-planner/pool/v2`); `--pairs` streams the pairs themselves (pool-pairs.ts).
 */
import type { GroupResult, PoolReport } from '../core/pool/check.js';
import type { Plan } from '../core/plan.js';
import type { Recommendation } from '../core/pool/recommend.js';
import type { HostSpec, VmSpec } from '../core/spec.js';
import { packageJson } from './spec-files.js';
import { formatVersion } from '../core/qemu/versions.js';
import { planToJson, toJson, vmToJson } from './plan-json.js';
import { type MoveSide, poolFindings } from './pool-findings.js';
import { applySetting } from './settings.js';
import { explainRecommendation } from './recommend-reason.js';
import { jsonText } from './json-text.js';
import { explanationToJson } from './recommend-explain.js';
import type { FailureExplanation } from '../core/pool/recommend-explain.js';
import { POOL_SCHEMA } from '../contract/names.js';
import type { PoolDocument } from '../contract/pool.js';

export { POOL_SCHEMA };

export function poolToJson(vm: VmSpec, report: PoolReport, recommendation?: Recommendation, explanation?: FailureExplanation): PoolDocument {
  const plans = planIds(report.groups);
  const { pairs, failing, warning } = report.migration.counts();
  return {
    schema: POOL_SCHEMA,
    input: vmToJson(vm),
    verdict: report.verdict,
    setting: { ...report.setting, ...applySetting(report.setting) },
    groups: report.groups.map((group) => ({
      id: group.id,
      hosts: group.hosts,
      count: group.count,
      host: hostToJson(group.host),
      mappableBits: group.mappableBits,
      boots: group.boots,
      highestAddress: toJson(group.highestAddress),
      plan: group.plan && plans.get(group.plan)!,
    })),
    plans: [...plans].map(([plan, id]) => ({ id, plan: planToJson(plan) })),
    migration: { pairs, failing, warning, ok: pairs - failing - warning },
    findings: poolFindings(report).map((f) => {
      const { code, ...details } = f.finding;
      const counts = { hosts: f.hosts, hostCount: f.hostCount, machines: f.machines, groups: f.groups, groupCount: f.groupCount };
      const migration = f.migration
        ? { pairs: f.pairs, pairCount: f.pairCount, moves: f.moves.map((m) => ({ rule: m.rule, pairs: m.pairs, boot: sideToJson(m.boot), destination: sideToJson(m.destination) })), moveCount: f.moveCount }
        : {};
      return { code, severity: f.severity, message: f.message, ...counts, ...migration, ...toJson(details) };
    }),
    ...(recommendation ? { recommendation: { ...recommendationToJson(recommendation, report), ...(explanation ? { explanation: explanationToJson(explanation) } : {}) } } : {}),
  };
}

/** The document as the CLI prints it: indented, one line per host group. */
export function poolJsonText(vm: VmSpec, report: PoolReport, recommendation?: Recommendation, explanation?: FailureExplanation): string {
  return jsonText(poolToJson(vm, report, recommendation, explanation), ['groups']);
}

/** The distinct plans in the order the groups meet them, as p1, p2, …: groups of one stack and guest CPU share one. */
function planIds(groups: readonly GroupResult[]): Map<Plan, string> {
  const ids = new Map<Plan, string>();
  for (const { plan } of groups) if (plan && !ids.has(plan)) ids.set(plan, `p${ids.size + 1}`);
  return ids;
}

function sideToJson(side: MoveSide) {
  return { class: toJson(side.side), groups: side.groups, machines: side.machines, examples: side.examples };
}

/** A group's host kind, without the name and count of the host that stood for it. */
function hostToJson({ vendor, physBits, guestPhysBits, pdpe1gb, la57, iommuBits, qemuVersion, firmware }: HostSpec) {
  return { vendor, physBits, guestPhysBits, pdpe1gb, la57, iommuBits, qemu: formatVersion(qemuVersion), firmware: firmware.edk2, ovmfBuild: firmware.build, ...packageJson(firmware) };
}

function recommendationToJson(recommendation: Recommendation, report: PoolReport) {
  const { best, runnerUp } = recommendation;
  // No setting passes: the reason still says why (for example a firmware image that differs between hosts).
  if (!best) return { setting: null, reason: explainRecommendation(recommendation, report), evaluated: recommendation.evaluated, passing: recommendation.passing };
  const applied = applySetting(best.setting);
  return {
    setting: { ...best.setting, label: applied.label },
    args: applied.args,
    qemu: applied.qemu,
    libvirt: applied.libvirt,
    reason: explainRecommendation(recommendation),
    worstAperture: toJson(best.worstAperture),
    trustedMachines: best.trustedMachines,
    runnerUp: runnerUp && { setting: { ...runnerUp.setting, label: applySetting(runnerUp.setting).label }, args: applySetting(runnerUp.setting).args, worstAperture: toJson(runnerUp.worstAperture), trustedMachines: runnerUp.trustedMachines },
    evaluated: recommendation.evaluated,
    passing: recommendation.passing,
  };
}
