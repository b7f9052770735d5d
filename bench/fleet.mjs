// A generated fleet and template set for the sweep benchmark: deterministic (seeded). A fleet is a few hardware
// generations times a few software stacks (QEMU + the distro's OVMF), so 100,000 hosts form a few dozen host kinds.
const HARDWARE = [
  { vendor: 'intel', physBits: 39, pdpe1gb: true, la57: false, guestPhysBits: 0, share: 0.1 }, // desktop-class
  { vendor: 'intel', physBits: 46, pdpe1gb: true, la57: false, guestPhysBits: 0, share: 0.35 }, // Xeon
  { vendor: 'intel', physBits: 52, pdpe1gb: true, la57: true, guestPhysBits: 0, share: 0.1 }, // Xeon with 5-level paging
  { vendor: 'intel', physBits: 52, pdpe1gb: true, la57: false, guestPhysBits: 48, share: 0.05 },
  { vendor: 'amd', physBits: 48, pdpe1gb: true, la57: false, guestPhysBits: 0, share: 0.25 }, // EPYC
  { vendor: 'amd', physBits: 52, pdpe1gb: true, la57: true, guestPhysBits: 0, share: 0.1 }, // EPYC with 5-level paging
  { vendor: 'amd', physBits: 43, pdpe1gb: true, la57: false, guestPhysBits: 0, share: 0.05 }, // EPYC with SME reducing MAXPHYADDR
];
const STACKS = [
  { qemuVersion: { major: 7, minor: 2 }, firmware: { edk2: 'edk2-stable202211', build: 'ia32x64' } }, // Debian 12
  { qemuVersion: { major: 8, minor: 2 }, firmware: { edk2: 'edk2-stable202402', build: 'x64' } }, // Ubuntu 24.04
  { qemuVersion: { major: 9, minor: 1 }, firmware: { edk2: 'edk2-stable202408', build: 'ia32x64' } }, // Fedora 41
  { qemuVersion: { major: 10, minor: 0 }, firmware: { edk2: 'edk2-stable202502', build: 'x64' } }, // Debian 13
];

export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (rnd, items) => items[Math.floor(rnd() * items.length)];

function weighted(rnd, items) {
  let x = rnd();
  for (const item of items) if ((x -= item.share) < 0) return item;
  return items.at(-1);
}

/** Hosts as the core takes them (HostSpec). */
export function fleet(size, seed = 1) {
  const rnd = random(seed);
  const hosts = [];
  for (let i = 0; i < size; i++) {
    const { share, ...hardware } = weighted(rnd, HARDWARE);
    hosts.push({ name: `h${i}`, count: 1, iommuBits: null, ...hardware, ...pick(rnd, STACKS) });
  }
  return { hosts };
}

/** VM templates in the VM-file shape, machine type 7.2 so every host offers it. */
export function templates(count, seed = 2) {
  const rnd = random(seed);
  const out = [];
  for (let i = 0; i < count; i++) {
    const memoryGiB = pick(rnd, [2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]);
    const hotplug = rnd() < 0.3;
    const knob = rnd() < 0.25 ? String(pick(rnd, [65536, 131072, 262144])) : undefined;
    out.push({
      machine: rnd() < 0.9 ? 'q35' : 'pc', machineVersion: '7.2', memory: `${memoryGiB}G`,
      ...(hotplug ? { maxmem: `${memoryGiB * 2}G`, slots: 4 } : {}),
      cpu: { physBits: pick(rnd, [39, 40, 46]), pdpe1gb: true },
      ...(knob ? { firmware: { pci64Mb: knob } } : {}),
    });
  }
  return out;
}
