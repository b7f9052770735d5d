#!/usr/bin/env node
// Boots every configuration of conformance/matrix.mjs under QEMU TCG with Debian's OVMF (4 MiB Ia32X64 image) and a
// tiny Linux probe, and writes one JSON fixture per configuration to test/conformance/fixtures/.
// test/conformance/replay.test.ts compares the fixtures with the model; no boot is needed for that.
//
//   npm run conformance                      # the whole matrix (20–25 minutes on 2 cores)
//   npm run conformance -- --only q35-1g-amd40,pc-2g-amd40
//   npm run conformance -- --match intel39 --jobs 1
//   npm run conformance -- --match -dev- --jobs 1   # the device group (issue 11)
//   npm run conformance -- --list
//
// It installs nothing: missing Debian packages or the unpacked kernel are named, with the commands to get them.
// Only the QEMU processes it started are killed (on a timeout, or on Ctrl-C), each by its own pid.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MATRIX, hex, parseSize, qemuSize } from './matrix.mjs';
import { RELEASE_MATRIX } from './matrix-releases.mjs';
import { OVMF_BUILDS, PROBE_BUILDS, QEMU_BUILDS } from './builds.mjs';
import { fetchBuilds, qemuEnv, qemuCommand as qemuStart } from './fetch-builds.mjs';
import { buildInitramfs } from './initramfs.mjs';
import { observe } from './observe.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(REPO, 'test', 'conformance', 'fixtures');
const CACHE = process.env.GPA_CONFORMANCE_CACHE ?? '/var/cache/gpa-planner-conformance';
/** Every configuration: the original matrix (QEMU 7.2 + Debian 12's OVMF, pc-*-7.2) and the one across releases. */
const ALL = [...MATRIX.map((c) => ({ qemu: 'q72', ovmf: 'ovmf12', machineVersion: '7.2', ...c })), ...RELEASE_MATRIX];
const TIMEOUT_S = 420;
const SLOW_TIMEOUT_S = 900;
const KERNEL_APPEND = 'console=ttyS0 quiet log_buf_len=4M panic=-1 rdinit=/init';

