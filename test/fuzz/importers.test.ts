/**
 * Fuzzing of the importers (issue 9): libvirt domain XML, virsh capabilities, /proc/cpuinfo, lscpu --json and QEMU
 * command lines, seeded with the project's fixtures and mutated. None may throw or hang, and every refusal is one line.
 */
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { importHost, importVm } from '../../src/input/importers/detect.js';
import { importQemuArgv } from '../../src/input/importers/qemu-argv.js';
import { isInputError } from '../../src/input/input-error.js';
import { FUZZ_RUNS, HANG_MS, mutated } from './mutate.js';

const fixtures = new URL('../fixtures/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, fixtures), 'utf8');
const all = readdirSync(fixtures);
const VM_SEEDS = all.filter((f) => f.startsWith('domain-') || f.startsWith('qemu-')).map(read);
const HOST_SEEDS = all.filter((f) => /^(caps|cpuinfo|lscpu)-/.test(f)).map(read);
const ARGV_SEEDS = ['qemu-system-x86_64 -machine pc-q35-7.2,accel=kvm -m size=8G,slots=4,maxmem=32G -cpu host,host-phys-bits=on,host-phys-bits-limit=39 -fw_cfg name=opt/ovmf/X-PciMmio64Mb,string=65536',
  "qemu-system-x86_64 -M pc -m 4096 -cpu 'qemu64,phys-bits=40,+pdpe1gb' -global i440FX-pcihost.pci-hole64-size=64G"];
// XML documents of a few KiB take milliseconds each: a tenth of the other targets keeps `npm run fuzz` to minutes.
const RUNS = Math.max(100, Math.floor(FUZZ_RUNS / 30));
const TIMEOUT = 60_000 + RUNS * 10;

const counts: Record<string, number> = {};
function timed<T>(target: string, call: () => T): T {
  counts[target] = (counts[target] ?? 0) + 1;
  let start = performance.now();
  const result = call();
  let ms = performance.now() - start;
  if (ms >= HANG_MS) {
    // A garbage-collection pause or a first compilation is not a hang: an input that hangs is slow again.
    start = performance.now();
    call();
    ms = performance.now() - start;
  }
  if (process.env.FUZZ_RUNS) expect(ms).toBeLessThan(HANG_MS);
  return result;
}

function oneLineOrOk(result: { kind?: string; message?: string; warnings?: readonly string[] } | object) {
  if (isInputError(result)) expect(result.message).not.toMatch(/[\r\n]/);
  else for (const warning of (result as { warnings?: readonly string[] }).warnings ?? []) expect(warning).not.toMatch(/[\r\n]/);
}

describe(`fuzzing the importers (${RUNS} inputs per target)`, () => {
  afterAll(() => {
    console.log(`importer fuzz inputs: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}; total ${Object.values(counts).reduce((a, b) => a + b, 0)}`);
  });

  it('VM sources: domain XML and QEMU command lines', () => {
    fc.assert(fc.property(mutated(VM_SEEDS), (text) => oneLineOrOk(timed('vm sources', () => importVm(text, 'input')))), { numRuns: RUNS });
  }, TIMEOUT);

  it('host sources: virsh capabilities, /proc/cpuinfo, lscpu --json', () => {
    fc.assert(fc.property(mutated(HOST_SEEDS), (text) => oneLineOrOk(timed('host sources', () => importHost(text, 'input', { name: 'h' })))), { numRuns: RUNS });
  }, TIMEOUT);

  it('QEMU argv', () => {
    fc.assert(fc.property(mutated(ARGV_SEEDS), (text) => oneLineOrOk(timed('qemu argv', () => importQemuArgv(text, 'argv')))), { numRuns: RUNS });
  }, TIMEOUT);
});
