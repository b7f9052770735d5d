// A generated fleet and template set for the sweep benchmark: deterministic (seeded), with a realistic mixture of
// vendors, widths, QEMU releases and distro firmware.
const FIRMWARE = [
  ['edk2-stable202211', 'ia32x64'], // Debian 12
  ['edk2-stable202502', 'x64'], // Debian 13
  ['edk2-stable202202', 'ia32x64'], // Ubuntu 22.04
  ['edk2-stable202402', 'x64'], // Ubuntu 24.04
  ['edk2-stable202408', 'ia32x64'], // Fedora 41
  ['edk2-stable202411', 'ia32x64'], // CentOS Stream 9/10
];
const QEMU = [{ major: 7, minor: 2 }, { major: 8, minor: 2 }, { major: 9, minor: 2 }, { major: 10, minor: 0 }];

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

/** Hosts as the core takes them (HostSpec). */
export function fleet(size, seed = 1) {
  const rnd = random(seed);
  const hosts = [];
  for (let i = 0; i < size; i++) {
    const intel = rnd() < 0.6;
    const physBits = intel ? pick(rnd, [39, 46, 46, 46, 52]) : pick(rnd, [48, 48, 48, 52]);
    const la57 = physBits === 52 && rnd() < 0.5;
    const [edk2, build] = pick(rnd, FIRMWARE);
    hosts.push({
      name: `h${i}`, count: 1, vendor: intel ? 'intel' : 'amd', physBits, guestPhysBits: physBits === 52 && !la57 ? 48 : 0,
      pdpe1gb: rnd() < 0.97, la57, iommuBits: null, qemuVersion: pick(rnd, QEMU), firmware: { edk2, build },
    });
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
