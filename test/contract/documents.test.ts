/**
 * Every JSON document the CLI prints validates against the SHIPPED JSON Schema files (schemas/, read as files, with
 * Ajv's draft 2020-12 validator, the draft zod's toJSONSchema emits), over real outputs: every preset VM, the VMs of
 * the 206 recorded real boots (test/conformance/fixtures), reverse layouts at every width, pool checks and
 * recommendations on every pool preset, --pairs lines, import outputs of the fixtures, presets and explain. A
 * document with a wrong field fails, so these tests can fail.
 */
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/run-cli.js';
import { vmSpec, type VmFile } from '../../src/index.js';
import { plan } from '../../src/core/plan.js';
import { deviceAdvice } from '../../src/core/pci/device-fit.js';
import { refusalFixes } from '../../src/core/qemu/refusal-fixes.js';
import { reverseLayout } from '../../src/core/ovmf/reverse-layout.js';
import { planToJson } from '../../src/render/plan-json.js';
import { reverseToJson } from '../../src/render/reverse-json.js';
import { VmFileSchema } from '../../src/input/schema.js';
import { poolFileJson, vmFileJson } from '../../src/render/spec-files.js';
import { poolPreset, vmPreset } from '../../src/index.js';

const root = new URL('../../', import.meta.url);
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const shipped = (file: string): ValidateFunction => ajv.compile(JSON.parse(readFileSync(new URL(`schemas/${file}`, root), 'utf8')));
const schemas = {
  plan: shipped('plan-v1.schema.json'), reverse: shipped('reverse-v1.schema.json'), pool: shipped('pool-v2.schema.json'),
  pair: shipped('pool-pair.schema.json'), vmFile: shipped('vm-file.schema.json'), poolFile: shipped('pool-file.schema.json'),
  host: shipped('host.schema.json'), presets: shipped('presets.schema.json'), explain: shipped('explain.schema.json'),
  explainCode: shipped('explain-code.schema.json'),
};

