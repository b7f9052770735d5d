/**
 * Firmware migration compatibility across a pool (qemu.md §8, seeds 000–003). A VM is bound to firmware paths (a CODE
 * image and a varstore template); each host may hold another image at the same path, or none. QEMU migrates the
 * firmware in RAMBlocks that cannot resize, so the destination's image must have the size of the boot host's; the
 * varstore must have the CODE build's flash layout; after a move the guest runs the boot host's firmware until its
 * next cold boot. With the ACPI blob check (acpi-blob.ts) and advice, as findings.
 */
import type { Finding, FirmwareBlock, FirmwareRole, FirmwareRun, ImageVariant, SizeMismatchWording } from '../findings.js';
import type { FirmwareImage, FirmwareLoader, FirmwareSpec, FlashLayout, HostFirmware, HostSpec, VmSpec } from '../spec.js';
import { firmwareReleaseKey, ovmfRules } from '../ovmf/releases.js';
import { type QemuVersion, formatVersion, isAtLeast } from '../qemu/versions.js';
import { varstoreLayout } from './flash.js';
import { checkAcpiBlob } from '../qemu/acpi-blob.js';

/** The VM's firmware paths with the defaults applied. */
export interface FirmwareBinding {
  readonly loader: FirmwareLoader;
  readonly code: string;
  readonly vars: string | null;
  readonly nvramSize: bigint | null;
}

/** The paths a VM is bound to, or null when it names no CODE image (then only the ACPI check runs). */
export function firmwareBinding(firmware: FirmwareSpec): FirmwareBinding | null {
  if (firmware.code === undefined) return null;
  return { loader: firmware.loader ?? 'pflash', code: firmware.code, vars: firmware.vars ?? null, nvramSize: firmware.nvramSize ?? null };
}

/** A kind of host as the pool check groups them: one host standing for all of them, and their names. */
export interface FirmwareHost {
  readonly host: HostSpec;
  readonly hosts: readonly string[];
}

export interface FirmwareReport {
  /** `boot[i]`: booting the VM on host kind i (a cold boot). */
  readonly boot: readonly (readonly Finding[])[];
  /** `migration(i, j)`: moving the VM, booted on host kind i, to host kind j (decided once per pair of firmware kinds). */
  readonly migration: (from: number, to: number) => readonly Finding[];
  /** `kind[i]`: hosts of one kind hold the same images and run the same QEMU, so they answer alike. */
  readonly kind: readonly number[];
}

/** What the VM's paths hold on one host, and everything it holds; `known` is false when it lists no images. */
interface Resolved {
  readonly known: boolean;
  readonly code: FirmwareImage | null;
  readonly vars: FirmwareImage | null;
  readonly images: readonly FirmwareImage[];
}

/**
 * Firmware findings for every host kind and every (boot, destination) pair of them.
 * @see qemu.md §8.1 (the size check), §8.2 (firmware RAMBlocks), §9.4 (libvirt's NVRAM template); seeds 000–003
 */
export function checkFirmware(vm: VmSpec, hosts: readonly FirmwareHost[]): FirmwareReport {
  const binding = firmwareBinding(vm.firmware);
  // A VM bound to no file has nothing to find on the hosts: only the ACPI check runs (a pool sweep's usual case).
  const resolved = binding ? hosts.map(({ host }) => resolve(binding, host)) : [];
  const advice = new Map<FirmwareRole, Finding | null>();
  const adviceFor = (role: FirmwareRole) => {
    if (!advice.has(role)) advice.set(role, binding && adviceOf(binding, role, hosts, resolved));
    return advice.get(role) ?? null;
  };
  const { kind, kinds } = firmwareKinds(hosts);
  const decided = new Map<number, readonly Finding[]>();
  const migration = (i: number, j: number): readonly Finding[] => {
    const key = kind[i]! * kinds + kind[j]!;
    let findings = decided.get(key);
    if (!findings) {
      const acpi = checkAcpiBlob(vm, hosts[i]!.host.qemuVersion, hosts[j]!.host.qemuVersion, { reportCovered: binding !== null });
      findings = binding ? [...moveFindings(binding, resolved[i]!, resolved[j]!, hosts[j]!.host.qemuVersion, adviceFor), ...acpi] : acpi;
      decided.set(key, findings);
    }
    return findings;
  };
  return { boot: binding ? resolved.map((r) => bootFindings(binding, r)) : hosts.map(() => NOTHING), migration, kind };
}

const NOTHING: readonly Finding[] = Object.freeze([]);

const KINDS = new WeakMap<readonly FirmwareHost[], { kind: number[]; kinds: number }>();

/** Host kinds by QEMU release and firmware images, once per group list (a search checks the same groups many times). */
function firmwareKinds(hosts: readonly FirmwareHost[]): { kind: number[]; kinds: number } {
  let result = KINDS.get(hosts);
  if (!result) {
    const ids = new Map<string, number>();
    const kind = hosts.map(({ host }) => {
      const key = `${formatVersion(host.qemuVersion)}|${firmwareReleaseKey(host.firmware)}|${firmwareImagesKey(host.images)}`;
      if (!ids.has(key)) ids.set(key, ids.size);
      return ids.get(key)!;
    });
    KINDS.set(hosts, (result = { kind, kinds: ids.size }));
  }
  return result;
}

