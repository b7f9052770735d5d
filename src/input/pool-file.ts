/** A pool file's text → the normalized PoolSpec, each mistake one line naming the file and the host's field. */
import { PoolFileSchema } from './schema.js';
import { parseJsonText, validated } from './json-file.js';
import { type InputError, inputError, isInputError } from './input-error.js';
import { readInteger, readVersion } from './fields.js';
import { RANGES } from './field-ranges.js';

/** KVM's GuestPhysBits of a host: 0 (not reported) up to the host's phys-bits. */
const HOST_GUEST_PHYS_BITS = { name: 'GuestPhysBits', min: 0, max: RANGES.hostPhysBits.max };
import type { FirmwareChoice } from './to-spec.js';
import type { HostSpec, PoolSpec } from '../core/spec.js';
import { isEdk2Tag, ovmfRules, type Edk2Tag } from '../core/ovmf/releases.js';
import { compareVersions, formatVersion, isKnownRelease, NEWEST_QEMU } from '../core/qemu/versions.js';
import { OLDEST_BINARY } from '../core/qemu/machine-types.js';
import { mergeImages, readImages } from './firmware-images.js';
import { readBackports } from './backports.js';

export function poolFromJson(text: string, source: string, firmwarePresets: readonly FirmwareChoice[]): PoolSpec | InputError {
  const json = parseJsonText(text, source);
  if (isInputError(json)) return json;
  const parsed = validated(json, PoolFileSchema, source);
  if (isInputError(parsed)) return parsed;
  const hosts: HostSpec[] = [];
  const names = new Set<string>();
  for (const [index, host] of parsed.hosts.entries()) {
    const at = (field: string) => `${source}: hosts.${index}.${field}`;
    if (names.has(host.name)) return inputError(at('name'), `${JSON.stringify(host.name)} names two hosts; host names must be unique`);
    names.add(host.name);
    const physBits = readInteger(host.physBits, at('physBits'), RANGES.hostPhysBits);
    if (isInputError(physBits)) return physBits;
    const guestPhysBits = readInteger(host.guestPhysBits ?? 0, at('guestPhysBits'), HOST_GUEST_PHYS_BITS, physBits.value);
    if (isInputError(guestPhysBits)) return guestPhysBits;
    const count = readInteger(host.count ?? 1, at('count'), RANGES.hostCount);
    if (isInputError(count)) return count;
    if (host.iommuBits != null) {
      const iommu = readInteger(host.iommuBits, at('iommuBits'), RANGES.iommuBits);
      if (isInputError(iommu)) return iommu;
    }
    const qemu = readVersion(host.qemu, at('qemu'));
    if (isInputError(qemu)) return qemu;
    if (!isKnownRelease(qemu.value) || compareVersions(qemu.value, OLDEST_BINARY) < 0) {
      return inputError(at('qemu'), `QEMU ${formatVersion(qemu.value)} is not modelled (allowed: releases ${formatVersion(OLDEST_BINARY)} to ${formatVersion(NEWEST_QEMU)})`);
    }
    const preset = isEdk2Tag(host.firmware) ? null : firmwarePresets.find((p) => p.name === host.firmware);
    if (!isEdk2Tag(host.firmware) && !preset) {
      const names = firmwarePresets.map((p) => p.name).join(', ');
      return inputError(at('firmware'), `${JSON.stringify(host.firmware)} is not an edk2 stable tag${names ? ` or a firmware preset (${names})` : ''}`);
    }
    const edk2: Edk2Tag = preset ? preset.edk2 : (host.firmware as Edk2Tag);
    const backports = host.backports ? readBackports(host.backports, at('backports')) : { value: [...(preset?.backports ?? [])] };
    if (isInputError(backports)) return backports;
    const packageName = host.package ?? preset?.package;
    const build = host.ovmfBuild ?? preset?.defaultBuild ?? 'x64';
    if (build === 'ia32' && !ovmfRules(edk2, backports.value).ia32Build) {
      return inputError(at(host.ovmfBuild ? 'ovmfBuild' : 'firmware'), `OvmfPkgIa32 was removed in edk2-stable202511; ${edk2} has x64 and ia32x64`);
    }
    const own = readImages(host.images ?? [], { edk2, package: null }, (i, field) => at(`images.${i}.${field}`));
    if (isInputError(own)) return own;
    const images = mergeImages(preset?.images ?? [], own);
    hosts.push({
      name: host.name,
      count: count.value,
      vendor: host.vendor,
      physBits: physBits.value,
      guestPhysBits: guestPhysBits.value,
      pdpe1gb: host.pdpe1gb ?? true,
      la57: host.la57 ?? false,
      iommuBits: host.iommuBits ?? null,
      qemuVersion: qemu.value,
      firmware: {
        edk2, build,
        ...(backports.value.length > 0 ? { backports: backports.value } : {}),
        ...(packageName ? { package: packageName } : {}),
      },
      ...(images.length > 0 ? { images } : {}),
    });
  }
  return { hosts };
}

/** The firmware presets the hosts name (so those presets must be read), each once. */
export function poolFirmwarePresetNames(text: string): string[] {
  try {
    const json = JSON.parse(text) as { hosts?: { firmware?: unknown }[] };
    return [...new Set((json.hosts ?? []).flatMap((h) => (typeof h?.firmware === 'string' && !isEdk2Tag(h.firmware) ? [h.firmware] : [])))];
  } catch {
    return [];
  }
}
