/**
 * Why the recommended setting won, and over which runner-up, in one paragraph; or why none passes, naming the firmware
 * when it is what fails: firmware findings do not depend on the phys-bits setting (firmware-compat.ts), so a firmware
 * error in any setting's report fails every setting.
 */
import type { Candidate, Recommendation } from '../core/pool/recommend.js';
import type { PoolReport } from '../core/pool/check.js';
import type { Finding } from '../core/findings.js';
import { SEVERITY } from '../core/findings.js';
import { counted, formatSize } from './format.js';
import { type PoolFinding, poolFindings } from './pool-findings.js';
import { applySetting } from './settings.js';

type Scores = Omit<Candidate, 'report'>;

/**
 * The reason line of `pool recommend`. `report` is the report shown with it when no setting passes (the setting asked
 * for): its firmware errors are named, since no phys-bits setting can mend them.
 */
export function explainRecommendation(recommendation: Recommendation, report?: PoolReport): string {
  const { best, runnerUp, evaluated, passing } = recommendation;
  if (!best) {
    const firmware = report ? firmwareBlockers(report) : [];
    if (firmware.length > 0) return `the firmware fails the pool whatever the phys-bits setting: ${firmware.join('; ')}; fix the firmware first (firmware_advice in the report says how), then run pool recommend again`;
    return `none of the ${evaluated} settings passes on every host`;
  }
  const machines = best.report.groups.reduce((n, g) => n + g.count, 0);
  const parts = [
    `${applySetting(best.setting).label} passes on ${machines === 1 ? 'the 1 machine' : `all ${machines} machines`} (${passing} of ${counted(evaluated, 'setting')} ${passing === 1 ? 'passes' : 'pass'})`,
    `its smallest 64-bit aperture, on the worst host, is ${formatSize(best.worstAperture)}`,
    `OVMF trusts the guest's width on ${best.trustedMachines} of ${counted(machines, 'machine')}`,
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

type FirmwareError = Extract<Finding, { code: 'firmware_size_mismatch' | 'firmware_image_missing' | 'firmware_varstore_layout_mismatch' }>;

/** The report's firmware errors in plain words, each problem once. */
export function firmwareBlockers(report: PoolReport): string[] {
  const findings = poolFindings(report);
  const advice = findings.flatMap((f) => (f.finding.code === 'firmware_advice' ? [f.finding] : []));
  const lines: string[] = [];
  const add = (line: string) => {
    if (!lines.includes(line)) lines.push(line);
  };
  for (const pooled of findings) {
    const { finding } = pooled;
    if (!isFirmwareError(finding)) continue;
    if (finding.code === 'firmware_size_mismatch') {
      const sizes = advice.find((a) => a.role === finding.role && a.path === finding.path);
      const what = finding.role === 'code' ? `the firmware image ${finding.path}` : `the varstore template ${finding.path}`;
      if (sizes && sizes.variants.length > 1) {
        add(`${what} differs in size between hosts ${sizes.variants.map((v) => `${v.hosts.join(', ')} (${v.size} bytes)`).join(' and ')}, so the destination's QEMU refuses the incoming ${finding.block}`);
      } else if (finding.role === 'code') {
        add(`${what} is ${finding.incoming} bytes on the boot host and ${finding.local} on the destination (${hostList(pooled)}), so the destination's QEMU refuses the incoming ${finding.block}`);
      } else {
        add(`the VM's NVRAM file (${finding.incoming} bytes) and ${what} (${finding.local} bytes on the destination) differ in size (${hostList(pooled)}), so the destination's QEMU refuses the incoming ${finding.block}`);
      }
    } else if (finding.code === 'firmware_image_missing') {
      // The destination's lack is also its own boot finding, which names the host alone.
      if (pooled.migration) continue;
      add(`${finding.role === 'code' ? 'the firmware image' : 'the varstore template'} ${finding.path} is missing on ${hostList(pooled)}`);
    } else {
      const varstore = finding.varsPath ? `the varstore copied from ${finding.varsPath}` : 'the VM\'s NVRAM file';
      add(`${varstore} has the ${finding.varsFlash === '2m' ? '2' : '4'} MiB-build layout but the CODE image ${finding.codePath} is a ${finding.codeFlash === '2m' ? '2' : '4'} MiB build ${finding.when === 'boot' ? 'on' : 'after a move between'} ${hostList(pooled)}, so UEFI variables are not kept`);
    }
  }
  return lines;
}

function isFirmwareError(finding: Finding): finding is FirmwareError {
  return SEVERITY[finding.code] === 'error'
    && (finding.code === 'firmware_size_mismatch' || finding.code === 'firmware_image_missing' || finding.code === 'firmware_varstore_layout_mismatch');
}

function hostList(finding: PoolFinding): string {
  const more = finding.hostCount > finding.hosts.length ? ` +${finding.hostCount - finding.hosts.length} more` : '';
  return `host${finding.hostCount === 1 ? '' : 's'} ${finding.hosts.join(', ')}${more}`;
}