/** The edk2 release and build the VM runs on a host: its bound CODE image's, else the host's package default. */
export function firmwareOnHost(firmware: FirmwareSpec, host: HostSpec): HostFirmware {
  const binding = firmwareBinding(firmware);
  if (!binding) return host.firmware;
  const image = resolve(binding, host).code;
  if (!image) return host.firmware;
  return {
    edk2: image.edk2, build: image.build,
    ...(image.backports ? { backports: image.backports } : {}),
    ...(image.package ? { package: image.package } : {}),
  };
}

/** A host group as a bound VM runs on it: the host's firmware is the release and build of the CODE image the VM uses. */
export function withBoundFirmware<T extends { readonly host: HostSpec }>(firmware: FirmwareSpec, group: T): T {
  const running = firmwareOnHost(firmware, group.host);
  return firmwareReleaseKey(running) === firmwareReleaseKey(group.host.firmware) ? group : { ...group, host: { ...group.host, firmware: running } };
}

/** The destination QEMU's words for a refused RAMBlock: a3a929083b03 (v5.2.0) replaced "Length mismatch" (v2.3.0). */
export function sizeMismatchWording(qemu: QemuVersion): SizeMismatchWording {
  return isAtLeast(qemu, 5, 2) ? 'size' : 'length';
}

const KEYS = new WeakMap<readonly FirmwareImage[], string>();

/** A grouping key for a host's images: hosts holding other files are checked apart. */
export function firmwareImagesKey(images: readonly FirmwareImage[] | undefined): string {
  if (!images || images.length === 0) return '';
  let key = KEYS.get(images);
  if (key === undefined) {
    key = images.map((i) => [i.path, i.role, i.build, i.flash, i.secureBoot, i.smm, i.size, i.edk2, i.package, (i.backports ?? []).join('+')].join(',')).join(';');
    KEYS.set(images, key);
  }
  return key;
}

function resolve(binding: FirmwareBinding | null, host: HostSpec): Resolved {
  const images = host.images ?? [];
  if (!binding || images.length === 0) return { known: false, code: null, vars: null, images };
  const find = (path: string | null) => (path === null ? null : images.find((i) => i.path === path) ?? null);
  return { known: true, code: find(binding.code), vars: find(binding.vars), images };
}

/** A cold boot on the host: the paths must exist, and the varstore must suit the CODE build. */
function bootFindings(binding: FirmwareBinding, r: Resolved): Finding[] {
  if (!r.known) return [{ code: 'firmware_images_unknown', path: binding.code }];
  const findings: Finding[] = [...missing(binding, r)];
  const nvram = nvramOnBoot(binding, r);
  if (r.code && nvram) findings.push(...layoutMismatch(binding, r.code, nvram, 'boot'));
  return findings;
}

function missing(binding: FirmwareBinding, r: Resolved): Finding[] {
  const findings: Finding[] = [];
  if (!r.code) findings.push({ code: 'firmware_image_missing', role: 'code', path: binding.code });
  if (binding.vars !== null && !r.vars) findings.push({ code: 'firmware_image_missing', role: 'vars', path: binding.vars });
  return findings;
}

/** The VM's NVRAM file on the host it boots on: its existing one, else a copy of the template (libvirt, qemu.md §9.4). */
function nvramOnBoot(binding: FirmwareBinding, r: Resolved): { readonly size: bigint; readonly flash: FlashLayout | null } | null {
  if (binding.loader === 'rom') return null;
  if (binding.nvramSize !== null) return { size: binding.nvramSize, flash: varstoreLayout(binding.nvramSize) };
  return r.vars ? { size: r.vars.size, flash: r.vars.flash } : null;
}

function layoutMismatch(binding: FirmwareBinding, code: FirmwareImage, nvram: { size: bigint; flash: FlashLayout | null }, when: 'boot' | 'after-migration'): Finding[] {
  if (binding.loader === 'rom' || nvram.flash === null || nvram.flash === code.flash) return [];
  return [{
    code: 'firmware_varstore_layout_mismatch', codePath: binding.code, codeFlash: code.flash, varsFlash: nvram.flash,
    varsSize: nvram.size, varsPath: binding.nvramSize === null ? binding.vars : null, when,
  }];
}

/**
 * Moving from a host (`a`) to another (`b`). The destination's QEMU loads its own images first; the incoming RAMBlocks
 * must have their sizes. libvirt creates the NVRAM file on the destination from the destination's template (seed 003),
 * so flash1 has the template's size there. Problems of the boot host itself are its boot findings.
 */
