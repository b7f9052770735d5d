/**
 * `import vm` of a Proxmox VE config and `import host` of virsh domcapabilities, end to end through the CLI: into a
 * plan (`plan --vm`) and a pool (`pool check --pool`). Fixtures: test/fixtures/proxmox/ and domcaps/ (their READMEs).
 */
import { describe, expect, it } from 'vitest';
import { cli } from './run-cli.js';
import { CLI_TIMEOUT, fixturePath, fixtureText, scratchFile } from './fixtures.js';

const Q35_SECBOOT = fixturePath('proxmox/efi-secboot-and-tpm-q35.conf');
const SNOWRIDGE = fixturePath('domcaps/intel-snowridge.xml');

describe('gpa-planner import vm of a Proxmox VE config', { timeout: CLI_TIMEOUT }, () => {
  it('prints the VM file qemu-server\'s rules give, recognised by content', () => {
    const { status, stdout, stderr } = cli(['import', 'vm', Q35_SECBOOT]);
    expect(status).toBe(0);
    // machine: q35 (an alias: no version); no memory key: Memory.pm's default 512 MiB; no cpu: kvm64, which has
    // neither pdpe1gb nor la57; bios: ovmf with efitype=4m on q35: OVMF.pm's '4m' CODE (secboot), pre-enrolled-keys=1: '-ms' VARS.
    expect(JSON.parse(stdout)).toStrictEqual({
      machine: 'q35', qemuPackage: 'pve-qemu-kvm', memory: '512M', cpu: { pdpe1gb: false, la57: false },
      firmware: { loader: 'pflash', code: '/usr/share/pve-edk2-firmware/OVMF_CODE_4M.secboot.fd', vars: '/usr/share/pve-edk2-firmware/OVMF_VARS_4M.ms.fd' },
    });
    expect(stderr.trimEnd().split('\n')).toHaveLength(2);
    // The docs page checks this VM file on a pool: it is this output, byte for byte.
    expect(stdout).toBe(fixtureText('proxmox/efi-secboot-and-tpm-q35.vm.json'));
  });

  it('plans the printed VM: 512 MiB all below 4 GiB, OVMF\'s classic 32 GiB aperture at 32 GiB', () => {
    const vm = scratchFile('vm.json', cli(['import', 'vm', Q35_SECBOOT]).stdout);
    const { status, stdout } = cli(['plan', '--vm', vm, '--json']);
    expect(status).toBe(0);
    const plan = JSON.parse(stdout);
    expect(plan.input.qemuPackage).toBe('pve-qemu-kvm');
    // kvm64 is not host/max: QEMU's default phys-bits 40, which OVMF does not trust for Intel (qemu.md §7, ovmf.md §3).
    expect(plan.qemu).toMatchObject({ ramBelow4g: '0x20000000', ramAbove4g: null, physBits: 40 });
    // ovmf.md §2: top = max(4G, 512M) = 4G; base = roundup(4G, 32G) = 32G = 0x800000000; end 64G → width 36.
    expect(plan.ovmf).toMatchObject({ window: 'classic', physMemAddressWidth: 36, pci64: { base: '0x800000000', size: '0x800000000' } });
  });

  it('reads the current config only, from standard input too, with --from proxmox', () => {
    const { status, stdout, stderr } = cli(['import', 'vm', '--from', 'proxmox', '-'], fixtureText('proxmox/snapshots.conf'));
    expect(status).toBe(0);
    // The current section: machine pc-i440fx-9.1, memory 4096, ostype win10 (pinned types are not re-pinned).
    expect(JSON.parse(stdout)).toMatchObject({ name: 'win-machine-ver', machine: 'pc', machineVersion: '9.1', memory: '4G' });
    expect(stderr).toContain('warning: standard input: snapshot, [PENDING] and [special:…] sections are not read');
  });

  it('memory hotplug with --node-phys-bits, and hostpci presets with --hostpci', () => {
    const hotplug = cli(['import', 'vm', fixturePath('proxmox/memory-hotplug.conf'), '--node-phys-bits', '46']);
    // kvm64: min(46, 40) = 40 bits → 2^(40-21) MiB = 512 GiB (Memory.pm get_max_mem); boot memory 1024 MiB.
    expect(JSON.parse(hotplug.stdout)).toMatchObject({ memory: '1G', maxmem: '512G', slots: 255 });
    const gpu = cli(['import', 'vm', fixturePath('proxmox/q35-linux-hostpci.conf'), '--hostpci', 'hostpci1=nvidia-l40s']);
    expect(JSON.parse(gpu.stdout).devices).toStrictEqual([{ preset: 'nvidia-l40s', attach: 'root-port' }]);
    // The L40S's 64 GiB BAR (presets/devices/nvidia-l40s.json) cannot fit kvm64's classic 32 GiB aperture: plan exits 1.
    const planned = cli(['plan', '--vm', scratchFile('gpu.json', gpu.stdout), '--json']);
    expect(planned.status).toBe(1);
    expect(JSON.parse(planned.stdout).findings.map((f: { code: string }) => f.code)).toContain('ovmf_pci_allocation_failed');
    expect(cli(['import', 'vm', fixturePath('proxmox/q35-linux-hostpci.conf'), '--hostpci', 'hostpci1=nvidia-l4']).stderr)
      .toMatch(/^gpa-planner: --hostpci hostpci1: "nvidia-l4" is not a device preset \(amd-radeon-rx-7900-xtx-rebar-on, .*nvidia-l40s, /);
  });

  it.each([
    [['--from', 'vmware'], 'gpa-planner: --from: "vmware" is not one of libvirt, qemu, proxmox\n'],
    [['--node-phys-bits', '99'], 'gpa-planner: --node-phys-bits: "99" is not a whole number from 32 to 52\n'],
    [['--hostpci', 'gpu=nvidia-l40s'], 'gpa-planner: --hostpci: "gpu=nvidia-l40s" is not KEY=PRESET (for example hostpci0=nvidia-l40s; see gpa-planner presets)\n'],
    [['--hostpci', 'hostpci9=nvidia-l40s'], 'gpa-planner: --hostpci: hostpci9 is not in the config (it has no hostpciN)\n'],
  ])('refuses %j in one line, exit 2, nothing on stdout', (args, stderr) => {
    expect(cli(['import', 'vm', Q35_SECBOOT, ...args])).toEqual({ status: 2, stdout: '', stderr });
  });

  it('refuses a malformed config in one line naming the key, exit 2, nothing on stdout', () => {
    const bad = fixtureText('proxmox/efi-secboot-and-tpm-q35.conf').replace('efitype=4m', 'efitype=8m');
    expect(cli(['import', 'vm', '-'], bad)).toEqual({ status: 2, stdout: '', stderr: 'gpa-planner: standard input: efidisk0 efitype: "8m" is not allowed (allowed: 2m, 4m)\n' });
    const hotplug = cli(['import', 'vm', fixturePath('proxmox/memory-hotplug.conf')]);
    expect(hotplug.status).toBe(2);
    expect(hotplug.stdout).toBe('');
    expect(hotplug.stderr).toMatch(/^gpa-planner: \S+memory-hotplug\.conf: hotplug: memory hotplug: qemu-server sizes maxmem from the physical address bits of the node that starts the VM, which the config does not say: give --node-phys-bits N \(the node's \/proc\/cpuinfo "address sizes"\)\n$/);
  });
});

describe('gpa-planner import host of virsh domcapabilities', { timeout: CLI_TIMEOUT }, () => {
  it('makes a pool with virsh capabilities of another host, and pool check passes the Proxmox VM on it', () => {
    const pool = cli(['import', 'host', SNOWRIDGE, fixturePath('caps-intel-xeon.xml'), '--firmware', 'proxmox-ve-9']);
    expect(pool.status).toBe(0);
    expect(JSON.parse(pool.stdout)).toStrictEqual({
      hosts: [
        // <vendor>Intel</vendor>, <maxphysaddr mode='passthrough' limit='46'/>, <machine>pc-i440fx-8.1</machine>.
        { name: 'intel-snowridge', vendor: 'intel', physBits: 46, pdpe1gb: false, la57: false, qemu: '8.1', firmware: 'proxmox-ve-9' },
        { name: 'caps-intel-xeon', vendor: 'intel', physBits: 46, pdpe1gb: true, la57: false, qemu: '7.2', firmware: 'proxmox-ve-9' },
      ],
    });
    const vm = scratchFile('vm.json', cli(['import', 'vm', Q35_SECBOOT]).stdout);
    const check = cli(['pool', 'check', '--pool', scratchFile('pool.json', pool.stdout), '--vm', vm, '--json']);
    expect(check.status).toBe(0);
    const result = JSON.parse(check.stdout);
    expect(result.verdict).toBe('pass');
    // The q35 alias resolves to the oldest host's QEMU, 7.2; kvm64's phys-bits 40 on both.
    expect(result.input).toMatchObject({ machineVersion: '7.2', cpu: { physBits: 40 } });
    expect(result.groups.map((g: { host: { qemu: string } }) => g.host.qemu)).toStrictEqual(['8.1', '7.2']);
  });

  it('is a host input of pool check --host-caps too, and --from domcapabilities names it', () => {
    const vm = scratchFile('vm.json', cli(['import', 'vm', Q35_SECBOOT]).stdout);
    const check = cli(['pool', 'check', '--vm', vm, '--host-caps', SNOWRIDGE, '--firmware', 'proxmox-ve-9', '--json']);
    expect(check.status).toBe(0);
    expect(JSON.parse(check.stdout).groups[0].host).toMatchObject({ vendor: 'intel', physBits: 46, qemu: '8.1' });
    expect(cli(['import', 'host', '--from', 'domcapabilities', SNOWRIDGE, '--firmware', 'proxmox-ve-9']).status).toBe(0);
    expect(cli(['import', 'host', '--from', 'capabilities', SNOWRIDGE]).stderr).toBe(`gpa-planner: ${SNOWRIDGE}: the root element is <domainCapabilities>, not <capabilities> (the output of virsh capabilities)\n`);
  });

  it('refuses libvirt\'s test host, whose mocked 64 address bits no CPU has, and an unknown --from', () => {
    const mocked = cli(['import', 'host', fixturePath('domcaps/libvirt-qemu_11.0.0-q35.x86_64.xml'), '--firmware', 'debian-13']);
    expect(mocked.status).toBe(2);
    expect(mocked.stdout).toBe('');
    expect(mocked.stderr).toMatch(/^gpa-planner: \S+libvirt-qemu_11\.0\.0-q35\.x86_64\.xml: physBits: .*\n$/);
    expect(cli(['import', 'host', '--from', 'xml', SNOWRIDGE])).toEqual({ status: 2, stdout: '', stderr: 'gpa-planner: --from: "xml" is not one of capabilities, domcapabilities, cpuinfo, lscpu\n' });
  });
});
