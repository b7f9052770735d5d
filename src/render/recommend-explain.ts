/** Why no setting passes (core/pool/recommend-explain.ts), as the lines under "No setting passes" and as JSON. */
import type { FindingCode } from '../core/findings.js';
import type { FailureExplanation } from '../core/pool/recommend-explain.js';
import { MiB } from '../core/units.js';
import { applySetting } from './settings.js';
import { counted, formatSize } from './format.js';
import { toJson } from './plan-json.js';

/** A few words for the codes that block hosts most often; other codes are shown as they are. */
const GLOSS: Partial<Record<FindingCode, string>> = {
  ovmf_devices_rejected: 'the devices do not fit the 64-bit aperture, OVMF rejects some',
  ovmf_pci_allocation_failed: 'the devices do not fit the 64-bit aperture, OVMF programs none',
  ovmf_aperture_beyond_width: 'the aperture ends beyond the width',
  ovmf_aperture_beyond_phys_bits: 'the aperture ends beyond phys-bits',
  qemu_phys_bits_too_low: 'QEMU refuses to start',
  pool_machine_type_unavailable: 'the machine type is missing from the host\'s QEMU',
  pool_migration_cross_vendor: 'the guest\'s CPU vendor changes; pin it with --vendor-pinned or cpu.vendorPinned',
  pool_migration_width_shrinks: 'the guest\'s phys-bits shrinks under it',
  pool_iommu_cannot_map_ram: 'the IOMMU cannot map guest RAM',
};

/** Host names as the text lists them: the first few and a count, so a pool of 100,000 hosts stays one short line. */
const HOST_NAMES = 6;
const hostNames = (hosts: readonly string[]) => (hosts.length > HOST_NAMES ? `${hosts.slice(0, HOST_NAMES).join(', ')} +${hosts.length - HOST_NAMES} more` : hosts.join(', '));

const reasonText = (codes: readonly FindingCode[]) => codes.map((c) => (GLOSS[c] ? `${c} (${GLOSS[c]})` : c)).join(', ');

export function explanationLines(explanation: FailureExplanation): string[] {
  const { blocking, rest, restBest, restMigrationReasons, knobCombinations } = explanation;
  const lines: string[] = [];
  if (blocking.length > 0) {
    lines.push('  Hosts that fail every setting, even alone:');
    for (const b of blocking) {
      lines.push(`    ${hostNames(b.hosts)} (${counted(b.machines, 'machine')}, ${b.physBits}-bit): ${reasonText(b.reasons)}, at phys-bits ${b.physBits}, their own width`);
    }
  }
  if (rest.length === 0) return lines;
  const others = blocking.length > 0 ? `Without them (${hostNames(rest)})` : 'On the whole pool';
  if (restBest) {
    const applied = applySetting(restBest.setting);
    lines.push(`  ${others}: ${applied.label} passes, with a 64-bit aperture of at least ${formatSize(restBest.worstAperture)} (pool check ${applied.args.join(' ')} on a pool of those hosts)`);
  } else if (restMigrationReasons.length > 0) {
    lines.push(`  ${others}: every setting that boots on each host fails a migration: ${reasonText(restMigrationReasons)}`);
  } else if (blocking.length > 0) {
    lines.push(`  ${others}: no setting passes either`);
  }
  if (knobCombinations.length > 0) {
    const combos = knobCombinations.map((k) => `phys-bits ${k.physBits} with X-PciMmio64Mb=${k.pci64Mb} (${formatSize(k.pci64Mb * MiB)}; --phys-bits ${k.physBits} --pci64-mb ${k.pci64Mb})`);
    lines.push(`  ${blocking.length > 0 ? 'There' : 'Here'}, with the knob, each checked: ${combos.join('; ')}`);
  }
  return lines;
}

export function explanationToJson(explanation: FailureExplanation) {
  const { restBest } = explanation;
  return {
    blocking: explanation.blocking.map((b) => ({ hosts: b.hosts, machines: b.machines, physBits: b.physBits, reasons: b.reasons })),
    rest: explanation.rest,
    restBest: restBest && { setting: { ...restBest.setting, label: applySetting(restBest.setting).label }, args: applySetting(restBest.setting).args, worstAperture: toJson(restBest.worstAperture) },
    restMigrationReasons: explanation.restMigrationReasons,
    knobCombinations: explanation.knobCombinations.map((k) => ({ physBits: k.physBits, pci64Mb: String(k.pci64Mb), size: toJson(k.pci64Mb * MiB) })),
  };
}
