// Turns one QEMU run (serial log of the probe, QEMU's exit status and stderr) into the observed facts of a fixture.
// Addresses are written as hex strings; ranges as { base, size } (half-open), as in the model.
import { hex } from './matrix.mjs';

const FOUR_GIB = 1n << 32n;

/** The probe's sections, keyed by name; null when the markers are missing (the boot did not reach the init). */
export function splitSections(serial) {
  const text = serial.replace(/\r/g, '');
  const begin = text.indexOf('@@GPA-BEGIN@@');
  const end = text.indexOf('@@GPA-END@@', begin);
  if (begin < 0 || end < 0) return null;
  const sections = {};
  let current = null;
  for (const line of text.slice(begin, end).split('\n').slice(1)) {
    const marker = /^@@section (\w+)$/.exec(line);
    if (marker) {
      current = marker[1];
      sections[current] = [];
    } else if (current) {
      sections[current].push(line);
    }
  }
  return sections;
}

const E820_TYPES = { 1: 'ram', 2: 'reserved', 3: 'acpi', 4: 'nvs', 5: 'unusable' };

/** fw_cfg etc/e820: packed { u64 address, u64 length, u32 type } little-endian records (QEMU's struct e820_entry). */
export function parseFwCfgE820(hexBytes) {
  const bytes = Buffer.from(hexBytes, 'hex');
  if (bytes.length % 20 !== 0) throw new Error(`etc/e820 is ${bytes.length} bytes, not a multiple of 20`);
  const entries = [];
  for (let at = 0; at < bytes.length; at += 20) {
    const type = bytes.readUInt32LE(at + 16);
    entries.push({ base: hex(bytes.readBigUInt64LE(at)), size: hex(bytes.readBigUInt64LE(at + 8)), type: E820_TYPES[type] ?? `type-${type}` });
  }
  return entries;
}

function parseFwCfg(lines) {
  const files = {};
  let present = false;
  for (const line of lines) {
    if (line === 'fw_cfg present') present = true;
    const match = /^(\S+\/\S+) (absent|[0-9a-f]*)$/.exec(line);
    if (match) files[match[1]] = match[2] === 'absent' ? null : match[2];
  }
  if (!present) throw new Error('the guest found no fw_cfg sysfs (qemu_fw_cfg module not loaded)');
  const e820 = files['etc/e820'];
  if (!e820) throw new Error('fw_cfg etc/e820 missing');
  const end = files['etc/reserved-memory-end'];
  const knob = files['opt/ovmf/X-PciMmio64Mb'];
  return {
    e820: parseFwCfgE820(e820),
    reservedMemoryEnd: end ? hex(Buffer.from(end, 'hex').readBigUInt64LE(0)) : null,
    pciMmio64Knob: knob ? Buffer.from(knob, 'hex').toString('latin1') : null,
  };
}

function parseCpu(lines) {
  const vendor = lines.map((l) => /^vendor_id\s*:\s*(\S+)/.exec(l)).find(Boolean);
  const sizes = lines.map((l) => /^address sizes\s*:\s*(\d+) bits physical, (\d+) bits virtual/.exec(l)).find(Boolean);
  const pdpe1gb = lines.map((l) => /^pdpe1gb (yes|no)$/.exec(l)).find(Boolean);
  if (!vendor || !sizes || !pdpe1gb) throw new Error(`cpuinfo section incomplete: ${lines.join(' | ')}`);
  return { vendor: vendor[1], physBits: Number(sizes[1]), virtBits: Number(sizes[2]), pdpe1gb: pdpe1gb[1] === 'yes' };
}

const stripTime = (line) => line.replace(/^\[\s*\d+\.\d+\]\s?/, '');
const memRange = (start, end) => {
  const base = BigInt(`0x${start}`);
  return { base: hex(base), size: hex(BigInt(`0x${end}`) - base + 1n) };
};

/** `BIOS-e820: [mem 0x…-0x…] usable`: the map OVMF handed the kernel (through the EFI stub). */
function parseKernelE820(dmesg) {
  const entries = [];
  for (const line of dmesg) {
    const match = /BIOS-e820: \[mem 0x([0-9a-f]+)-0x([0-9a-f]+)\] (.+)$/.exec(line);
    if (match) entries.push({ ...memRange(match[1], match[2]), type: match[3].trim() });
  }
  if (entries.length === 0) throw new Error('no BIOS-e820 lines in dmesg');
  return entries;
}

