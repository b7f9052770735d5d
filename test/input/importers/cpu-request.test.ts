/** resolveCpuRequest: a CPU as libvirt or -cpu asks for it → what QEMU does (qemu.md §7.2–§7.3, §9.2). */
import { describe, expect, it } from 'vitest';
import { type CpuRequest, modelHasFeature, resolveCpuRequest } from '../../../src/input/importers/cpu-request.js';

const request = (overrides: Partial<CpuRequest>): CpuRequest => ({ model: 'host', hostFeatures: true, described: '-cpu host', features: new Map(), ...overrides });

function resolve(overrides: Partial<CpuRequest>, qemu: string | null = '7.2', machine: string | null = '7.2') {
  const warnings: string[] = [];
  const cpu = resolveCpuRequest(request(overrides), { qemu, machine }, (line) => warnings.push(line));
  return { cpu, warnings };
}

const LA57_UNKNOWN = 'la57 (5-level paging): with -cpu host the guest has it only where the host has it, and the input does not say the host\'s; left off (the default), not assumed: set cpu.la57 to true for hosts with la57 (pool check then gives it only to those)';

describe('resolveCpuRequest', () => {
  it('turns host-phys-bits on for -cpu host and max from QEMU 6.0, and not before (5a140b255df9)', () => {
    // Issue 17: la57 is the host's, which the input does not say: left off, with a warning.
    expect(resolve({}).cpu).toEqual({ hostPhysBits: true, pdpe1gb: true });
    expect(resolve({ model: 'max' }, '6.0').cpu.hostPhysBits).toBe(true);
    expect(resolve({}, '5.2', '5.2').cpu).toEqual({ pdpe1gb: true });
    expect(resolve({ features: new Map([['la57', true]]) }).cpu.la57).toBe(true);
  });

  it('takes QEMU ≥ 6.0 from a 6.0+ machine type when the release is not known, and assumes it otherwise with a warning', () => {
    expect(resolve({}, null, '6.2')).toEqual({ cpu: { hostPhysBits: true, pdpe1gb: true }, warnings: [LA57_UNKNOWN] });
    expect(resolve({}, null, '5.2').warnings).toEqual([
      'the QEMU release is not known: assumed 6.0 or later, where -cpu host has host-phys-bits on by default (before 6.0 the guest got phys-bits 40)',
      LA57_UNKNOWN,
    ]);
  });

  it('ignores phys-bits under host-phys-bits and says so, as QEMU overrides it (K2)', () => {
    const { cpu, warnings } = resolve({ physBits: { value: 42, written: 'phys-bits=42' } });
    expect(cpu).toEqual({ hostPhysBits: true, pdpe1gb: true });
    expect(warnings).toEqual([
      'phys-bits=42 is ignored: with -cpu host host-phys-bits is on, so QEMU gives the guest the host\'s width (and warns "Host physical bits (N) does not match phys-bits property"); modelled as host-phys-bits',
      LA57_UNKNOWN,
    ]);
  });

  it('keeps phys-bits with host-phys-bits=off, and the limit with host-phys-bits (0 = none)', () => {
    expect(resolve({ hostPhysBits: false, physBits: { value: 42, written: 'phys-bits=42' } }).cpu.physBits).toBe(42);
    expect(resolve({ hostPhysBitsLimit: { value: 39, written: 'l' } }).cpu).toMatchObject({ hostPhysBits: true, hostPhysBitsLimit: 39 });
    expect(resolve({ hostPhysBitsLimit: { value: 0, written: 'l' } }).cpu).not.toHaveProperty('hostPhysBitsLimit');
  });

  it('warns that a limit without host-phys-bits does nothing', () => {
    expect(resolve({ model: 'EPYC', hostFeatures: false, hostPhysBitsLimit: { value: 39, written: 'host-phys-bits-limit=39' } }).warnings).toEqual([
      'host-phys-bits-limit=39 has no effect without host-phys-bits=on (QEMU ignores it)',
    ]);
  });

  it('gives a named model its definition\'s 1 GiB pages and la57, explicit features first', () => {
    expect(resolve({ model: 'Skylake-Client-IBRS', hostFeatures: false }).cpu).toEqual({ pdpe1gb: false, la57: false });
    expect(resolve({ model: 'Icelake-Server-v2', hostFeatures: false }).cpu).toEqual({ pdpe1gb: true, la57: true });
    expect(resolve({ model: null, hostFeatures: false }).cpu).toEqual({ pdpe1gb: false, la57: false });
    expect(resolve({ model: 'Haswell', hostFeatures: false, features: new Map([['pdpe1gb', true]]) }).cpu.pdpe1gb).toBe(true);
  });

  it('assumes 1 GiB pages and no la57 for a model not in its table, with a warning', () => {
    expect(resolve({ model: 'Opteron_G5', hostFeatures: false })).toEqual({
      cpu: { pdpe1gb: true, la57: false },
      warnings: ['CPU model Opteron_G5 is not in the planner\'s table of models: assumed to have 1 GiB pages and no la57 (set cpu.pdpe1gb and cpu.la57 if not)'],
    });
  });
});

describe('modelHasFeature', () => {
  it.each<[string, 'pdpe1gb' | 'la57', boolean | null]>([
    ['Cascadelake-Server-noTSX', 'pdpe1gb', true],
    ['Cascadelake-Server-noTSX', 'la57', false],
    ['EPYC-Milan', 'pdpe1gb', true],
    ['EPYC-Milan', 'la57', false],
    ['EPYC-Genoa', 'la57', true],
    ['SapphireRapids-v3', 'la57', true],
    ['Haswell-noTSX-IBRS', 'pdpe1gb', false],
    ['Opteron_G5', 'pdpe1gb', null],
  ])('%s has %s: %s', (model, feature, has) => {
    expect(modelHasFeature(model, feature)).toBe(has);
  });
});
