/** What an importer hands back: the written VM or host shape, the warnings for what it could not model, and context. */
import type { PoolFile, VmFile } from '../schema.js';

/** One host entry of a pool file (the shape `import host` prints). */
export type HostFile = PoolFile['hosts'][number];

/** The CPU a VM's source names, kept for `--emit`: what is applied depends on it (qemu.md §9.2). */
export interface ImportedCpu {
  /** QEMU's `-cpu` model: `host` (libvirt host-passthrough), `max` (maximum), a named model, or null (none named). */
  readonly model: string | null;
  /** libvirt's `<cpu mode>`, when the source is domain XML. */
  readonly libvirtMode: 'host-passthrough' | 'maximum' | 'host-model' | 'custom' | null;
}

export interface ImportedVm {
  readonly vm: VmFile;
  /** One line each: what the source has that the VM file cannot say, or what was assumed. */
  readonly warnings: readonly string[];
  readonly cpu: ImportedCpu;
  /** libvirt's release `X.Y` when the source says it (the header of a libvirt QEMU log); else null. */
  readonly libvirtVersion: string | null;
}

export interface ImportedHost {
  readonly host: HostFile;
  readonly warnings: readonly string[];
}

/** What the caller knows that host sources lack: the entry's name, and the QEMU and OVMF it runs. */
export interface HostImportOptions {
  readonly name: string;
  /** `X.Y`: overrides what the source says (virsh capabilities lists machine types). */
  readonly qemu?: string;
  /** an edk2 stable tag or a firmware preset: no host source says which OVMF package is installed. */
  readonly firmware?: string;
  /** What to assume when neither the options nor the source say (the VM's --qemu-version, --firmware), and where it came from. */
  readonly assumed?: { readonly qemu?: Assumption; readonly firmware?: Assumption };
  /** The option that sets the QEMU release, named in the warning when it is assumed (default `--qemu X.Y`). */
  readonly qemuFlag?: string;
}

export interface Assumption {
  readonly value: string;
  /** e.g. `the VM's --firmware` */
  readonly from: string;
}

/** Exact bytes as the shortest size string the VM file reads: `8G`, `219136K`, `1536M`, or plain bytes. */
export function sizeString(bytes: bigint): string {
  for (const [suffix, shift] of [['T', 40n], ['G', 30n], ['M', 20n], ['K', 10n]] as const) {
    if (bytes !== 0n && bytes % (1n << shift) === 0n) return `${bytes >> shift}${suffix}`;
  }
  return String(bytes);
}

/** `X.Y` of a release string such as `7.2.0`, `9.0.0-4+deb12u2`, `7.2.0Debian 1:7.2+dfsg-7`; null if none. */
export function releaseOf(text: string): string | null {
  const match = /(\d{1,2})\.(\d{1,2})(?:\.\d+)?/.exec(text);
  return match ? `${Number(match[1])}.${Number(match[2])}` : null;
}

/** `a ×2, b` for a list of names with repeats, in first-seen order. */
export function countedList(names: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts].map(([name, count]) => (count > 1 ? `${name} ×${count}` : name)).join(', ');
}

/**
 * A warning as one printable line: input text quoted in a warning may hold control characters (a stray carriage
 * return, a NUL), which would otherwise break the one-line-per-warning output.
 */
export function oneLineWarnings(warnings: readonly string[]): string[] {
  return warnings.map((w) => w.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\t' ? ' ' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)));
}