/**
 * QEMU's ACPI _CRS 64-bit window(s) of the root bus: `pci_bus 0000:00: root bus resource [mem … window]` above 4 GiB.
 * Linux clips a window above its physical address width, or drops it whole, and then prints it as QEMU wrote it:
 * `acpi PNP0A08:00: host bridge window [mem … window] ([…] ignored, not CPU addressable)`; those lines win.
 */
function parseRootBusWindows(dmesg) {
  const windows = new Map();
  for (const line of dmesg) {
    const match = /pci_bus 0000:00: root bus resource \[mem 0x([0-9a-f]+)-0x([0-9a-f]+) window\]/.exec(line);
    if (match && BigInt(`0x${match[1]}`) >= FOUR_GIB) windows.set(BigInt(`0x${match[1]}`), memRange(match[1], match[2]));
  }
  for (const line of dmesg) {
    const match = /^acpi PNP0A0[38]:00: host bridge window \[mem 0x([0-9a-f]+)-0x([0-9a-f]+) window\]/.exec(line);
    if (match && BigInt(`0x${match[1]}`) >= FOUR_GIB) windows.set(BigInt(`0x${match[1]}`), memRange(match[1], match[2]));
  }
  return [...windows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, window]) => window);
}

/**
 * Where the firmware put each probe, as Linux read it from the hardware during its first scan (before it assigns
 * anything itself, which starts after "PCI: Using ACPI for IRQ routing"). For a root port: its 64-bit prefetchable
 * bridge window; for ivshmem: BAR 2. null = left unassigned by the firmware (OVMF rejected the device).
 */
function parseProbes(dmesg, probes) {
  const scan = firmwareScan(dmesg);
  const found = new Set();
  return probes.map((probe) => {
    const prefix = `pci ${probe.bdf}: `;
    let window = null;
    let line = null;
    for (const text of scan) {
      if (!text.startsWith(prefix)) continue;
      const rest = text.slice(prefix.length);
      if (/^\[[0-9a-f]{4}:[0-9a-f]{4}\] type/.test(rest)) found.add(probe.bdf);
      const match = probe.kind === 'pcie-root-port'
        ? /^\s+bridge window \[mem 0x([0-9a-f]+)-0x([0-9a-f]+) 64bit pref\]$/.exec(rest)
        : /^(?:BAR 2:?|reg 0x18:) \[mem 0x([0-9a-f]+)-0x([0-9a-f]+) 64bit pref\]$/.exec(rest);
      if (match && window === null) {
        const range = memRange(match[1], match[2]);
        // An ivshmem BAR the firmware never programmed reads back as address 0.
        window = BigInt(range.base) === 0n ? null : range;
        line = stripTime(text);
      }
    }
    if (!found.has(probe.bdf)) throw new Error(`probe ${probe.id} (${probe.bdf}) not found in the PCI scan`);
    return { id: probe.id, requested: probe.size, window, line };
  });
}

/** Linux's first PCI scan, which reads what the firmware programmed: everything before it assigns resources itself. */
function firmwareScan(dmesg) {
  const cut = dmesg.findIndex((line) => line.includes('PCI: Using ACPI for IRQ routing'));
  if (cut < 0) throw new Error('dmesg lacks "PCI: Using ACPI for IRQ routing": cannot tell firmware from Linux assignments');
  return dmesg.slice(0, cut);
}

/** The scan's lines about one function, without the `pci <bdf>: ` prefix. */
const linesOf = (scan, bdf) => scan.filter((line) => line.startsWith(`pci ${bdf}: `)).map((line) => line.slice(`pci ${bdf}: `.length));
const isHeader = (rest) => /^\[[0-9a-f]{4}:[0-9a-f]{4}\] type/.test(rest);

/**
 * The device group: each root port's secondary bus and 64-bit prefetchable window, and each device's memory BARs, as
 * the firmware programmed them (Linux's first scan, like the probes). Linux prints a bridge window only when it is
 * open (base ≤ limit), so a window OVMF left closed is null. BARs are recorded as read: one the firmware never wrote
 * reads 0x0, one of a device OVMF rejected reads all address bits set (InitializePciDevice writes all ones); either
 * way its size and flags are the device's, which is what `lspci -vv` would show.
 */