// ---------------------------------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const opts = { only: null, match: null, jobs: availableParallelism(), list: false, skipRecorded: false, machineHelp: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--only') opts.only = value().split(',');
    else if (arg === '--match') opts.match = value();
    else if (arg === '--jobs') opts.jobs = Math.max(1, Number(value()));
    else if (arg === '--list') opts.list = true;
    else if (arg === '--skip-recorded') opts.skipRecorded = true;
    else if (arg === '--machine-help') opts.machineHelp = true;
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: node conformance/run.mjs [--only id,id] [--match text] [--jobs N] [--list]');
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}`);
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------------------------------
// What the harness needs, and the versions it records

/** Fetches (once) and describes every build: the QEMU and OVMF packages, the kernel, busybox and cpio of the probe. */
function prepareBuilds() {
  const roots = fetchBuilds(CACHE);
  const boot = join(roots.kernel, 'boot');
  const vmlinuz = readdirSync(boot).find((name) => name.startsWith('vmlinuz-'));
  const release = vmlinuz.slice('vmlinuz-'.length);
  const kernel = {
    vmlinuz: join(boot, vmlinuz), release,
    fwCfgModule: join(roots.kernel, 'lib', 'modules', release, 'kernel', 'drivers', 'firmware', 'qemu_fw_cfg.ko'),
  };
  const probe = Object.fromEntries(PROBE_BUILDS.map((b) => [b.package, b.version]));
  const qemu = Object.fromEntries(QEMU_BUILDS.map((b) => {
    const start = qemuStart(roots[b.id]);
    const line = spawnSync(start[0], [...start.slice(1), '--version'], { encoding: 'utf8', env: qemuEnv(roots[b.id]) }).stdout.split('\n')[0].trim();
    return [b.id, { build: b, start, env: qemuEnv(roots[b.id]), versionLine: line }];
  }));
  const ovmf = Object.fromEntries(OVMF_BUILDS.map((b) => {
    const code = join(roots[b.id], 'usr', 'share', 'OVMF', 'OVMF_CODE_4M.fd');
    const vars = join(roots[b.id], 'usr', 'share', 'OVMF', 'OVMF_VARS_4M.fd');
    return [b.id, { build: b, code, vars, sha256: createHash('sha256').update(readFileSync(code)).digest('hex') }];
  }));
  return { kernel, probe, qemu, ovmf, busybox: join(roots.busybox, 'bin', 'busybox'), cpio: join(roots.cpio, 'bin', 'cpio') };
}

/** The versions a fixture records: the exact packages of its QEMU and OVMF, the OVMF image and its checksum, the probe. */
function versionsOf(config, env) {
  const q = env.qemu[config.qemu];
  const o = env.ovmf[config.ovmf];
  return {
    qemu: q.versionLine,
    packages: { 'qemu-system-x86': q.build.version, ovmf: o.build.version, ...env.probe },
    suites: { qemu: q.build.suite, ovmf: o.build.suite },
    ovmfCode: o.code.slice(o.code.indexOf('/usr/share/')),
    ovmfCodeSha256: o.sha256,
    ovmfBase: o.build.edk2,
    ovmfBackports: o.build.backports,
    kernel: env.kernel.release,
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// One configuration → QEMU command line and the VmSpec-like description the replay test plans

const PCI64_KNOB = 'opt/ovmf/X-PciMmio64Mb';

/** The VM as the model's VmSpec (src/core/spec.ts), sizes as hex strings, versions as "7.2". */
function vmDescription(config, env) {
  const memory = parseSize(config.memory);
  const physBits = config.cpu.physBits ?? 40;
  const ovmf = env.ovmf[config.ovmf].build;
  return {
    machine: config.machine,
    machineVersion: config.machineVersion,
    qemuVersion: env.qemu[config.qemu].build.release,
    memory: hex(memory),
    maxmem: hex(config.maxmem ? parseSize(config.maxmem) : memory),
    slots: config.slots ?? 0,
    maxRamBelow4g: config.maxRamBelow4g ? hex(parseSize(config.maxRamBelow4g)) : '0x0',
    pciHole64Size: config.hole64 ? hex(parseSize(config.hole64)) : null,
    cxlWindows: [],
    cpu: {
      vendor: config.cpu.vendor,
      longMode: true,
      physBits,
      guestPhysBits: config.cpu.guestPhysBits ?? 0,
      // qemu64 has no 1 GiB pages unless +pdpe1gb is given.
      pdpe1gb: config.cpu.pdpe1gb === true,
      la57: false,
      ...(config.cpu.vendorCpuidOnlyV2 !== undefined ? { vendorCpuidOnlyV2: config.cpu.vendorCpuidOnlyV2 } : {}),
    },
    firmware: {
      edk2: ovmf.edk2,
      ...(ovmf.backports.length > 0 ? { backports: ovmf.backports } : {}),
      package: `${ovmf.package} ${ovmf.version}`,
      build: ovmf.build,
      fiveLevelPaging: false,
      fwCfg: config.knob === undefined ? {} : { [PCI64_KNOB]: config.knob },
    },
    ...(config.devices ? { pci: pciTopology(config) } : {}),
  };
}

/** ivshmem-plain's memory BARs: BAR 0, its 256-byte register block (32-bit); BAR 2, the shared memory (64-bit, prefetchable). */
const IVSHMEM_BAR0 = 256n;

/** The device group's devices as the model's PciTopology (src/core/pci-devices.ts), sizes as hex strings. */
function pciTopology(config) {
  return {
    devices: config.devices.map((device, i) => ({
      name: `iv${i + 1}`,
      model: null,
      vga: false,
      bars: [
        { index: 0, size: hex(IVSHMEM_BAR0), is64: false, prefetchable: false },
        { index: 2, size: hex(parseSize(device.bar2)), is64: true, prefetchable: true },
      ],
      attach: device.attach,
      // QEMU's pcie-root-port default (hotplug=on) and no pref64-reserve: OVMF's own padding applies.
      hotplug: true,
      pref64Reserve: null,
    })),
    emptyRootPorts: config.emptyRootPorts ?? 0,
  };
}

function qemuCommand(config, { vars, serial, kernel, initrd, start, code }) {
  const machine = `${config.machine === 'q35' ? 'pc-q35' : 'pc-i440fx'}-${config.machineVersion}`;
  const memory = parseSize(config.memory);
  const argv = [...start, '-accel', 'tcg', '-nodefaults', '-no-user-config', '-display', 'none', '-no-reboot'];
  const machineOptions = [machine];
  if (config.maxRamBelow4g) machineOptions.push(`max-ram-below-4g=${qemuSize(parseSize(config.maxRamBelow4g))}`);
  if (config.ramBackend) machineOptions.push('memory-backend=pc.ram');
  argv.push('-machine', machineOptions.join(','));
  const cpu = ['qemu64'];
  if (config.cpu.vendor === 'intel') cpu.push('vendor=GenuineIntel');
  if (config.cpu.physBits !== undefined) cpu.push(`phys-bits=${config.cpu.physBits}`);
  if (config.cpu.guestPhysBits !== undefined) cpu.push(`guest-phys-bits=${config.cpu.guestPhysBits}`);
  if (config.cpu.pdpe1gb !== undefined) cpu.push(config.cpu.pdpe1gb ? '+pdpe1gb' : '-pdpe1gb');
  if (config.cpu.vendorCpuidOnlyV2 !== undefined) cpu.push(`x-vendor-cpuid-only-v2=${config.cpu.vendorCpuidOnlyV2 ? 'on' : 'off'}`);
  argv.push('-cpu', cpu.join(','), '-smp', '1');
  const m = [qemuSize(memory)];
  if (config.slots !== undefined) m.push(`slots=${config.slots}`);
  if (config.maxmem !== undefined) m.push(`maxmem=${qemuSize(parseSize(config.maxmem))}`);
  argv.push('-m', m.join(','));
  if (config.ramBackend) argv.push('-object', `memory-backend-ram,id=pc.ram,size=${qemuSize(memory)},reserve=off`);
  if (config.hole64) {
    const host = config.machine === 'q35' ? 'q35-pcihost' : 'i440FX-pcihost';
    argv.push('-global', `${host}.pci-hole64-size=${qemuSize(parseSize(config.hole64))}`);
  }
  if (config.knob !== undefined) argv.push('-fw_cfg', `name=${PCI64_KNOB},string=${config.knob}`);
  argv.push('-drive', `if=pflash,format=raw,readonly=on,file=${code}`, '-drive', `if=pflash,format=raw,file=${vars}`);

  const probes = config.probes.map((size, i) => {
    const slot = 0x10 + i;
    const bdf = `0000:00:${slot.toString(16).padStart(2, '0')}.0`;
    const bytes = parseSize(size);
    if (config.machine === 'q35') {
      argv.push('-device', `pcie-root-port,id=rp${i + 1},bus=pcie.0,chassis=${i + 1},addr=${hex(BigInt(slot))},pref64-reserve=${qemuSize(bytes)}`);
      return { id: `rp${i + 1}`, kind: 'pcie-root-port', bdf, size: hex(bytes) };
    }
    argv.push(
      '-object', `memory-backend-ram,id=shm${i + 1},size=${qemuSize(bytes)},reserve=off`,
      '-device', `ivshmem-plain,id=iv${i + 1},memdev=shm${i + 1},bus=pci.0,addr=${hex(BigInt(slot))}`,
    );
    return { id: `iv${i + 1}`, kind: 'ivshmem-plain', bdf, size: hex(bytes) };
  });
  const { devices, rootPorts } = deviceArgs(config, argv);
  argv.push('-serial', `file:${serial}`, '-kernel', kernel, '-initrd', initrd, '-append', KERNEL_APPEND);
  return { argv, probes, devices, rootPorts };
}

/**
 * The device group (q35): in bus order from slot 0x10, each device either on pcie.0 or behind a pcie-root-port of its
 * own (hot-plug on, no hint), then the empty root ports. A device behind a port gets its address from the bus number
 * OVMF gives the port, which the observation reads from Linux's scan.
 */
function deviceArgs(config, argv) {
  if (!config.devices) return { devices: [], rootPorts: [] };
  if (config.machine !== 'q35') throw new Error(`${config.id}: devices are placed on q35 only`);
  const bdfAt = (slot) => `0000:00:${slot.toString(16).padStart(2, '0')}.0`;
  const rootPorts = [];
  const addPort = (slot, device) => {
    const id = `rp${rootPorts.length + 1}`;
    argv.push('-device', `pcie-root-port,id=${id},bus=pcie.0,chassis=${rootPorts.length + 1},addr=${hex(BigInt(slot))}`);
    rootPorts.push({ id, bdf: bdfAt(slot), device });
    return id;
  };
  const devices = config.devices.map((device, i) => {
    const slot = 0x10 + i;
    const id = `iv${i + 1}`;
    const bar2 = parseSize(device.bar2);
    argv.push('-object', `memory-backend-ram,id=shm${i + 1},size=${qemuSize(bar2)},reserve=off`);
    if (device.attach === 'root-bus') {
      argv.push('-device', `ivshmem-plain,id=${id},memdev=shm${i + 1},bus=pcie.0,addr=${hex(BigInt(slot))}`);
      return { id, kind: 'ivshmem-plain', attach: device.attach, port: null, bdf: bdfAt(slot), bar2: hex(bar2) };
    }
    const port = addPort(slot, id);
    argv.push('-device', `ivshmem-plain,id=${id},memdev=shm${i + 1},bus=${port},addr=0x0`);
    return { id, kind: 'ivshmem-plain', attach: device.attach, port, bdf: null, bar2: hex(bar2) };
  });
  for (let j = 0; j < (config.emptyRootPorts ?? 0); j++) addPort(0x10 + config.devices.length + j, null);
  return { devices, rootPorts };
}

const shellQuote = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

// ---------------------------------------------------------------------------------------------------------------------
// Running

const running = new Map(); // pid → child: only processes this harness started

function runQemu(argv, timeoutSeconds, env) {
  return new Promise((resolveRun) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env });
    running.set(child.pid, child);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutSeconds * 1000);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      running.delete(child.pid);
      resolveRun({ status, signal, stdout, stderr, timedOut });
    });
  });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of running.values()) child.kill('SIGKILL');
    console.error(`\nconformance: ${signal}, stopped ${running.size} QEMU process(es) it had started`);
    process.exit(130);
  });
}

async function runConfig(config, env) {
  // A fixed name per configuration keeps the recorded command line stable from one recording to the next.
  const workDir = join(CACHE, 'runs', config.id);
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const vars = join(workDir, 'OVMF_VARS_4M.fd');
  const serial = join(workDir, 'serial.log');
  const ovmf = env.ovmf[config.ovmf];
  copyFileSync(ovmf.vars, vars);
  const { argv, probes, devices, rootPorts } = qemuCommand(config, {
    vars, serial, kernel: env.kernel.vmlinuz, initrd: env.initrd, start: env.qemu[config.qemu].start, code: ovmf.code,
  });
  const timeoutSeconds = config.slow ? SLOW_TIMEOUT_S : TIMEOUT_S;
  const started = Date.now();
  const result = await runQemu(argv, timeoutSeconds, env.qemu[config.qemu].env);
  const durationSeconds = Math.round((Date.now() - started) / 100) / 10;
  const serialText = existsSync(serial) ? readFileSync(serial, 'latin1') : '';
  writeFileSync(join(env.logDir, `${config.id}.serial.log`), serialText);
  writeFileSync(join(env.logDir, `${config.id}.stderr.log`), result.stderr);
  rmSync(workDir, { recursive: true, force: true });

  const observed = observe({ ...result, serial: serialText }, { probes, devices, rootPorts });
  if (result.timedOut) throw new Error(`timed out after ${timeoutSeconds} s (serial log: ${env.logDir}/${config.id}.serial.log)`);
  if (!observed.started && !observed.refusal) {
    throw new Error(`neither booted nor refused: exit ${result.status}, stderr ${JSON.stringify(result.stderr.slice(0, 500))}`);
  }
  const file = join(FIXTURES, `${config.id}.json`);
  const previous = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  const fixture = {
    id: config.id,
    about: config.about,
    vm: vmDescription(config, env),
    probes,
    ...(config.devices ? { devices, rootPorts } : {}),
    run: {
      argv,
      command: argv.map(shellQuote).join(' '),
      timeoutSeconds,
      durationSeconds,
      date: new Date().toISOString().slice(0, 10),
    },
    versions: versionsOf(config, env),
    observed,
    // A hand-written note that the model gets a fact wrong survives re-recording (see the replay test).
    ...(previous?.modelDiffers ? { modelDiffers: previous.modelDiffers } : {}),
  };
  writeFileSync(file, JSON.stringify(fixture, null, 2) + '\n');
  return { observed, durationSeconds };
}

/**
 * `-machine help` of every QEMU build, as test/conformance/machine-types/<release>.json: the versioned pc-q35 and
 * pc-i440fx types it registers, and those it marks deprecated.
 */
function recordMachineHelp(env) {
  const dir = join(REPO, 'test', 'conformance', 'machine-types');
  mkdirSync(dir, { recursive: true });
  for (const { build, start, env: qemuEnvironment, versionLine } of Object.values(env.qemu)) {
    const out = spawnSync(start[0], [...start.slice(1), '-machine', 'help'], { encoding: 'utf8', env: qemuEnvironment }).stdout;
    const types = (chipset) => out.split('\n').map((line) => new RegExp(`^pc-${chipset}-(\\d+\\.\\d+) `).exec(line))
      .filter(Boolean).map((m) => m[1]);
    const deprecated = out.split('\n').filter((l) => /^pc-(q35|i440fx)-/.test(l) && /deprecated/i.test(l)).map((l) => l.split(/\s+/)[0]);
    const record = { qemu: versionLine, package: `qemu-system-x86 ${build.version}`, release: build.release, q35: types('q35'), i440fx: types('i440fx'), deprecated, output: out.split('\n').filter((l) => /^pc-(q35|i440fx)-|^(pc|q35) /.test(l)) };
    writeFileSync(join(dir, `${build.release}.json`), JSON.stringify(record, null, 2) + '\n');
    console.log(`${build.release}: q35 ${record.q35.at(-1)} … ${record.q35[0]}, ${deprecated.length} deprecated`);
  }
}

function summary(config, observed) {
  if (!observed.started) return `refused: ${observed.refusal}`;
  const probes = observed.probes.map((p) => (p.window ? `${p.id}@${p.window.base}+${p.window.size}` : `${p.id}:none`)).join(' ');
  const devices = (observed.devices ?? []).map((d) => {
    const bar2 = d.bars.find((bar) => bar.index === 2);
    // Unprogrammed: never written (0) or left at the all-ones sizing pattern of a rejected device.
    const programmed = bar2 && BigInt(bar2.base) !== 0n && BigInt(bar2.base) + BigInt(bar2.size) !== 1n << 64n;
    return programmed ? `${d.id}@${bar2.base}+${bar2.size}` : `${d.id}:none`;
  }).join(' ');
  return `phys ${observed.cpu.physBits}, ${[probes, devices].filter(Boolean).join(' ')}`;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  let configs = ALL;
  if (opts.only) {
    const unknown = opts.only.filter((id) => !ALL.some((c) => c.id === id));
    if (unknown.length > 0) throw new Error(`unknown configuration(s): ${unknown.join(', ')}`);
    configs = ALL.filter((c) => opts.only.includes(c.id));
  }
  if (opts.skipRecorded) configs = configs.filter((c) => !existsSync(join(FIXTURES, `${c.id}.json`)));
  if (opts.match) configs = configs.filter((c) => c.id.includes(opts.match));
  if (opts.list) {
    for (const c of configs) console.log(`${c.id.padEnd(32)} ${c.about}`);
    return;
  }

  const env = prepareBuilds();
  if (opts.machineHelp) return recordMachineHelp(env);
  mkdirSync(FIXTURES, { recursive: true });
  env.logDir = join(CACHE, 'logs');
  mkdirSync(env.logDir, { recursive: true });
  env.initrd = buildInitramfs({ cacheDir: CACHE, busybox: env.busybox, cpio: env.cpio, fwCfgModule: env.kernel.fwCfgModule });
  console.log(`conformance: ${configs.length} configuration(s), ${opts.jobs} at a time; kernel ${env.kernel.release}`);

  // Longest first, so the slow boots overlap the short ones.
  const queue = [...configs].sort((a, b) => Number(Boolean(b.slow)) - Number(Boolean(a.slow)));
  const failures = [];
  const began = Date.now();
  const worker = async () => {
    for (let config = queue.shift(); config; config = queue.shift()) {
      try {
        const { observed, durationSeconds } = await runConfig(config, env);
        console.log(`  ok    ${config.id.padEnd(32)} ${String(durationSeconds).padStart(6)} s  ${summary(config, observed)}`);
      } catch (error) {
        failures.push(config.id);
        console.log(`  FAIL  ${config.id.padEnd(32)} ${error.message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.jobs, configs.length) }, worker));
  const minutes = ((Date.now() - began) / 60000).toFixed(1);
  console.log(`conformance: ${configs.length - failures.length} recorded, ${failures.length} failed, ${minutes} min; fixtures in ${FIXTURES}`);
  if (failures.length > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`conformance: ${error.message}`);
  process.exitCode = 2;
});
