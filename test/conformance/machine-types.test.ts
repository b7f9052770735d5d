/**
 * The machine types each real QEMU build registers and deprecates (`-machine help`, recorded by
 * `npm run conformance -- --machine-help` into test/conformance/machine-types/), against the model's retirement rule.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isMachineTypeAvailable, isMachineTypeDeprecated } from '../../src/core/qemu/machine-types.js';
import { QEMU_RELEASES, formatVersion } from '../../src/core/qemu/versions.js';

interface Listing { qemu: string; package: string; release: string; q35: string[]; i440fx: string[]; deprecated: string[] }

const dir = new URL('./machine-types/', import.meta.url);
const listings: Listing[] = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')));

describe.each(listings.map((l) => [l.qemu, l] as const))('%s', (_name, listing) => {
  const [major, minor] = listing.release.split('.').map(Number) as [number, number];
  const binary = { major, minor };
  // The model's releases from 2.0 (pc) and 2.4 (q35) up: older types are outside what it covers.
  const known = QEMU_RELEASES.filter((v) => v.major > 2 || v.minor >= 4);

  it.each([['q35', 'q35'], ['pc', 'i440fx']] as const)('registers exactly the %s types the binary lists', (machine, chipset) => {
    const model = known.filter((v) => isMachineTypeAvailable(machine, v, binary)).map(formatVersion);
    const real = listing[chipset].filter((v) => known.some((k) => formatVersion(k) === v));
    expect(new Set(model)).toEqual(new Set(real));
  });

  it('marks the same types deprecated', () => {
    const model = known.filter((v) => isMachineTypeAvailable('q35', v, binary) && isMachineTypeDeprecated(v, binary)).map((v) => `pc-q35-${formatVersion(v)}`);
    // pc-q35-4.0.1 (a point machine type) is outside the model, which knows X.Y types only.
    const real = listing.deprecated.filter((name) => /^pc-q35-\d+\.\d+$/.test(name));
    expect(new Set(model)).toEqual(new Set(real));
  });
});
