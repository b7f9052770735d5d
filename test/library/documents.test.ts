// The JSON documents as a library user reads them (docs/json-schemas.md): planToJson, reverseToJson and poolToJson
// return typed documents, so a field reads without a cast. It imports the built package by its name, and
// test/package/install.test.ts typechecks and runs it from an installed package too.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { checkPool, plan, planToJson, poolPreset, poolToJson, reverseLayout, reverseToJson, vmSpec, type PlanDocument, type PoolDocument } from 'gpa-planner';

describe('typed JSON documents', () => {
  it('plan/v1: the aperture OVMF publishes, as hex strings', async () => {
    const vm = await vmSpec({ machineVersion: '7.2', memory: '8G', cpu: { vendor: 'intel', physBits: 39 }, firmware: { edk2: 'edk2-stable202211' } });
    const document: PlanDocument = planToJson(plan(vm));
    expect(document.schema).toBe('gpa-planner/plan/v1');
    // edk2-stable202211 trusts Intel's 39 bits: the dynamic window is 2^39 / 8 = 64 GiB (0x1000000000), at
    // 2^39 - 64 GiB = 0x8000000000 - 0x1000000000 = 0x7000000000 (ovmf.md §3.2; README's small-desktop plan).
    expect(document.ovmf?.window).toBe('dynamic');
    expect(document.ovmf?.pci64).toEqual({ base: '0x7000000000', size: '0x1000000000' });
    expectTypeOf(document.qemu.physBits).toEqualTypeOf<number>();
    expectTypeOf(document.ovmf).toEqualTypeOf<PlanDocument['ovmf']>();
    expectTypeOf(document.findings[0]!.code).toExtend<string>();
  });

  it('reverse/v1: the room between the hotplug end and 2^W', async () => {
    const vm = await vmSpec({ memory: '1G', cpu: { physBits: 39 } });
    const upstream = plan(vm);
    const document = reverseToJson(reverseLayout(upstream.qemu, 39), upstream);
    // 1 GiB of RAM, no hotplug: the end is 4 GiB (RAM stays below it), so the aperture is [4 GiB, 2^39): 508 GiB = 0x7f00000000.
    expect([document.base, document.aperture?.size, document.halts]).toEqual(['0x100000000', '0x7f00000000', false]);
  });

  it('pool/v2: each group names its plan, whose fields are typed too', async () => {
    const vm = await vmSpec({ machineVersion: '7.2', memory: '8G' });
    const document: PoolDocument = poolToJson(vm, checkPool(vm, await poolPreset('uniform-intel-46'), { kind: 'fixed', physBits: 40 }));
    const planOf = new Map(document.plans.map((p) => [p.id, p.plan]));
    for (const group of document.groups) expect(planOf.get(group.plan ?? '')?.qemu.physBits).toBe(40);
    expect(document.verdict).toBe('pass');
  });
});