function moveFindings(binding: FirmwareBinding, a: Resolved, b: Resolved, qemu: QemuVersion, adviceFor: (role: FirmwareRole) => Finding | null): Finding[] {
  if (!a.known || !b.known || !a.code) return [];
  const findings: Finding[] = [...missing(binding, b)];
  const wording = sizeMismatchWording(qemu);
  const refused = (block: FirmwareBlock, role: FirmwareRole, path: string, incoming: bigint, local: bigint): Finding =>
    ({ code: 'firmware_size_mismatch', block, role, path, incoming, local, wording, qemu: formatVersion(qemu) });
  if (b.code && a.code.size !== b.code.size) {
    findings.push(refused(binding.loader === 'rom' ? 'pc.bios' : 'system.flash0', 'code', binding.code, a.code.size, b.code.size));
  }
  const nvram = nvramOnBoot(binding, a);
  if (nvram && binding.vars !== null && b.vars && nvram.size !== b.vars.size) {
    findings.push(refused('system.flash1', 'vars', binding.vars, nvram.size, b.vars.size));
  }
  if (findings.length > 0) {
    const roles = new Set<FirmwareRole>();
    for (const f of findings) if (f.code === 'firmware_image_missing' || f.code === 'firmware_size_mismatch') roles.add(f.role);
    for (const role of roles) {
      const advice = adviceFor(role);
      if (advice) findings.push(advice);
    }
    return findings;
  }
  const after = b.code!;
  // The varstore keeps the boot host's layout; the destination's CODE image runs with it from the next cold boot on.
  if (nvram && nvram.flash === a.code.flash) findings.push(...layoutMismatch(binding, after, nvram, 'after-migration'));
  if (differs(a.code, after)) findings.push({ code: 'firmware_after_migration', path: binding.code, warm: run(a.code), cold: run(after) });
  return findings;
}

function differs(a: FirmwareImage, b: FirmwareImage): boolean {
  return a.edk2 !== b.edk2 || a.build !== b.build || a.flash !== b.flash || a.package !== b.package;
}

function run(image: FirmwareImage): FirmwareRun {
  return { edk2: image.edk2, build: image.build, flash: image.flash, family: ovmfRules(image.edk2).family, package: image.package };
}

/** What the pool holds at the failing path, and a CODE/VARS pair present at one size on every host, if any. */
function adviceOf(binding: FirmwareBinding, role: FirmwareRole, hosts: readonly FirmwareHost[], resolved: readonly Resolved[]): Finding | null {
  const path = role === 'code' ? binding.code : binding.vars;
  if (path === null) return null;
  const bySize = new Map<bigint, { hosts: string[]; packages: Set<string> }>();
  const missingOn: string[] = [];
  for (const [i, r] of resolved.entries()) {
    if (!r.known) continue;
    const image = role === 'code' ? r.code : r.vars;
    if (!image) {
      missingOn.push(...hosts[i]!.hosts);
      continue;
    }
    const variant = bySize.get(image.size) ?? { hosts: [], packages: new Set<string>() };
    variant.hosts.push(...hosts[i]!.hosts);
    if (image.package) variant.packages.add(image.package);
    bySize.set(image.size, variant);
  }
  const variants: ImageVariant[] = [...bySize.entries()].sort(([x], [y]) => (x < y ? -1 : 1))
    .map(([size, v]) => ({ size, hosts: v.hosts, packages: [...v.packages] }));
  const largest = variants.reduce((max, v) => (v.size > max ? v.size : max), 0n);
  const alternative = alternativeOf(resolved);
  // The pair the VM already uses is no way out (its NVRAM file, not the templates, has the wrong size).
  const same = alternative?.code === binding.code && alternative.vars === binding.vars;
  return { code: 'firmware_advice', role, loader: binding.loader, path, variants, missing: missingOn, largest, alternative: same ? null : alternative };
}

/**
 * A pflash CODE image present at one size on every host that lists images, with the security flavour (secure boot,
 * SMM) of what the VM uses now, and a varstore template of its flash layout present at one size everywhere.
 */
function alternativeOf(resolved: readonly Resolved[]): { code: string; vars: string } | null {
  const known = resolved.filter((r) => r.known);
  const current = resolved.find((r) => r.code)?.code;
  const currentVars = resolved.find((r) => r.vars)?.vars;
  const uniform = (path: string, role: FirmwareImage['role']) => {
    const found = known.map((r) => r.images.find((i) => i.path === path));
    return found.every((i) => i !== undefined && i.role === role && i.size === found[0]!.size) ? (found as FirmwareImage[]) : null;
  };
  const first = known[0];
  if (!first || !current) return null;
  for (const candidate of first.images) {
    if (candidate.role !== 'code' || candidate.secureBoot !== current.secureBoot || candidate.smm !== current.smm) continue;
    const codes = uniform(candidate.path, 'code');
    if (!codes) continue;
    const vars = first.images.find((v) => {
      if (v.role !== 'vars' || v.secureBoot !== (currentVars?.secureBoot ?? false)) return false;
      const all = uniform(v.path, 'vars');
      return all !== null && all.every((image, k) => image.flash === codes[k]!.flash);
    });
    if (vars) return { code: candidate.path, vars: vars.path };
  }
  return null;
}