/** Ajv's errors as lines, so a failure says which field. */
function problems(validate: ValidateFunction, document: unknown): string[] {
  return validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

const names = (kind: string) => readdirSync(new URL(`presets/${kind}/`, root)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
const printed = (args: string[]): unknown => {
  const run = cli(args);
  expect(run.status, `${args.join(' ')}: ${run.stderr}`).not.toBe(2);
  return JSON.parse(run.stdout);
};

/** A device fixture's topology (conformance/run.mjs writes the PciTopology, sizes in hex) in the VM file's words. */
interface FixturePci {
  devices: { name: string; vga: boolean; attach: 'root-port' | 'root-bus'; hotplug: boolean; pref64Reserve: string | null; bars: { index: number; size: string; is64: boolean; prefetchable: boolean }[] }[];
  emptyRootPorts: number;
}
const vmFileDevices = ({ devices, emptyRootPorts }: FixturePci): Pick<VmFile, 'devices' | 'emptyRootPorts'> => ({
  devices: devices.map(({ name, vga, attach, hotplug, pref64Reserve, bars }) => ({
    name, vga, attach, hotplug, ...(pref64Reserve === null ? {} : { pref64Reserve }),
    bars: bars.map(({ index, size, is64, prefetchable }) => ({ index, size, bits: is64 ? 64 : 32, prefetchable })),
  })),
  emptyRootPorts,
});

describe('plan --json validates against plan-v1.schema.json', () => {
  it.each(names('vms'))('preset %s', (preset) => {
    const document = printed(['plan', '--preset', preset, '--json']);
    expect(problems(schemas.plan, document)).toEqual([]);
    // Its input is a VM file (README: plan --vm accepts a plan document's input).
    expect(problems(schemas.vmFile, (document as { input: unknown }).input)).toEqual([]);
  });

  it.each([
    ['QEMU refuses (AMD, 1000 GiB, phys-bits 40)', ['--memory', '1000G', '--vendor', 'amd', '--phys-bits', '40']],
    ['an unknown newer edk2 tag and Proxmox\'s QEMU', ['--memory', '4G', '--firmware', 'edk2-stable202611', '--qemu-package', 'pve-qemu-kvm']],
    ['a firmware preset with backports and hotplug', ['--memory', '8G', '--maxmem', '64G', '--slots', '4', '--firmware', 'debian-13']],
    ['CXL windows', ['--memory', '4G', '--cxl-window', '256M', '--cxl-window', '512M']],
    ['a retired machine type', ['--memory', '4G', '--machine-version', '2.1']],
    ['devices that do not fit', ['--preset', 'gpu-4x', '--firmware', 'edk2-stable202211', '--vendor', 'intel', '--phys-bits', '40']],
    ['a libvirt domain', ['--vm-xml', 'test/fixtures/domain-q35-gpu.xml', '--phys-bits', '40']],
    ['a QEMU command line', ['--qemu-cmdline', 'test/fixtures/qemu-q35-gpu.log', '--phys-bits', '40']],
    ['a host\'s capabilities', ['--memory', '8G', '--host-caps', 'test/fixtures/caps-amd-epyc.xml', '--firmware', 'debian-12']],
  ])('%s', (_what, args) => {
    const document = printed(['plan', ...args, '--json']);
    expect(problems(schemas.plan, document)).toEqual([]);
    // The input reads back as a VM file, with the zod schema the CLI reads VM files with too.
    expect(VmFileSchema.safeParse((document as { input: unknown }).input).success).toBe(true);
  });

  it('reads its own input back with --vm: Proxmox\'s QEMU and a newer edk2 tag as asked (they were qemuPatches and unknownNewerTag, which --vm refused)', () => {
    const args = ['plan', '--memory', '4G', '--firmware', 'edk2-stable202611', '--qemu-package', 'pve-qemu-kvm', '--json'];
    const first = printed(args) as { input: { qemuPackage?: string; firmware: { edk2: string } } };
    expect([first.input.qemuPackage, first.input.firmware.edk2]).toEqual(['pve-qemu-kvm', 'edk2-stable202611']);
    const again = cli(['plan', '--vm', '-', '--json'], JSON.stringify(first.input));
    expect(again.stderr).toBe('');
    expect(JSON.parse(again.stdout)).toEqual(first);
  });

  describe('the VMs of the recorded real boots', async () => {
    const dir = new URL('test/conformance/fixtures/', root);
    const fixtures = readdirSync(dir).filter((f) => f.endsWith('.json'));
    it('are many', () => expect(fixtures.length).toBeGreaterThanOrEqual(200));
    it.each(fixtures)('%s', async (file) => {
      const { vm: { pci, ...vm } } = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { vm: VmFile & { pci?: FixturePci } };
      const spec = await vmSpec(pci ? { ...vm, ...vmFileDevices(pci) } : vm);
      const result = plan(spec);
      const document = planToJson(result, deviceAdvice(spec, result), refusalFixes(spec));
      expect(problems(schemas.plan, JSON.parse(JSON.stringify(document)))).toEqual([]);
      expect(problems(schemas.vmFile, JSON.parse(JSON.stringify(document.input)))).toEqual([]);
      for (let width = 36; width <= 52; width += 4) {
        const upstream = plan({ ...spec, cpu: { ...spec.cpu, physBits: width } });
        const reverse = reverseToJson(reverseLayout(upstream.qemu, width), upstream);
        expect(problems(schemas.reverse, JSON.parse(JSON.stringify(reverse)))).toEqual([]);
      }
    });
  });
});

describe('reverse --json validates against reverse-v1.schema.json', () => {
  it.each([
    ['room', ['--width', '39', '--memory', '1G', '--vendor', 'intel']],
    ['no room (reverse_no_room)', ['--width', '36', '--memory', '64G', '--maxmem', '128G', '--slots', '2']],
    ['QEMU refuses', ['--width', '40', '--memory', '1000G', '--vendor', 'amd']],
    ['a preset with devices', ['--width', '46', '--preset', 'gpu-2x']],
  ])('%s', (_what, args) => {
    expect(problems(schemas.reverse, printed(['reverse', ...args, '--json']))).toEqual([]);
  });
});

describe('pool --json validates against pool-v2.schema.json, --pairs lines against pool-pair.schema.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gpa-planner-pairs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(names('pools').flatMap((pool) => [
    [pool, 'check', '--memory 8G --phys-bits 40'], [pool, 'check', '--preset gpu-2x --host-phys-bits'],
    [pool, 'recommend', '--memory 8G'], [pool, 'recommend', '--preset gpu-4x'], [pool, 'recommend', '--preset database-1t'],
  ]))('%s: pool %s %s', (pool, command, flags) => {
    const pairs = join(dir, `${pool}-${command}.ndjson`);
    const document = printed(['pool', command, '--pool-preset', pool, ...flags.split(' '), '--json', '--pairs', pairs]);
    expect(problems(schemas.pool, document)).toEqual([]);
    const { input, plans } = document as { input: unknown; plans: { plan: { input: unknown } }[] };
    for (const vm of [input, ...plans.map((p) => p.plan.input)]) expect(problems(schemas.vmFile, vm)).toEqual([]);
    const lines = readFileSync(pairs, 'utf8').split('\n').filter((line) => line !== '');
    expect(lines.length).toBe((document as { migration: { pairs: number } }).migration.pairs);
    for (const line of lines) expect(problems(schemas.pair, JSON.parse(line))).toEqual([]);
  });

  it('a recommendation with no passing setting carries its explanation', () => {
    const document = printed(['pool', 'recommend', '--pool-preset', 'mixed-39-46-48', '--vm', 'presets/vms/gpu-2x.json', '--no-vendor-pinned', '--json']) as { recommendation: { setting: unknown; explanation?: unknown } };
    expect(document.recommendation.setting).toBeNull();
    expect(document.recommendation.explanation).toBeDefined();
    expect(problems(schemas.pool, document)).toEqual([]);
  });
});

