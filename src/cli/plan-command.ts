/**
 * `gpa-planner plan`: one VM, on its own or on one host (`--host-caps FILE`: the host's vendor, width, QEMU and OVMF,
 * as `pool check` plans each host). A VM whose phys-bits is the host's (cpu.hostPhysBits) needs that host.
 */
import { refusalFixes } from '../core/qemu/refusal-fixes.js';
import { plan } from '../core/plan.js';
import { deviceAdvice } from '../core/pci/device-fit.js';
import { checkPool } from '../core/pool/check.js';
import { hasError } from '../core/findings.js';
import { planOn } from '../core/plan-cache.js';
import { resolveCpu } from '../core/qemu/phys-bits.js';
import { isInputError } from '../input/input-error.js';
import { settingFromFlags } from '../input/setting-flags.js';
import { planToJson } from '../render/plan-json.js';
import { planToText } from '../render/plan-text.js';
import { readVmSource, type VmOptions } from './vm-options.js';
import { readHostFiles, warningLines } from './import-sources.js';
import { type ExitCode, type Io, refuse } from './io.js';
import { type Format, type FormatFlags, readFormat } from './format-option.js';

export type PlanOptions = VmOptions & FormatFlags & { hostCaps?: string[] };

export const PLAN_FORMATS: readonly Format[] = ['text', 'json', 'markdown'];

export async function runPlan(options: PlanOptions, io: Io): Promise<ExitCode> {
  const output = readFormat(options, PLAN_FORMATS);
  if (isInputError(output)) return refuse(io, output);
  const hostFiles = await readHostFiles(options.hostCaps ?? [], io, { ...(options.qemuVersion ? { qemu: options.qemuVersion } : {}), ...(options.firmware ? { firmware: options.firmware } : {}) });
  if (isInputError(hostFiles)) return refuse(io, hostFiles);
  if (hostFiles.hosts.length > 1) return refuse(io, { kind: 'input-error', message: '--host-caps: plan takes one host; give several to pool check' });
  const host = hostFiles.hosts[0];
  const source = await readVmSource(options, io, host?.qemuVersion);
  if (isInputError(source)) return refuse(io, source);
  const setting = settingFromFlags({ ...(options.physBits !== undefined ? { physBits: options.physBits } : {}) }, source.vm, source.setting?.value ?? null);
  if (isInputError(setting)) return refuse(io, setting);
  if (host === undefined && setting.kind === 'host') {
    return refuse(io, {
      kind: 'input-error',
      message: `${source.setting!.label}: with host-phys-bits the guest's phys-bits is the host's: give --host-caps FILE (the host to plan on) or --phys-bits N, or check a pool (pool check)`,
    });
  }
  io.stderr(warningLines([...(source.imported?.warnings ?? []), ...hostFiles.warnings]));

  let result = host === undefined ? plan(source.vm) : null;
  if (host !== undefined) {
    const group = checkPool(source.vm, { hosts: [host] }, setting).groups[0]!;
    // The host's own findings (a width above the host's, an address it cannot map) join the plan's. When the host's
    // QEMU lacks the machine type, the pool check plans nothing; the plan is QEMU's refusal there, in its own words,
    // as `plan --qemu-version` of that release gives it, and in the format asked for.
    const planned = group.plan ?? planOn(source.vm, resolveCpu(source.vm, setting, host).cpu, host, new Map());
    const hostFindings = group.plan !== null ? group.findings : [...planned.findings, ...group.findings.filter((f) => f.code !== 'pool_machine_type_unavailable')];
    result = { ...planned, findings: hostFindings };
  }
  const advice = deviceAdvice(result!.vm, result!);
  const fixes = refusalFixes(result!.vm);
  io.stdout(output.format === 'json' ? `${JSON.stringify(planToJson(result!, advice, fixes), null, 2)}\n`
    : output.format === 'markdown' ? (await import('../render/plan-markdown.js')).planToMarkdown(result!, fixes) : planToText(result!, advice, fixes));
  return hasError(result!.findings) ? 1 : 0;
}
