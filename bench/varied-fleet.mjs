// A hostile fleet for the pool-scale benchmark (issue 20), in the pool-file shape `pool check --pool` reads: hosts
// that vary in everything the check reads (phys-bits 36-52, vendor, 1 GiB pages, la57, GuestPhysBits, QEMU
// 7.2/8.2/9.1/10.0, every firmware preset, IOMMU width), so that 1,000 / 10,000 / 100,000 hosts fall into about
// 900 / 6,500 / 20,000 distinct host groups. Deterministic for a seed.
import { random } from './fleet.mjs';

export const FIRMWARE_PRESETS = [
  'centos-stream-10', 'centos-stream-9', 'debian-11', 'debian-12', 'debian-13', 'fedora-40', 'fedora-41', 'fedora-42',
  'fedora-43', 'rhel-8', 'ubuntu-20.04', 'ubuntu-22.04', 'ubuntu-24.04',
];
const QEMU = ['7.2', '8.2', '9.1', '10.0'];
const IOMMU = [null, 39, 48, 57];

const pick = (rnd, items) => items[Math.floor(rnd() * items.length)];

/**
 * The host kinds are drawn with a skew (a few common SKUs and stacks, a long tail), as in a fleet mid-rollout: the
 * number of distinct groups grows with the pool, but slower than the hosts.
 */
export function variedFleet(size, seed = 20) {
  const rnd = random(seed);
  const skewed = (n) => Math.min(n - 1, Math.floor(n * rnd() ** 2));
  const hosts = [];
  for (let i = 0; i < size; i++) {
    const physBits = 36 + skewed(17);
    const vendor = rnd() < 0.55 ? 'intel' : rnd() < 0.92 ? 'amd' : 'hygon';
    const la57 = physBits >= 48 && rnd() < 0.4;
    hosts.push({
      name: `h${i}`,
      vendor,
      physBits,
      pdpe1gb: rnd() < 0.9,
      la57,
      guestPhysBits: rnd() < 0.15 ? Math.min(physBits, 48) : 0,
      qemu: pick(rnd, QEMU),
      firmware: FIRMWARE_PRESETS[skewed(FIRMWARE_PRESETS.length)],
      iommuBits: pick(rnd, IOMMU),
    });
  }
  return { name: `varied-${size}`, hosts };
}
