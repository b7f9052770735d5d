// The conformance matrix as data: each configuration is one QEMU run (a boot through OVMF, or a refusal).
//
// Fields:
//   id        fixture name (test/conformance/fixtures/<id>.json)
//   about     why this configuration is in the matrix
//   machine   'q35' | 'pc' (run as pc-q35-7.2 / pc-i440fx-7.2)
//   memory    -m size; maxmem/slots optional; maxRamBelow4g = -machine max-ram-below-4g
//   ramBackend  back RAM with memory-backend-ram,reserve=off (for sizes the host could not reserve)
//   cpu       { vendor: 'amd' | 'intel', physBits?, pdpe1gb? }: qemu64 (AuthenticAMD, phys-bits 40, no 1 GiB pages by
//             default) with vendor=GenuineIntel, phys-bits=N, +pdpe1gb / -pdpe1gb added when given
//   knob      value of -fw_cfg name=opt/ovmf/X-PciMmio64Mb,string=V
//   hole64    -global q35-pcihost.pci-hole64-size / i440FX-pcihost.pci-hole64-size
//   probes    sizes of 64-bit prefetchable resources that OVMF must place: on q35 pcie-root-port pref64-reserve
//             hints (OVMF's PciHotPlugInitDxe turns them into bridge-window padding), on pc ivshmem-plain BAR 2.
//             A root port whose padding does not fit is rejected alone (two ports of the aperture's size: one is
//             placed at the base, the other shows the end). An on-board device cannot be rejected: when it does not
//             fit, nothing on the root bus is programmed, so pc configurations carry one probe each.
//   devices   (q35 only; the device group) ivshmem-plain devices standing in for passed-through cards, in bus order:
//             { bar2, attach }: BAR 2 is a 64-bit prefetchable BAR of `bar2` bytes (a memory-backend-ram,reserve=off
//             of that size, so the host backs nothing), BAR 0 is 256 bytes, 32-bit; `attach` 'root-port' puts the
//             device behind a pcie-root-port of its own (hot-plug on, no pref64-reserve hint: OVMF's default
//             padding applies), 'root-bus' puts it on pcie.0 itself. Compared BAR by BAR with plan(vm).devices.
//   emptyRootPorts  pcie-root-ports with nothing behind them (hot-plug on, no hint) after the devices
//   slow      OVMF builds large identity maps with 2 MiB pages (trusted width 46/47 on the 4M Ia32X64 image)
//   expect    'refused' when QEMU is expected to exit before the firmware runs (documentation only: the replay test
//             compares with the model, not with this field)
//
// Sizes: K/M/G/T are powers of two; '990G+4K' adds terms.

/** @typedef {{ vendor: 'amd' | 'intel', physBits?: number, pdpe1gb?: boolean }} CpuChoice */

const amd = (physBits, pdpe1gb) => ({ vendor: 'amd', physBits, pdpe1gb });
const intel = (physBits, pdpe1gb) => ({ vendor: 'intel', physBits, pdpe1gb });
const behindPort = (bar2) => ({ bar2, attach: 'root-port' });
const onRootBus = (bar2) => ({ bar2, attach: 'root-bus' });

