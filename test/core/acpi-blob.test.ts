/** The ACPI tables blob across QEMU releases, per machine type (qemu.md §8.3, seed 002). */
import { describe, expect, it } from 'vitest';
import { acpiBlobSizing, checkAcpiBlob } from '../../src/core/qemu/acpi-blob.js';
import type { QemuVersion } from '../../src/core/qemu/versions.js';
import { aVm } from '../builders.js';

const v = (major: number, minor: number): QemuVersion => ({ major, minor });

describe('acpiBlobSizing', () => {
  it.each([
    [v(2, 0), 'qemu-2.0-size'], // 07fb61760cde: padded to QEMU 2.0's payload
    [v(2, 1), '128k'], // 868270f23d8d: ACPI_BUILD_TABLE_SIZE 0x20000
    [v(2, 2), '128k'],
    [v(2, 3), 'resizable'], // a1666142db62: resizable RAMBlocks, resizable_acpi_blob true from 2.3
    [v(7, 2), 'resizable'],
  ] as const)('machine type %o: %s', (version, sizing) => {
    expect(acpiBlobSizing(version)).toBe(sizing);
  });
});

describe('checkAcpiBlob', () => {
  const q35 = aVm({ machineVersion: v(7, 2) });

  it('finds nothing between hosts of one QEMU release: it builds the same tables', () => {
    expect(checkAcpiBlob(q35, v(7, 2), v(7, 2), { reportCovered: true })).toStrictEqual([]);
  });

  it('says a resizable blob covers a change of release only when asked', () => {
    expect(checkAcpiBlob(q35, v(7, 2), v(10, 0), { reportCovered: false })).toStrictEqual([]);
    expect(checkAcpiBlob(q35, v(7, 2), v(10, 0), { reportCovered: true })).toStrictEqual([
      { code: 'acpi_blob_resizable', machine: 'q35', version: '7.2', from: '7.2', to: '10.0' },
    ]);
  });

  it('always warns for a legacy machine type, whose padding it cannot check', () => {
    const pc20 = aVm({ machine: 'pc', machineVersion: v(2, 0) });
    expect(checkAcpiBlob(pc20, v(8, 2), v(2, 12), { reportCovered: false })).toStrictEqual([
      { code: 'acpi_blob_legacy_padding', machine: 'pc', version: '2.0', from: '8.2', to: '2.12', padding: 'qemu-2.0-size' },
    ]);
  });
});