describe('import validates against the input files\' schemas', () => {
  it.each(['domain-pc-seabios.xml', 'domain-q35-gpu.xml', 'domain-q35-hostmodel.xml', 'qemu-pc-seabios.ps.txt', 'qemu-q35-gpu.log'])('import vm %s: vm-file.schema.json', (file) => {
    expect(problems(schemas.vmFile, printed(['import', 'vm', `test/fixtures/${file}`]))).toEqual([]);
  });

  it.each(['caps-amd-epyc.xml', 'caps-intel-xeon.xml', 'cpuinfo-amd-epyc-sme.txt', 'cpuinfo-intel-xeon.txt', 'lscpu-intel-desktop.json'])('import host %s: host.schema.json', (file) => {
    expect(problems(schemas.host, printed(['import', 'host', `test/fixtures/${file}`, '--qemu', '9.2', '--firmware', 'debian-13']))).toEqual([]);
  });

  it('import host with several inputs and firmware descriptors: pool-file.schema.json', () => {
    const document = printed(['import', 'host', 'test/fixtures/caps-amd-epyc.xml', 'test/fixtures/caps-intel-xeon.xml', '--qemu', '9.2', '--firmware', 'debian-13']);
    expect(problems(schemas.poolFile, document)).toEqual([]);
    const one = printed(['import', 'host', 'test/fixtures/caps-intel-xeon.xml', '--qemu', '9.2', '--firmware-dir', 'test/fixtures/firmware']);
    expect(problems(schemas.host, one)).toEqual([]);
  });

  it.each(names('vms'))('presets/vms/%s.json: vm-file.schema.json', (name) => {
    expect(problems(schemas.vmFile, JSON.parse(readFileSync(new URL(`presets/vms/${name}.json`, root), 'utf8')))).toEqual([]);
  });

  it.each(names('pools'))('presets/pools/%s.json: pool-file.schema.json', (name) => {
    expect(problems(schemas.poolFile, JSON.parse(readFileSync(new URL(`presets/pools/${name}.json`, root), 'utf8')))).toEqual([]);
  });
});

