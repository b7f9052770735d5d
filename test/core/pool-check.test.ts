/** The pool check: host groups, boot findings, migration pairs, the verdict. Expected values derived in comments. */
import { describe, expect, it } from 'vitest';
import { checkPool, groupHosts } from '../../src/core/pool/check.js';
import { plan } from '../../src/core/plan.js';
import type { PhysBitsSetting } from '../../src/core/spec.js';
import { aHost, aPool, aVm, g, t } from '../builders.js';
import type { FirmwareImage } from '../../src/core/spec.js';
import { recommend } from '../../src/core/pool/recommend.js';

const fixed = (physBits: number): PhysBitsSetting => ({ kind: 'fixed', physBits });
const host: PhysBitsSetting = { kind: 'host', limit: null };
const codes = (findings: readonly { code: string }[]) => findings.map((f) => f.code);
const vm = aVm({ machineVersion: { major: 7, minor: 2 }, memory: g(8), cpu: { pdpe1gb: true } });

describe('groupHosts', () => {
  it('groups hosts that differ only in name and count, summing the counts', () => {
    const groups = groupHosts(aPool(aHost({ name: 'a', count: 3 }), aHost({ name: 'b', count: 2 }), aHost({ name: 'c', physBits: 39 })));
    expect(groups.map((gr) => [gr.id, gr.hosts, gr.count])).toEqual([['g1', ['a', 'b'], 5], ['g2', ['c'], 1]]);
  });

  it('keeps hosts with another firmware apart', () => {
    expect(groupHosts(aPool(aHost({ name: 'a' }), aHost({ name: 'b', firmware: { edk2: 'edk2-stable202211', build: 'ia32x64' } }))).length).toBe(2);
  });

  it('keeps apart hosts whose numbers all agree but whose vendors differ, in the order first seen', () => {
    const groups = groupHosts(aPool(aHost({ name: 'a' }), aHost({ name: 'b', vendor: 'amd' }), aHost({ name: 'c' }), aHost({ name: 'd', vendor: 'amd' })));
    expect(groups.map((gr) => [gr.id, gr.hosts])).toEqual([['g1', ['a', 'c']], ['g2', ['b', 'd']]]);
  });
});

describe('checkPool on one host', () => {
  it('passes exactly when plan() on that host has no error: Intel 39 with 8 GiB', () => {
    const report = checkPool(vm, aPool(aHost({ physBits: 39 })), fixed(39));
    const direct = plan({ ...vm, qemuVersion: { major: 9, minor: 2 }, cpu: { ...vm.cpu, vendor: 'intel', physBits: 39 }, firmware: { ...vm.firmware, edk2: 'edk2-stable202502', build: 'x64' } });
    expect(report.verdict).toBe('pass');
    expect(report.groups[0]!.plan).toEqual(direct);
    // A group migrating to itself is checked too.
    expect(report.pairs).toEqual([{ boot: 'g1', destination: 'g1', ok: true, findings: [] }]);
  });

  it('fails when the guest sees more bits than the host has: phys-bits 40 on a 39-bit host', () => {
    const report = checkPool(vm, aPool(aHost({ physBits: 39 })), fixed(40));
    expect(report.verdict).toBe('fail');
    expect(report.groups[0]!.findings).toContainEqual({ code: 'pool_guest_width_above_host', physBits: 40, hostBits: 39 });
  });

  it('fails when an address lies beyond what a 52-bit host without la57 maps (48 bits)', () => {
    // pci-hole64-size 300 TiB after RAM that ends at 10 GiB: the hole runs [10 G, 300 T + 10 G), highest address ≥ 2^48.
    const big = aVm({ ...vm, pciHole64Size: t(300) });
    const report = checkPool(big, aPool(aHost({ physBits: 52 })), host);
    expect(report.groups[0]!.findings).toContainEqual({ code: 'pool_address_beyond_host', address: t(300) + g(4) + g(8) - g(2) - 1n, hostBits: 48 });
  });

  it('fails when the host\'s QEMU lacks the machine type', () => {
    const report = checkPool(aVm({ ...vm, machineVersion: { major: 9, minor: 2 } }), aPool(aHost({ qemuVersion: { major: 7, minor: 2 } })), fixed(39));
    expect(report.groups[0]!.findings).toEqual([{ code: 'pool_machine_type_unavailable', machine: 'q35', version: '9.2', qemu: '7.2' }]);
    expect(report.groups[0]!.plan).toBeNull();
    expect(report.pairs).toEqual([]);
  });
});

