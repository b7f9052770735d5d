/** `pool check --json` and `pool recommend --json`: the `gpa-planner/pool/v1` document. */
import type { PoolReport } from '../core/pool/check.js';
import type { Recommendation } from '../core/pool/recommend.js';
import type { HostSpec, VmSpec } from '../core/spec.js';
import { packageJson } from './spec-files.js';
import { formatVersion } from '../core/qemu/versions.js';
import { planToJson, toJson, vmToJson } from './plan-json.js';
import { poolFindings } from './pool-findings.js';
import { applySetting } from './settings.js';
import { explainRecommendation } from './recommend-reason.js';
import { explanationToJson } from './recommend-explain.js';
import type { FailureExplanation } from '../core/pool/recommend-explain.js';

export const POOL_SCHEMA = 'gpa-planner/pool/v1';

export function poolToJson(vm: VmSpec, report: PoolReport, recommendation?: Recommendation, explanation?: FailureExplanation) {
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
      plan: group.plan && planToJson(group.plan),
    })),
    pairs: report.pairs.map((pair) => ({
      boot: pair.boot,
      destination: pair.destination,
      ok: pair.ok,
      findings: pair.findings.map((f) => f.code),
    })),
    findings: poolFindings(report).map((f) => {
      const { code, ...details } = f.finding;
      return { code, severity: f.severity, message: f.message, hosts: f.hosts, groups: f.groups, ...(f.migration ? { pairs: f.pairs } : {}), ...(toJson(details) as object) };
    }),
    ...(recommendation ? { recommendation: { ...recommendationToJson(recommendation, report), ...(explanation ? { explanation: explanationToJson(explanation) } : {}) } } : {}),
  };
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