function parseDevices(dmesg, { devices, rootPorts }) {
  const scan = firmwareScan(dmesg);
  const ports = rootPorts.map((port) => {
    const lines = linesOf(scan, port.bdf);
    if (!lines.some(isHeader)) throw new Error(`root port ${port.id} (${port.bdf}) not found in the PCI scan`);
    const bus = lines.map((rest) => /^PCI bridge to \[bus ([0-9a-f]{2})(?:-[0-9a-f]{2})?\]$/.exec(rest)).find(Boolean);
    if (!bus) throw new Error(`root port ${port.id} (${port.bdf}): no "PCI bridge to [bus …]" line`);
    const windowLine = lines.find((rest) => /^\s+bridge window \[mem 0x[0-9a-f]+-0x[0-9a-f]+ 64bit pref\]$/.test(rest)) ?? null;
    const window = windowLine && /\[mem 0x([0-9a-f]+)-0x([0-9a-f]+) /.exec(windowLine);
    return {
      id: port.id,
      bdf: port.bdf,
      secondaryBus: bus[1],
      window64: window ? memRange(window[1], window[2]) : null,
      line: windowLine && `pci ${port.bdf}: ${windowLine}`,
    };
  });
  const observedDevices = devices.map((device) => {
    const port = ports.find((p) => p.id === device.port);
    const bdf = device.bdf ?? `0000:${port.secondaryBus}:00.0`;
    if (!linesOf(scan, bdf).some(isHeader)) throw new Error(`device ${device.id} (${bdf}) not found in the PCI scan`);
    return { id: device.id, bdf, bars: memoryBars(scan, bdf) };
  });
  // Every memory BAR of bus 0 (the root ports' own, the AHCI controller's, …): all at 0 means OVMF programmed nothing.
  const rootBusFunctions = [...new Set(scan.map((line) => /^pci (0000:00:[0-9a-f]{2}\.[0-7]): /.exec(line)?.[1]).filter(Boolean))];
  const rootBusMemoryBars = rootBusFunctions.flatMap((bdf) => memoryBars(scan, bdf).map(({ line, ...bar }) => ({ bdf, ...bar })));
  return { devices: observedDevices, rootPorts: ports, rootBusMemoryBars };
}

/** A function's memory BARs as the first scan read them: `BAR n [mem …]` (6.1 stable) or `reg 0x10: [mem …]` (older). */
function memoryBars(scan, bdf) {
  const bars = [];
  for (const rest of linesOf(scan, bdf)) {
    const match = /^(?:BAR (\d):?|reg 0x([0-9a-f]+):) \[mem 0x([0-9a-f]+)-0x([0-9a-f]+)( 64bit)?( pref)?\]$/.exec(rest);
    if (!match) continue;
    const index = match[1] !== undefined ? Number(match[1]) : (parseInt(match[2], 16) - 0x10) / 4;
    if (bars.some((bar) => bar.index === index)) continue;
    bars.push({ index, ...memRange(match[3], match[4]), is64: match[5] !== undefined, prefetchable: match[6] !== undefined, line: `pci ${bdf}: ${rest}` });
  }
  return bars;
}

/**
 * @param {{ status: number | null, signal: string | null, stderr: string, serial: string, timedOut: boolean }} run
 * @param {{ probes: { id: string, kind: string, bdf: string, size: string }[],
 *           devices?: { id: string, attach: string, port: string | null, bdf: string | null, bar2: string }[],
 *           rootPorts?: { id: string, bdf: string, device: string | null }[] }} setup
 */
export function observe(run, setup) {
  const stderr = run.stderr.replace(/\r/g, '').split('\n').filter((line) => line.length > 0);
  const base = { exitStatus: run.status, signal: run.signal, timedOut: run.timedOut, stderr };
  const sections = splitSections(run.serial);
  if (!sections) {
    const refusal = stderr.find((line) => line.startsWith('qemu-system-x86_64: ')) ?? null;
    return { ...base, started: false, refusal: refusal?.slice('qemu-system-x86_64: '.length) ?? null };
  }
  const dmesg = sections.dmesg.map(stripTime);
  return {
    ...base,
    started: true,
    refusal: null,
    cpu: parseCpu(sections.cpuinfo),
    fwCfg: parseFwCfg(sections.fwcfg),
    kernelE820: parseKernelE820(dmesg),
    rootBusWindows64: parseRootBusWindows(dmesg),
    probes: parseProbes(dmesg, setup.probes),
    ...(setup.devices?.length || setup.rootPorts?.length ? parseDevices(dmesg, setup) : {}),
    // The kernel's own lines behind the parsed facts, for a reader of the fixture.
    evidence: dmesg.filter((line) => /^BIOS-e820|^pci_bus 0000:00: root bus resource|^acpi PNP0A0[38]:00: host bridge window/.test(line)),
  };
}