describe('the terminal UI\'s exports (NAME.vm.json, NAME.pool.json)', () => {
  it.each(names('vms'))('vm preset %s: vm-file.schema.json', async (name) => {
    expect(problems(schemas.vmFile, JSON.parse(JSON.stringify(vmFileJson(await vmPreset(name), name))))).toEqual([]);
  });

  it.each(names('pools'))('pool preset %s: pool-file.schema.json', async (name) => {
    expect(problems(schemas.poolFile, JSON.parse(JSON.stringify(poolFileJson(await poolPreset(name), name))))).toEqual([]);
  });
});

describe('presets and explain', () => {
  it('presets --json: presets.schema.json', () => {
    expect(problems(schemas.presets, printed(['presets', '--json']))).toEqual([]);
  });

  it('explain --json: explain.schema.json; explain CODE --json for the first five codes: explain-code.schema.json', () => {
    const all = printed(['explain', '--json']) as Record<string, unknown>;
    expect(problems(schemas.explain, all)).toEqual([]);
    for (const code of Object.keys(all).slice(0, 5)) expect(problems(schemas.explainCode, printed(['explain', code, '--json']))).toEqual([]);
  });
});

describe('a document with a wrong field fails', () => {
  const document = () => printed(['plan', '--memory', '1000G', '--vendor', 'amd', '--phys-bits', '40', '--json']) as any;

  it.each<[string, (d: any) => void, string]>([
    ['a size as a number', (d) => { d.qemu.ramSize = 1073741824; }, '/qemu/ramSize must be string'],
    ['a size in uppercase hex', (d) => { d.qemu.maxUsedGpa = '0x2017FFFFFFF'; }, '/qemu/maxUsedGpa must match pattern "^0x[0-9a-f]+$"'],
    ['a field the contract does not have', (d) => { d.qemu.extra = true; }, '/qemu must NOT have additional properties'],
    ['a missing field', (d) => { delete d.qemu.e820; }, '/qemu must have required property \'e820\''],
    ['another document\'s name', (d) => { d.schema = 'gpa-planner/plan/v2'; }, '/schema must be equal to constant'],
    ['a refusal that is not text', (d) => { d.qemu.refusal = 7; }, '/qemu/refusal must be string'],
  ])('%s', (_what, edit, expected) => {
    const d = document();
    expect(problems(schemas.plan, d)).toEqual([]);
    edit(d);
    expect(problems(schemas.plan, d).join('\n')).toContain(expected);
  });

  it('a finding whose severity is not its code\'s', () => {
    const d = document();
    // qemu_phys_bits_too_low is an error (core/findings.ts SEVERITY); as a warning it matches no branch.
    const finding = d.findings.find((f: { code: string }) => f.code === 'qemu_phys_bits_too_low');
    finding.severity = 'warning';
    expect(problems(schemas.plan, d).length).toBeGreaterThan(0);
  });

  it('a finding code that does not exist', () => {
    const d = document();
    d.findings[0].code = 'qemu_made_up';
    expect(problems(schemas.plan, d).length).toBeGreaterThan(0);
  });

  it('a pairs line with a group id that is not one', () => {
    expect(problems(schemas.pair, { boot: 'g1', destination: 'g2', ok: true, findings: [] })).toEqual([]);
    expect(problems(schemas.pair, { boot: 'host-1', destination: 'g2', ok: true, findings: [] }).join()).toContain('/boot must match pattern');
  });
});
