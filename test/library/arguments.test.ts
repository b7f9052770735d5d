/** Issue 17: every library entry point refuses what the CLI refuses, with the CLI's words, instead of a report. */
import { describe, expect, it } from 'vitest';
import { GpaInputError, checkPool, deviceFixes, plan, poolPreset, recommend, reverseLayout, vmSpec, type PhysBitsSetting, type VmSpec } from 'gpa-planner';
import { cli } from '../cli/run-cli.js';

const thrown = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GpaInputError);
    return (error as Error).message;
  }
  throw new Error('expected a GpaInputError');
};

/** The CLI's reason, without its `gpa-planner: --flag: ` prefix. */
const cliReason = (args: string[]) => {
  const { status, stderr } = cli(args);
  expect(status).toBe(2);
  return stderr.trim().replace(/^gpa-planner: --[a-z-]+: /, '');
};

describe('checkPool refuses settings the CLI refuses', async () => {
  const vm = await vmSpec({ machineVersion: '7.2', memory: '8G' });
  const pool = await poolPreset('uniform-intel-46');
  const poolFlags = ['pool', 'check', '--pool-preset', 'uniform-intel-46', '--memory', '8G'];

  it.each<[string, PhysBitsSetting, string]>([
    ['phys-bits 0', { kind: 'fixed', physBits: 0 }, 'setting.physBits: 0 is QEMU\'s "not set" (its default, 40), not a width; a setting names the width, a whole number from 32 to 52'],
    ['phys-bits 99', { kind: 'fixed', physBits: 99 }, 'setting.physBits: phys-bits should be between 32 and 52  (but is 99)'],
    ['phys-bits 39.5', { kind: 'fixed', physBits: 39.5 }, 'setting.physBits: "39.5" is not a whole number from 32 to 52'],
    ['a host-phys-bits limit 0', { kind: 'host', limit: 0 }, 'setting.limit: 0 is QEMU\'s "no limit": write null; a limit is a whole number from 32 to 52'],
    ['a host-phys-bits limit 20', { kind: 'host', limit: 20 }, 'setting.limit: "20" is not a whole number from 32 to 52'],
  ])('%s', (_what, setting, message) => {
    expect(thrown(() => checkPool(vm, pool, setting))).toBe(message);
  });

  it('says what the CLI says for phys-bits 99 and a limit of 20', () => {
    expect(thrown(() => checkPool(vm, pool, { kind: 'fixed', physBits: 99 }))).toBe(`setting.physBits: ${cliReason([...poolFlags, '--phys-bits', '99'])}`);
    // The CLI also takes 0 as QEMU's "no limit"; the rest of its words are the library's.
    expect(cliReason([...poolFlags, '--host-phys-bits', '--host-phys-bits-limit', '20'])).toBe('"20" is not a whole number from 32 to 52 (or 0 for no limit)');
  });

  it('still checks a good setting', () => {
    expect(checkPool(vm, pool, { kind: 'fixed', physBits: 39 }).verdict).toBe('pass');
  });
});

describe('the other entry points refuse a hand-edited VM', async () => {
  const vm = await vmSpec({ memory: '8G' });
  const edited: VmSpec = { ...vm, cpu: { ...vm.cpu, physBits: 53 } };
  const pool = await poolPreset('uniform-intel-46');

  it('plan, recommend and deviceFixes give QEMU\'s refusal of phys-bits 53, as `plan --phys-bits 53` does', () => {
    const cliWords = cliReason(['plan', '--memory', '8G', '--phys-bits', '53']);
    expect(cliWords).toBe('phys-bits should be between 32 and 52  (but is 53)');
    for (const run of [() => plan(edited), () => recommend(edited, pool), () => deviceFixes(edited)]) expect(thrown(run)).toBe(`vm.cpu.physBits: ${cliWords}`);
  });

  it('refuses 300 slots and a pool host of 20 bits in the pool file\'s words', () => {
    expect(thrown(() => plan({ ...vm, slots: 300 }))).toBe('vm.slots: "300" is not a whole number from 0 to 256');
    const narrow = { hosts: [{ ...pool.hosts[0]!, physBits: 20 }] };
    expect(thrown(() => checkPool(vm, narrow, { kind: 'fixed', physBits: 39 }))).toBe('pool.hosts.0.physBits: "20" is not a whole number from 32 to 52');
  });

  it('reverseLayout refuses a width the CLI\'s --width refuses', () => {
    expect(cliReason(['reverse', '--width', '60', '--memory', '1G'])).toBe('"60" is not a whole number from 32 to 52');
    expect(thrown(() => reverseLayout(plan(vm).qemu, 60))).toBe('width: "60" is not a whole number from 32 to 52');
  });
});
