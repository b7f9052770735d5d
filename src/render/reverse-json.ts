/** `gpa-planner reverse --json`: the `gpa-planner/reverse/v1` document. */
import { qemuRefusal } from '../core/findings.js';
import type { Plan } from '../core/plan.js';
import type { ReverseLayout } from '../core/ovmf/reverse-layout.js';
import { qemuRefusalLines } from './messages.js';
import { findingToJson, toJson, vmToJson } from './plan-json.js';
import { REVERSE_SCHEMA } from '../contract/names.js';
import type { ReverseDocument } from '../contract/reverse.js';

export { REVERSE_SCHEMA };

export function reverseToJson(reverse: ReverseLayout, upstream: Plan): ReverseDocument {
  const refusal = qemuRefusal(upstream.qemu.findings);
  const { ovmf } = upstream;
  const findings = [...reverse.findings, ...upstream.findings];
  return {
    schema: REVERSE_SCHEMA,
    input: vmToJson(upstream.vm),
    width: reverse.width,
    hotplugEnd: toJson(reverse.hotplugEnd),
    base: toJson(reverse.base),
    limit: toJson(reverse.limit),
    aperture: toJson(reverse.aperture),
    room: toJson(reverse.aperture?.size ?? 0n),
    shortfall: toJson(reverse.shortfall),
    halts: reverse.aperture === null,
    qemu: {
      reservedMemoryEnd: toJson(upstream.qemu.reservedMemoryEnd),
      maxUsedGpa: toJson(upstream.qemu.maxUsedGpa),
      refusal: refusal ? qemuRefusalLines(refusal).join('\n') : null,
    },
    upstream: ovmf && {
      edk2: ovmf.edk2,
      family: ovmf.family,
      widthTrusted: ovmf.cpuid.trusted,
      physMemAddressWidth: ovmf.physMemAddressWidth,
      window: ovmf.window,
      pci64: toJson(ovmf.pci64Aperture),
    },
    findings: findings.map(findingToJson),
  };
}
