/**
 * Whether the ACPI tables blob can stop a migration between two QEMU releases (qemu.md §8.3, seed 002). QEMU counts
 * the ACPI payload as part of the firmware and never versions it, so one machine type may build tables of another
 * size in another release; the RAMBlock that holds them (`/rom@etc/acpi/tables`) either resizes on the destination or
 * must have the same size there.
 */
import type { Finding } from '../findings.js';
import type { VmSpec } from '../spec.js';
import { type QemuVersion, compareVersions, formatVersion, isAtLeast } from './versions.js';

/** How a machine type sizes the ACPI tables blob. */
export type AcpiBlobSizing =
  /** ≥ 2.3: a resizable RAMBlock, at most 2 MiB of tables and 64 KiB of loader (a1666142db62, 42d859001d18; v2.3.0). */
  | 'resizable'
  /** 2.1 and 2.2: padded to a multiple of 128 KiB, ACPI_BUILD_TABLE_SIZE (18045fb9f457, 868270f23d8d; v2.1.0), not resizable. */
  | '128k'
  /** ≤ 2.0: padded to QEMU 2.0's payload size, "pc: hack for migration compatibility from QEMU 2.0" (07fb61760cde, v2.1.0). */
  | 'qemu-2.0-size';

/** The sizing of a machine type (`resizable_acpi_blob` is false for ≤ 2.2, qemu.md §8.3). */
export function acpiBlobSizing(machineVersion: QemuVersion): AcpiBlobSizing {
  if (isAtLeast(machineVersion, 2, 3)) return 'resizable';
  return isAtLeast(machineVersion, 2, 1) ? '128k' : 'qemu-2.0-size';
}

export interface AcpiBlobOptions {
  /** Also say so when resizable blobs cover the move (a firmware check asked for it). */
  readonly reportCovered: boolean;
}

/**
 * The ACPI finding of a move from a host with QEMU `from` to one with QEMU `to`, if any. The same release builds the
 * same tables for the same VM, so only a change of release matters. The model does not compute the tables' size
 * (it depends on CPUs, bridges and devices), so for legacy machine types it can only warn.
 */
export function checkAcpiBlob(vm: VmSpec, from: QemuVersion, to: QemuVersion, options: AcpiBlobOptions): Finding[] {
  if (compareVersions(from, to) === 0) return [];
  const sizing = acpiBlobSizing(vm.machineVersion);
  const where = { machine: vm.machine, version: formatVersion(vm.machineVersion), from: formatVersion(from), to: formatVersion(to) };
  if (sizing === 'resizable') return options.reportCovered ? [{ code: 'acpi_blob_resizable', ...where }] : [];
  return [{ code: 'acpi_blob_legacy_padding', ...where, padding: sizing === '128k' ? '128k' : 'qemu-2.0-size' }];
}
