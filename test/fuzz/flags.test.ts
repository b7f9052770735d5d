/**
 * Issue 21 item 1: no flag combination reaches exit 3 (an internal error). The CLI runs in-process over generated
 * flags: old and new QEMU releases and machine types, both machines, devices and empty root ports, sizes at the edges
 * of what QEMU takes, phys-bits and firmware of every kind; text and JSON renderers both. Every run must end with
 * 0, 1 or 2, and a 2 must be one line on standard error with nothing on standard output.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.js';
import type { Io } from '../../src/cli/io.js';

const sizes = ['8K', '1M', '512M', '4G', '59.5G', '1000G', '1T', '4T', '16T', '0x100000000', '1T + 512G'];
const flagSet = fc.record({
  memory: fc.constantFrom(...sizes),
  // Hotplug above the RAM, as an expression: maxmem = memory + extra, with slots.
  hotplug: fc.option(fc.record({ extra: fc.constantFrom('8K', '1G', '64G', '1T', '8T'), slots: fc.constantFrom('1', '4', '256', '257') }), { nil: undefined }),
  machine: fc.option(fc.constantFrom('q35', 'pc'), { nil: undefined }),
  qemuVersion: fc.option(fc.constantFrom('2.11', '4.2', '5.2', '6.0', '7.0', '7.2', '8.2', '9.1', '10.0', '10.1', '11.1'), { nil: undefined }),
  physBits: fc.option(fc.constantFrom('0', '36', '39', '40', '41', '46', '48', '52'), { nil: undefined }),
  vendor: fc.option(fc.constantFrom('intel', 'amd', 'hygon'), { nil: undefined }),
  firmware: fc.option(fc.constantFrom('edk2-stable201808', 'edk2-stable202211', 'edk2-stable202502', 'edk2-stable202608', 'debian-12', 'debian-13', 'fedora-44'), { nil: undefined }),
  pci64Mb: fc.option(fc.constantFrom('0', '32768', '65536', '197632', '1048576'), { nil: undefined }),
  device: fc.option(fc.constantFrom('nvidia-l40s', 'nvidia-l40s,count=4', 'intel-i350', 'nvidia-h100-sxm5-80g,count=2', 'samsung-980-nvme,attach=root-bus'), { nil: undefined }),
  emptyRootPorts: fc.option(fc.constantFrom('0', '1', '4'), { nil: undefined }),
  pciHole64Size: fc.option(fc.constantFrom('0', '1G', '32G', '1T'), { nil: undefined }),
  la57: fc.boolean(),
  json: fc.boolean(),
});

function argv({ hotplug, ...flags }: Record<string, unknown>): string[] {
  const args = ['plan'];
  const h = hotplug as { extra: string; slots: string } | undefined;
  if (h) args.push('--maxmem', `${flags.memory as string} + ${h.extra}`, '--slots', h.slots);
  for (const [name, value] of Object.entries(flags as Record<string, string | boolean | undefined>)) {
    if (value === undefined || value === false) continue;
    const flag = `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    args.push(...(value === true ? [flag] : [flag, value]));
  }
  return args;
}

describe('plan over generated flags', () => {
  it('never ends in an internal error, and refuses bad input in one line', async () => {
    const codes = [0, 0, 0];
    await fc.assert(
      fc.asyncProperty(flagSet, async (flags) => {
        let stdout = '';
        let stderr = '';
        const io: Io = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, readText: async () => '' };
        const code = await run(argv(flags), io);
        expect([0, 1, 2], `${argv(flags).join(' ')}\n${stderr}`).toContain(code);
        codes[code]!++;
        if (code === 2) expect([stdout, stderr.split('\n').length]).toEqual(['', 2]);
        else expect(stdout.length).toBeGreaterThan(0);
      }),
      // npm run fuzz (FUZZ_RUNS set) runs ten times as many; each run is a whole CLI invocation in-process.
      { numRuns: process.env.FUZZ_RUNS ? 3000 : 300, seed: 21 },
    );
    // Most combinations are plans (the renderers run), not refusals of the flags.
    expect(codes[0]! + codes[1]!).toBeGreaterThan(codes[2]!);
  }, 120_000);

  it('renders the case of issue 21 (QEMU 7.0, 1000G, one empty root port) as text', async () => {
    let stdout = '';
    const io: Io = { stdout: (t) => { stdout += t; }, stderr: () => {}, readText: async () => '' };
    // The aperture at 2^40 lies beyond phys-bits 40; X-PciMmio64Mb=0 turns the window off, and nothing needs it.
    expect(await run(['plan', '--memory', '1000G', '--qemu-version', '7.0', '--empty-root-ports', '1'], io)).toBe(1);
    expect(stdout).toContain('    X-PciMmio64Mb=0 (0 B; --pci64-mb 0): no 64-bit aperture, every BAR placed\n');
  });
});