describe('checkPool migrations', () => {
  const xeon = aHost({ name: 'xeon', physBits: 46 });
  const desk = aHost({ name: 'desk', physBits: 39 });

  it('with host-phys-bits, a guest booted on a 46-bit host cannot move to a 39-bit one', () => {
    // On the Xeon the guest sees 46 bits; OVMF trusts Intel 46: dynamic window [56 T, 64 T), highest address 64 T − 1.
    const report = checkPool(vm, aPool(xeon, desk), host);
    const pair = report.pairs.find((p) => p.boot === 'g1' && p.destination === 'g2')!;
    expect(pair.ok).toBe(false);
    expect(pair.findings).toEqual([
      { code: 'pool_migration_address_unmappable', address: t(64) - 1n, hostBits: 39 },
      { code: 'pool_migration_width_shrinks', field: 'phys-bits', from: 46, to: 39 },
    ]);
  });

  it('with host-phys-bits, the other way round only widens the guest: a warning', () => {
    const pair = checkPool(vm, aPool(xeon, desk), host).pairs.find((p) => p.boot === 'g2' && p.destination === 'g1')!;
    expect(pair).toEqual({ boot: 'g2', destination: 'g1', ok: true, findings: [{ code: 'pool_migration_width_grows', field: 'phys-bits', from: 39, to: 46 }] });
  });

  it('host-phys-bits with limit 39 gives both hosts 39 bits, so nothing changes across the move', () => {
    const report = checkPool(vm, aPool(xeon, desk), { kind: 'host', limit: 39 });
    expect(report.groups.map((gr) => gr.plan?.vm.cpu.physBits)).toEqual([39, 39]);
    expect(report.verdict).toBe('pass');
  });

  it('a fixed 39 passes both ways: the guest stays below 2^39 everywhere', () => {
    const report = checkPool(vm, aPool(xeon, desk), fixed(39));
    expect(report.verdict).toBe('pass');
    expect(report.pairs.every((p) => p.findings.length === 0)).toBe(true);
  });

  // Issue 17: under KVM the guest sees each host's vendor, so an Intel-to-AMD move changes it under the guest.
  it('fails a cross-vendor move, and warns about 1 GiB pages missing on the destination', () => {
    const epyc = aHost({ name: 'epyc', vendor: 'amd', physBits: 48, pdpe1gb: false });
    const report = checkPool(vm, aPool(xeon, epyc), fixed(39));
    const pair = report.pairs.find((p) => p.boot === 'g1' && p.destination === 'g2')!;
    expect([pair.ok, report.verdict]).toEqual([false, 'fail']);
    expect(pair.findings).toEqual([
      { code: 'pool_migration_cross_vendor', from: 'intel', to: 'amd' },
      { code: 'pool_migration_cpu_feature_missing', feature: 'pdpe1gb' },
    ]);
  });

  it('passes a cross-vendor move of a VM that pins its vendor, with a warning of what still differs', () => {
    const epyc = aHost({ name: 'epyc', vendor: 'amd', physBits: 48 });
    const pinned = aVm({ machineVersion: { major: 7, minor: 2 }, memory: g(8), cpu: { pdpe1gb: true, vendor: 'intel', vendorPinned: true } });
    const report = checkPool(pinned, aPool(xeon, epyc), fixed(39));
    expect(report.verdict).toBe('pass');
    // The guest is Intel on the AMD host too, so OVMF applies the Intel rules there: it trusts 39 on both.
    expect(report.groups.map((gr) => [gr.plan?.vm.cpu.vendor, gr.plan?.ovmf?.cpuid.trusted])).toEqual([['intel', true], ['intel', true]]);
    expect(report.pairs.find((p) => p.boot === 'g1' && p.destination === 'g2')!.findings).toEqual([
      { code: 'pool_migration_cross_vendor_pinned', vendor: 'intel', from: 'intel', to: 'amd' },
    ]);
  });

  // A destination whose QEMU lacks the machine type cannot plan the VM, but the vendor the guest would see there is
  // known: the host's when unpinned (it was reported as the pinned warning before), the VM's own when pinned.
  it('on a destination without the machine type, still fails an unpinned cross-vendor move and warns a pinned one', () => {
    const newVm = aVm({ machineVersion: { major: 10, minor: 0 }, qemuVersion: { major: 10, minor: 0 }, memory: g(8), cpu: { pdpe1gb: true } });
    const xeon10 = aHost({ name: 'xeon10', qemuVersion: { major: 10, minor: 0 } });
    const epyc72 = aHost({ name: 'epyc72', vendor: 'amd', physBits: 48, qemuVersion: { major: 7, minor: 2 } });
    const move = (spec: typeof newVm) => checkPool(spec, aPool(xeon10, epyc72), fixed(39)).pairs.find((p) => p.boot === 'g1' && p.destination === 'g2')!;
    expect(codes(move(newVm).findings)).toEqual(['pool_machine_type_unavailable', 'pool_migration_cross_vendor']);
    expect(move(newVm).findings[1]).toEqual({ code: 'pool_migration_cross_vendor', from: 'intel', to: 'amd' });
    const pinned = { ...newVm, cpu: { ...newVm.cpu, vendor: 'intel' as const, vendorPinned: true } };
    expect(codes(move(pinned).findings)).toEqual(['pool_machine_type_unavailable', 'pool_migration_cross_vendor_pinned']);
  });

  it('fails a move to a host whose guest width would exceed its own, and names it as the destination', () => {
    const report = checkPool(vm, aPool(xeon, desk), fixed(40));
    expect(report.groups.map((gr) => gr.boots)).toEqual([true, false]);
    expect(codes(report.pairs.find((p) => p.destination === 'g2')!.findings)).toEqual(['pool_guest_width_above_host']);
  });

  it('plans each group with its own firmware: 202208 keeps the classic window, 202211 trusts Intel 39', () => {
    const report = checkPool(vm, aPool(aHost({ name: 'old', firmware: { edk2: 'edk2-stable202208', build: 'x64' } }), aHost({ name: 'new', firmware: { edk2: 'edk2-stable202211', build: 'ia32x64' } })), fixed(39));
    // 8 GiB: RAM top 10 GiB → classic [32 G, 64 G); trusted 39 → dynamic [448 G, 512 G).
    expect(report.groups.map((gr) => [gr.plan?.ovmf?.window, gr.plan?.ovmf?.pci64Aperture])).toEqual([
      ['classic', { base: g(32), size: g(32) }],
      ['dynamic', { base: g(448), size: g(64) }],
    ]);
    expect(report.verdict).toBe('pass');
  });

  it('with GuestPhysBits from KVM, the guest-phys-bits seen changes between hosts that report different values', () => {
    const vm91 = aVm({ ...vm, machineVersion: { major: 9, minor: 2 } });
    const report = checkPool(vm91, aPool(aHost({ name: 'a', physBits: 52, guestPhysBits: 48 }), aHost({ name: 'b', physBits: 52, guestPhysBits: 0 })), fixed(46));
    expect(codes(report.pairs.find((p) => p.boot === 'g1' && p.destination === 'g2')!.findings)).toEqual(['pool_migration_width_shrinks']);
  });
});