export const MATRIX = [
  // --- q35, TCG's default CPU (AMD 40): the 202211 dynamic window at the top of 1 TiB, over QEMU's HT reservation.
  { id: 'q35-1g-amd40', about: 'qemu64 as TCG gives it (AuthenticAMD, 40 bits, no 1 GiB pages): CPUID width trusted, dynamic 1/8 window', machine: 'q35', memory: '1G', cpu: amd(), probes: ['128G', '128G'] },
  { id: 'q35-2816m-amd40', about: 'q35 split at 2 GiB once RAM reaches 2.75 GiB: 768 MiB above 4 GiB', machine: 'q35', memory: '2816M', cpu: amd(), probes: ['128G', '128G'] },
  { id: 'q35-8g-slots-amd40', about: 'memory hotplug area and etc/reserved-memory-end below a dynamic window', machine: 'q35', memory: '8G', slots: 4, maxmem: '64G', cpu: amd(), probes: ['128G', '128G'] },
  { id: 'q35-2g-amd40-knob0', about: 'X-PciMmio64Mb=0 does not disable the aperture when the width is trusted (202211)', machine: 'q35', memory: '2G', cpu: amd(), knob: '0', probes: ['128G', '128G'] },
  { id: 'q35-2g-amd40-knob262144', about: 'a 256 GiB knob is not below the 128 GiB dynamic size: classic placement wins', machine: 'q35', memory: '2G', cpu: amd(), knob: '262144', probes: ['256G', '256G'] },

  // --- q35, Intel 40 (QEMU's default phys-bits, untrusted by OVMF): the classic 32 GiB window after RAM / hotplug.
  { id: 'q35-4g-intel40', about: 'Intel 40 is not trusted: classic 32 GiB aperture aligned above RAM', machine: 'q35', memory: '4G', cpu: intel(), probes: ['32G', '32G'] },
  { id: 'q35-8g-slots-intel40', about: 'classic aperture above etc/reserved-memory-end (44 GiB), naturally aligned to 64 GiB', machine: 'q35', memory: '8G', slots: 2, maxmem: '40G', cpu: intel(), probes: ['32G', '32G'] },
  { id: 'q35-4g-intel40-knob49152', about: 'a 48 GiB knob (not a power of two): size 48 GiB, base aligned to 32 GiB only; 64 GiB of probes do not fit', machine: 'q35', memory: '4G', cpu: intel(), knob: '49152', probes: ['32G', '16G', '16G'] },
  { id: 'q35-4g-intel40-knob49152-fill', about: 'the same 48 GiB aperture filled exactly: 32 GiB at its base, 16 GiB after it', machine: 'q35', memory: '4G', cpu: intel(), knob: '49152', probes: ['32G', '16G'] },
  { id: 'q35-2g-intel40-knob0', about: 'X-PciMmio64Mb=0 with an untrusted width disables the aperture: the 64-bit window degrades below 4 GiB', machine: 'q35', memory: '2G', cpu: intel(), knob: '0', probes: ['64M'] },
  { id: 'q35-2g-intel40-knob1000', about: 'a 1000 MiB knob is rounded up to 1 GiB and placed right at 4 GiB (1 GiB alignment only)', machine: 'q35', memory: '2G', cpu: intel(), knob: '1000', probes: ['1G', '1G'] },
  { id: 'q35-2g-intel40-knob-hex', about: 'a knob of "0x10000" is malformed for QemuFwCfgParseUint32 (decimal only): the 32 GiB default stays', machine: 'q35', memory: '2G', cpu: intel(), knob: '0x10000', probes: ['32G', '32G'] },
  { id: 'q35-2g-intel40-knob16t', about: 'the largest knob, 16 TiB: classic [16 TiB, 32 TiB), width 45, far beyond the CPU\'s 40 bits', machine: 'q35', memory: '2G', cpu: intel(), knob: '16777216', probes: ['16T', '16T'], slow: true },
  { id: 'q35-2g-intel40-maxmem990g', about: 'qemu.md V29: the largest hotplug area Intel 40 starts with; classic aperture [992 GiB, 1 TiB)', machine: 'q35', memory: '2G', maxmem: '990G', cpu: intel(), probes: ['32G', '32G'] },
  { id: 'q35-4g-intel40-hole64-512g', about: 'a 512 GiB pci-hole64-size only widens QEMU\'s _CRS window; OVMF keeps its classic aperture', machine: 'q35', memory: '4G', cpu: intel(), hole64: '512G', probes: ['32G', '32G'] },

  // --- q35, the other trusted widths and the caps.
  { id: 'q35-2g-amd40-maxmem900g', about: 'AMD 40 trusted, but the classic base (928 GiB, above a 902 GiB hotplug end) + 128 GiB reaches 1 TiB: classic window', machine: 'q35', memory: '2G', maxmem: '900G', cpu: amd(), probes: ['32G', '32G'] },
  { id: 'q35-2g-intel36', about: 'Intel 36 trusted: the 8 GiB dynamic size is below 32 GiB, classic window fills [32 GiB, 64 GiB)', machine: 'q35', memory: '2G', cpu: intel(36), probes: ['32G', '32G'] },
  { id: 'q35-2g-intel39-knob0', about: 'Intel 39 trusted: dynamic [448 GiB, 512 GiB); knob 0 ignored', machine: 'q35', memory: '2G', cpu: intel(39), knob: '0', probes: ['64G', '64G'] },
  { id: 'q35-2g-intel39-knob49152', about: 'a 48 GiB knob is below the 64 GiB dynamic size: dynamic wins (knob = minimum)', machine: 'q35', memory: '2G', cpu: intel(39), knob: '49152', probes: ['64G', '64G'] },
  { id: 'q35-2g-intel39-knob65536', about: 'a 64 GiB knob equals the dynamic size (strict <): classic [64 GiB, 128 GiB)', machine: 'q35', memory: '2G', cpu: intel(39), knob: '65536', probes: ['64G', '64G'] },
  { id: 'q35-2g-intel39-maxmem400g', about: 'ovmf.md #30a: classic base 416 GiB + 64 GiB < 512 GiB, dynamic window', machine: 'q35', memory: '2G', maxmem: '400G', cpu: intel(39), probes: ['64G', '64G'] },
  { id: 'q35-2g-intel39-maxmem420g', about: 'ovmf.md #30b: classic base 448 GiB + 64 GiB = 512 GiB, not below: classic [448 GiB, 480 GiB)', machine: 'q35', memory: '2G', maxmem: '420G', cpu: intel(39), probes: ['32G', '32G'] },
  { id: 'q35-2g-amd39', about: 'AMD 39 is not trusted (only 40 is, on AMD): classic window; no HT entry below phys-bits 40', machine: 'q35', memory: '2G', cpu: amd(39), probes: ['32G', '32G'] },
  { id: 'q35-2g-intel41', about: 'Intel 41 is trusted but qemu64 has no 1 GiB pages: capped to 40', machine: 'q35', memory: '2G', cpu: intel(41), probes: ['128G', '128G'] },
  { id: 'q35-2g-intel41-1g', about: 'Intel 41 with +pdpe1gb: width 41, dynamic [1792 GiB, 2 TiB)', machine: 'q35', memory: '2G', cpu: intel(41, true), probes: ['256G', '256G'] },
  { id: 'q35-2g-amd41-1g', about: 'AMD 41 with +pdpe1gb: width 41 above QEMU\'s HT reservation', machine: 'q35', memory: '2G', cpu: amd(41, true), probes: ['256G', '256G'] },
  { id: 'q35-2g-intel46-no1g', about: 'Intel 46 with -pdpe1gb: capped to 40', machine: 'q35', memory: '2G', cpu: intel(46, false), probes: ['128G', '128G'] },
  { id: 'q35-2g-amd48-no1g', about: 'AMD 48 with -pdpe1gb: capped to 40, HT entry present', machine: 'q35', memory: '2G', cpu: amd(48, false), probes: ['128G', '128G'] },
  { id: 'q35-2g-intel46-1g', about: 'Intel 46 with +pdpe1gb: width 46, dynamic [56 TiB, 64 TiB); 2 MiB-page identity map (slow)', machine: 'q35', memory: '2G', cpu: intel(46, true), probes: ['8T', '8T'], slow: true },
  { id: 'q35-2g-intel48-1g', about: 'Intel 48 with +pdpe1gb: capped to 47 (202211), dynamic [112 TiB, 128 TiB) (slow)', machine: 'q35', memory: '2G', cpu: intel(48, true), probes: ['16T', '16T'], slow: true },
  { id: 'q35-2g-amd46-1g', about: 'AMD 46 with +pdpe1gb: width 46 far above QEMU\'s HT reservation (slow)', machine: 'q35', memory: '2G', cpu: amd(46, true), probes: ['8T', '8T'], slow: true },
  { id: 'q35-4g-amd42-1g-hole64-1t', about: 'qemu.md V25 with +pdpe1gb: a 1 TiB pci-hole64 relocates AMD RAM above 4 GiB to 1 TiB', machine: 'q35', memory: '4G', cpu: amd(42, true), hole64: '1T', probes: ['512G', '512G'] },

  // --- pc (i440fx): ivshmem-plain BAR 2 as the 64-bit probe.
  { id: 'pc-2g-amd40', about: 'i440fx with TCG\'s default CPU: dynamic window', machine: 'pc', memory: '2G', cpu: amd(), probes: ['128G'] },
  { id: 'pc-4g-below2g-intel40', about: 'i440fx with max-ram-below-4g=2G: 2 GiB below, 2 GiB from 4 GiB', machine: 'pc', memory: '4G', maxRamBelow4g: '2G', cpu: intel(), probes: ['32G'] },
  { id: 'pc-3584m-intel40', about: 'i440fx split at 3 GiB once RAM reaches 3.5 GiB; classic window', machine: 'pc', memory: '3584M', cpu: intel(), probes: ['32G'] },
  { id: 'pc-4g-slots-intel40', about: 'i440fx hotplug area (1 GiB per slot) and etc/reserved-memory-end 43 GiB: classic base 64 GiB', machine: 'pc', memory: '4G', slots: 2, maxmem: '40G', cpu: intel(), probes: ['32G'] },
  { id: 'pc-2g-intel40-knob0', about: 'i440fx, aperture disabled: the 64-bit BAR degrades below 4 GiB', machine: 'pc', memory: '2G', cpu: intel(), knob: '0', probes: ['64M'] },
  { id: 'pc-2g-intel40-bar64g', about: 'a 64 GiB BAR does not fit the 32 GiB classic aperture; OVMF cannot reject an on-board device, so nothing on the root bus is programmed', machine: 'pc', memory: '2G', cpu: intel(), probes: ['64G'] },
  { id: 'pc-2g-amd36', about: 'AMD 36 untrusted on i440fx: classic window ending exactly at 2^36', machine: 'pc', memory: '2G', cpu: amd(36), probes: ['32G'] },

  // --- q35, devices (issue 11): ivshmem-plain with a chosen BAR 2 behind its own pcie-root-port (hot-plug on, no hint),
  //     as libvirt places passed-through cards; where OVMF's PciBus places each BAR and each port window, and which
  //     devices it rejects (src/core/pci-placement.ts). Padding: 2^⌈log2(aperture/256)⌉ per port when the aperture
  //     exceeds 32 GiB (1 GiB for Intel 41's 256 GiB window, 256 MiB for a 64 GiB knob, 32 GiB for Intel 46's 8 TiB).
  { id: 'q35-2g-intel40-dev-2x64g', about: 'issue 11: 2 × 64 GiB behind root ports in the 32 GiB classic window: neither fits, OVMF rejects the second, then the first', machine: 'q35', memory: '2G', cpu: intel(), probes: [], devices: [behindPort('64G'), behindPort('64G')] },
  { id: 'q35-2g-intel40-dev-64g', about: 'one 64 GiB device behind a root port in the 32 GiB classic window: rejected, nothing 64-bit is left', machine: 'q35', memory: '2G', cpu: intel(), probes: [], devices: [behindPort('64G')] },
  { id: 'q35-2g-intel40-dev-2x64g-1g', about: '2 × 64 GiB and 1 GiB behind root ports in the 32 GiB classic window: two rejections, the 1 GiB device is left', machine: 'q35', memory: '2G', cpu: intel(), probes: [], devices: [behindPort('64G'), behindPort('64G'), behindPort('1G')] },
  { id: 'q35-2g-intel41-1g-dev-2x64g', about: 'issue 11: the same 2 × 64 GiB in Intel 41\'s 256 GiB dynamic window [1792 GiB, 2 TiB): both placed from its base; 1 GiB padding each, below the BARs', machine: 'q35', memory: '2G', cpu: intel(41, true), probes: [], devices: [behindPort('64G'), behindPort('64G')] },
  { id: 'q35-2g-intel41-1g-dev-unequal-empty2', about: '64 GiB + 16 GiB + 512 MiB behind root ports and 2 empty ports: windows by size, the 512 MiB port and the empty ones padded to 1 GiB', machine: 'q35', memory: '2G', cpu: intel(41, true), probes: [], devices: [behindPort('64G'), behindPort('16G'), behindPort('512M')], emptyRootPorts: 2 },
  { id: 'q35-2g-intel40-knob65536-dev-reject64g', about: 'a 64 GiB knob (classic [64 GiB, 128 GiB), 256 MiB padding) holds all but the 64 GiB device: it alone is rejected, 16 GiB and 4 GiB placed', machine: 'q35', memory: '2G', cpu: intel(), knob: '65536', probes: [], devices: [behindPort('64G'), behindPort('16G'), behindPort('4G')], emptyRootPorts: 1 },
  { id: 'q35-2g-intel41-1g-dev-rootbus8g', about: 'an 8 GiB BAR on pcie.0 itself sorted into the same block as the root-port windows (64 GiB, 16 GiB) and an empty port', machine: 'q35', memory: '2G', cpu: intel(41, true), probes: [], devices: [onRootBus('8G'), behindPort('64G'), behindPort('16G')], emptyRootPorts: 1 },
  { id: 'q35-2g-intel40-knob65536-dev-rootbus32g', about: 'a 32 GiB BAR on pcie.0 cannot be rejected; the 64 GiB device behind a root port is, and 16 GiB still fits', machine: 'q35', memory: '2G', cpu: intel(), knob: '65536', probes: [], devices: [onRootBus('32G'), behindPort('64G'), behindPort('16G')] },
  { id: 'q35-2g-intel40-dev-rootbus64g', about: 'a 64 GiB BAR on pcie.0 does not fit the 32 GiB classic window: the device behind the root port is rejected in vain, then nothing is programmed', machine: 'q35', memory: '2G', cpu: intel(), probes: [], devices: [onRootBus('64G'), behindPort('16G')] },
  { id: 'q35-2g-intel46-1g-dev-2x64g-empty1', about: 'issue 11: 2 × 64 GiB in Intel 46\'s 8 TiB dynamic window at 56 TiB, 32 GiB padding per port (the empty one keeps it) (slow)', machine: 'q35', memory: '2G', cpu: intel(46, true), probes: [], devices: [behindPort('64G'), behindPort('64G')], emptyRootPorts: 1, slow: true },

  // --- refusals: QEMU exits before the firmware runs.
  { id: 'q35-2g-amd40-maxmem979g', about: 'AMD 40, hotplug area pushes the layout past 1012 GiB: relocated to 1 TiB, then refused', machine: 'q35', memory: '2G', slots: 1, maxmem: '979G', cpu: amd(), probes: [], expect: 'refused' },
  { id: 'q35-979g-amd40', about: 'qemu.md V20: 979 GiB of RAM on AMD 40 is relocated and refused', machine: 'q35', memory: '979G', ramBackend: true, cpu: amd(), probes: [], expect: 'refused' },
  { id: 'q35-2g-intel40-maxmem990g4k', about: 'qemu.md V30: 4 KiB more than V29 moves the hole to 993 GiB: refused', machine: 'q35', memory: '2G', maxmem: '990G+4K', cpu: intel(), probes: [], expect: 'refused' },
  { id: 'q35-4g-intel40-hole64-1t', about: 'a 1 TiB pci-hole64-size does not fit in 40 bits', machine: 'q35', memory: '4G', cpu: intel(), hole64: '1T', probes: [], expect: 'refused' },
  { id: 'q35-4g-amd40-hole64-1t', about: 'qemu.md V24: the same hole on AMD relocates RAM to 1 TiB first', machine: 'q35', memory: '4G', cpu: amd(), hole64: '1T', probes: [], expect: 'refused' },
  { id: 'q35-2g-intel36-maxmem30g', about: 'Intel 36: a 29 GiB hotplug area puts the 64-bit hole end at 65 GiB', machine: 'q35', memory: '2G', slots: 1, maxmem: '30G', cpu: intel(36), probes: [], expect: 'refused' },
  { id: 'pc-1010g-amd40', about: 'qemu.md V40: i440fx AMD 40 with 1010 GiB is relocated and refused', machine: 'pc', memory: '1010G', ramBackend: true, cpu: amd(), probes: [], expect: 'refused' },
];

const UNITS = { '': 1n, K: 1n << 10n, M: 1n << 20n, G: 1n << 30n, T: 1n << 40n };

/** '990G+4K' → bytes */
export function parseSize(text) {
  return text.split('+').reduce((sum, term) => {
    const match = /^(\d+)([KMGT]?)$/.exec(term.trim());
    if (!match) throw new Error(`bad size ${text}`);
    return sum + BigInt(match[1]) * UNITS[match[2]];
  }, 0n);
}

/** bytes → the shortest exact QEMU size string ('1038090244K') */
export function qemuSize(bytes) {
  for (const unit of ['T', 'G', 'M', 'K']) {
    if (bytes % UNITS[unit] === 0n) return `${bytes / UNITS[unit]}${unit}`;
  }
  return `${bytes}`;
}

export const hex = (value) => `0x${value.toString(16)}`;