describe('checkPool with firmware images (issue 7)', () => {
  // Debian 12's and Debian 13's /usr/share/qemu/OVMF.fd (2 MiB and 4 MiB) and their 4 MiB CODE/VARS pair.
  const BIOS = '/usr/share/qemu/OVMF.fd';
  const CODE_4M = '/usr/share/OVMF/OVMF_CODE_4M.fd';
  const VARS_4M = '/usr/share/OVMF/OVMF_VARS_4M.fd';
  const image = (path: string, role: FirmwareImage['role'], flash: FirmwareImage['flash'], size: bigint, edk2: FirmwareImage['edk2']): FirmwareImage =>
    ({ path, role, build: 'x64', flash, secureBoot: false, smm: false, size, edk2, package: null });
  const old = [image(BIOS, 'unified', '2m', 0x200000n, 'edk2-stable202211'), image(CODE_4M, 'code', '4m', 0x37c000n, 'edk2-stable202211'), image(VARS_4M, 'vars', '4m', 0x84000n, 'edk2-stable202211')];
  const upgraded = [image(BIOS, 'unified', '4m', 0x400000n, 'edk2-stable202502'), image(CODE_4M, 'code', '4m', 0x37c000n, 'edk2-stable202502'), image(VARS_4M, 'vars', '4m', 0x84000n, 'edk2-stable202502')];
  const pool = aPool(
    aHost({ name: 'deb12-1', qemuVersion: { major: 7, minor: 2 }, firmware: { edk2: 'edk2-stable202211', build: 'ia32x64' }, images: old }),
    aHost({ name: 'deb12-2', qemuVersion: { major: 7, minor: 2 }, firmware: { edk2: 'edk2-stable202211', build: 'ia32x64' }, images: old }),
    aHost({ name: 'deb13-1', qemuVersion: { major: 10, minor: 0 }, firmware: { edk2: 'edk2-stable202502', build: 'x64' }, images: upgraded }),
  );
  const onBios = aVm({ ...vm, firmware: { loader: 'rom', code: BIOS } });
  const on4m = aVm({ ...vm, firmware: { code: CODE_4M, vars: VARS_4M } });

  it('groups hosts by the images they hold, and splits hosts that differ only in them', () => {
    expect(groupHosts(pool).map((gr) => gr.hosts)).toEqual([['deb12-1', 'deb12-2'], ['deb13-1']]);
    const twins = aPool(aHost({ name: 'a', images: old }), aHost({ name: 'b', images: old.map((i) => ({ ...i, size: i.size + 0x1000n })) }));
    expect(groupHosts(twins)).toHaveLength(2);
  });

  it('fails exactly the moves between the 2 MiB and the 4 MiB OVMF.fd, with the size mismatch on pc.bios', () => {
    const report = checkPool(onBios, pool, fixed(39));
    expect(report.verdict).toBe('fail');
    expect(report.groups.map((gr) => gr.boots)).toEqual([true, true]);
    expect(report.pairs.map((p) => `${p.boot}->${p.destination}:${p.ok}`)).toEqual(['g1->g1:true', 'g1->g2:false', 'g2->g1:false', 'g2->g2:true']);
    const failing = report.pairs.filter((p) => !p.ok);
    expect(failing.map((p) => p.findings.filter((f) => f.code === 'firmware_size_mismatch'))).toEqual([
      [{ code: 'firmware_size_mismatch', block: 'pc.bios', role: 'code', path: BIOS, incoming: 0x200000n, local: 0x400000n, wording: 'size', qemu: '10.0' }],
      [{ code: 'firmware_size_mismatch', block: 'pc.bios', role: 'code', path: BIOS, incoming: 0x400000n, local: 0x200000n, wording: 'size', qemu: '7.2' }],
    ]);
  });

  it('passes once the VM points at a CODE/VARS pair of one size on every host, and plans each host with that image', () => {
    const report = checkPool(on4m, pool, fixed(39));
    expect(report.verdict).toBe('pass');
    expect(report.groups.map((gr) => gr.plan?.ovmf?.edk2)).toEqual(['edk2-stable202211', 'edk2-stable202502']);
    expect(codes(report.pairs.find((p) => p.boot === 'g1' && p.destination === 'g2')!.findings)).toEqual(['firmware_after_migration', 'acpi_blob_resizable']);
  });

  it('plans the bound image\'s build (X64 in these lists), not the host package\'s default (Ia32X64)', () => {
    expect(checkPool(onBios, pool, fixed(39)).groups[0]!.plan?.vm.firmware.build).toBe('x64');
    expect(checkPool(on4m, aPool(aHost({ firmware: { edk2: 'edk2-stable202211', build: 'ia32x64' }, images: old })), fixed(39)).groups[0]!.plan?.vm.firmware.build).toBe('x64');
  });

  it('does not boot where the image is missing, and fails the moves there', () => {
    const report = checkPool(aVm({ ...vm, firmware: { code: '/usr/share/OVMF/OVMF_CODE.fd' } }), aPool(aHost({ name: 'a', images: old })), fixed(39));
    expect(report.groups[0]!.boots).toBe(false);
    expect(report.groups[0]!.findings).toContainEqual({ code: 'firmware_image_missing', role: 'code', path: '/usr/share/OVMF/OVMF_CODE.fd' });
    expect(report.verdict).toBe('fail');
  });

  it('finds no setting to recommend when the firmware cannot move, whatever the phys-bits', () => {
    expect(recommend(onBios, pool).best).toBeNull();
    expect(recommend(on4m, pool).best).not.toBeNull();
  });
});
