/**
 * importProxmoxConfig: a Proxmox VE config → the VM file. The fixtures are qemu-server's own cfg2cmd tests
 * (test/fixtures/proxmox/README.md): each FILE.conf has the command line qemu-server's config_to_command builds for
 * it in FILE.conf.cmd, so the config imported here must give what that command line gives to the QEMU importer.
 */
import { describe, expect, it } from 'vitest';
import { importProxmoxConfig } from '../../../src/input/importers/proxmox-vm.js';
import { importQemuArgv } from '../../../src/input/importers/qemu-argv.js';
import { errorOf, fixture, ok } from './helpers.js';

// run_config2command_tests.pl mocks get_host_phys_address_bits as 46.
const NODE = { nodePhysBits: 46 };
const conf = (name: string) => ok(importProxmoxConfig(fixture(`proxmox/${name}.conf`), name, NODE));
/** What qemu-server's expected command line gives: the same file, as Proxmox's QEMU is started with it. */
const cmd = (name: string) => ok(importQemuArgv(fixture(`proxmox/${name}.conf.cmd`), `${name}.cmd`)).vm;
/** qemu-server joins OVMF.pm's $EDK2_FW_BASE (ending in /) to a file with another /, the same path. */
const singleSlash = (vm: ReturnType<typeof cmd>) => (vm.firmware?.code ? { ...vm, firmware: { ...vm.firmware, code: vm.firmware.code.replace('//', '/') } } : vm);
const inline = (lines: string[]) => `${lines.join('\n')}\n`;
const vmOf = (lines: string[], options = {}) => ok(importProxmoxConfig(inline(lines), 'vm.conf', options)).vm;

describe('importProxmoxConfig against qemu-server\'s cfg2cmd expected command lines', () => {
  it.each([
    'minimal-defaults', 'memory-hotplug', 'memory-hotplug-hugepages', 'efi-secboot-and-tpm', 'efi-secboot-and-tpm-q35',
    'q35-linux-hostpci', 'win11-host-11.0+pve2', 'pinned-version-pxe-pve',
  ])('%s: the same machine, memory and CPU as the command line, and its CODE image', (name) => {
    const { qemuPackage, firmware, name: vmName, ...fromConf } = conf(name).vm;
    const { firmware: cmdFirmware, name: _cmdName, ...fromCmd } = singleSlash(cmd(name));
    expect(qemuPackage).toBe('pve-qemu-kvm');
    // The command line says -name; the config's name is the same when set, vm<ID> otherwise (config_to_command).
    if (vmName !== undefined) expect(_cmdName).toBe(vmName);
    expect(fromConf).toStrictEqual(fromCmd);
    // The command line names the VM's efidisk (pflash1), the config the template qemu-server copied it from.
    expect(firmware?.code).toBe(cmdFirmware?.code);
  });
});

describe('importProxmoxConfig: the values, checked by hand against qemu-server\'s source', () => {
  it('memory hotplug: 1024 MiB of boot memory, 255 slots, maxmem 2^(40-21) MiB for kvm64 on a 46-bit node', () => {
    // Memory.pm get_max_mem: kvm64 → min(46, 40) = 40 bits, even; 1 << (40 - 21) = 524288 MiB = 512 GiB.
    expect(conf('memory-hotplug').vm).toMatchObject({ memory: '1G', maxmem: '512G', slots: 255 });
  });

  it('memory hotplug with 1 GiB huge pages: boot memory 1024 MiB × 2 sockets', () => {
    expect(conf('memory-hotplug-hugepages').vm).toMatchObject({ memory: '2G', maxmem: '512G', slots: 255 });
  });

  it('memory hotplug with cpu host: the node\'s bits, rounded down to even, capped at 4 TiB', () => {
    const lines = ['memory: 4096', 'numa: 1', 'hotplug: disk,network,memory', 'cpu: host'];
    // 39 bits → 38 → 1 << 17 MiB = 128 GiB; 52 bits → 1 << 31 MiB = 2 PiB, capped to 4194304 MiB = 4 TiB.
    expect(vmOf(lines, { nodePhysBits: 39 })).toMatchObject({ memory: '1G', maxmem: '128G' });
    expect(vmOf(lines, { nodePhysBits: 52 })).toMatchObject({ maxmem: '4T' });
    // phys-bits=42 decides alone: 1 << 21 MiB = 2 TiB, whatever the node.
    expect(vmOf([...lines.slice(0, 3), 'cpu: kvm64,phys-bits=42'])).toMatchObject({ maxmem: '2T', cpu: { physBits: 42 } });
  });

  it('memory: both the plain MiB and the newer property string', () => {
    expect(vmOf(['memory: 4096', 'ostype: l26'])).toMatchObject({ memory: '4G' });
    expect(vmOf(['memory: current=6144', 'ostype: l26'])).toMatchObject({ memory: '6G' });
    // Memory.pm $memory_fmt default 512.
    expect(vmOf(['ostype: l26'])).toMatchObject({ memory: '512M' });
  });

  it('efitype picks the image: legacy 2 MiB without it, the 4 MiB Secure Boot CODE on q35, the plain 4 MiB on i440fx', () => {
    expect(conf('q35-linux-hostpci').vm.firmware).toStrictEqual({ loader: 'pflash', code: '/usr/share/pve-edk2-firmware/OVMF_CODE.fd', vars: '/usr/share/pve-edk2-firmware/OVMF_VARS.fd' });
    expect(conf('efi-secboot-and-tpm-q35').vm.firmware).toStrictEqual({ loader: 'pflash', code: '/usr/share/pve-edk2-firmware/OVMF_CODE_4M.secboot.fd', vars: '/usr/share/pve-edk2-firmware/OVMF_VARS_4M.ms.fd' });
    expect(vmOf(['bios: ovmf', 'efidisk0: local:100/vm-100-disk-0.raw,efitype=4m,size=528K']).firmware).toStrictEqual({ loader: 'pflash', code: '/usr/share/pve-edk2-firmware/OVMF_CODE_4M.fd', vars: '/usr/share/pve-edk2-firmware/OVMF_VARS_4M.fd' });
  });

  it('cpu: the vendor qemu-server pins, +pdpe1gb, phys-bits=host, a builtin x86-64-vN as qemu64', () => {
    expect(vmOf(['cpu: EPYC-Rome,flags=+pdpe1gb;+aes', 'ostype: l26']).cpu).toStrictEqual({ vendor: 'amd', vendorPinned: true, pdpe1gb: true, la57: false });
    expect(vmOf(['cpu: kvm64,phys-bits=host', 'machine: pc-q35-8.1', 'ostype: l26']).cpu).toStrictEqual({ hostPhysBits: true, pdpe1gb: false, la57: false });
    expect(vmOf(['cpu: x86-64-v2-AES,flags=-pdpe1gb', 'ostype: l26']).cpu).toStrictEqual({ pdpe1gb: false, la57: false });
    expect(vmOf(['cpu: x86-64-v3,phys-bits=46,guest-phys-bits=42', 'ostype: l26']).cpu).toStrictEqual({ physBits: 46, guestPhysBits: 42, pdpe1gb: false, la57: false });
  });

  it('machine: a Windows guest without a version is pinned to 5.1, or to its creation QEMU from 9.1; +pveN and .pxe are the upstream type', () => {
    expect(vmOf(['machine: q35', 'ostype: win11'])).toMatchObject({ machine: 'q35', machineVersion: '5.1' });
    expect(vmOf(['ostype: win10', 'meta: creation-qemu=9.2.0,ctime=1736349024'])).toMatchObject({ machine: 'pc', machineVersion: '9.2' });
    expect(vmOf(['ostype: win10', 'meta: creation-qemu=8.1.5,ctime=1736349024'])).toMatchObject({ machineVersion: '5.1' });
    expect(conf('pinned-version-pxe-pve').vm).toMatchObject({ machine: 'q35', machineVersion: '4.1' });
  });

  it('reads only the current config of a file with snapshots, and says so', () => {
    const imported = ok(importProxmoxConfig(fixture('proxmox/snapshots.conf'), 'snapshots.conf', NODE));
    // The current config: machine pc-i440fx-9.1, memory 4096; the snapshots below it are machine-less.
    expect(imported.vm).toMatchObject({ name: 'win-machine-ver', machine: 'pc', machineVersion: '9.1', memory: '4G' });
    expect(imported.warnings[0]).toBe('snapshot, [PENDING] and [special:…] sections are not read: only the current config (the lines before them) is what qm start uses');
  });

  it('hostpciN: a warning each, or the device preset named for its key', () => {
    const imported = conf('q35-linux-hostpci');
    expect(imported.vm.devices).toBeUndefined();
    expect(imported.warnings.filter((w) => w.startsWith('PCI device passed through (hostpci'))).toHaveLength(6);
    const vm = ok(importProxmoxConfig(fixture('proxmox/q35-linux-hostpci.conf'), 'x', { hostpciPresets: new Map([['hostpci1', 'nvidia-a100-80g'], ['hostpci0', 'nvidia-a100-80g']]) })).vm;
    // hostpci0 has no pcie=1: on q35 it sits behind pci-bridge pci.0, modelled as a root port; hostpci1 has pcie=1.
    expect(vm.devices).toStrictEqual([{ preset: 'nvidia-a100-80g', attach: 'root-port' }, { preset: 'nvidia-a100-80g', attach: 'root-port' }]);
  });

  it('args: appended last, read as QEMU options', () => {
    const vm = vmOf(['machine: q35', 'args: -fw_cfg name=opt/ovmf/X-PciMmio64Mb,string=262144 -global q35-pcihost.pci-hole64-size=64G', 'ostype: l26']);
    expect(vm).toMatchObject({ pciHole64Size: '64G', firmware: { pci64Mb: '262144' } });
  });
});

describe('importProxmoxConfig refusals: one line naming the key', () => {
  it.each([
    [['memory: lots'], 'vm.conf: memory: "lots" is not a whole number of MiB of at least 16 (or current=MiB)'],
    [['bios: uefi'], 'vm.conf: bios: "uefi" is not allowed (allowed: seabios, ovmf)'],
    [['bios: ovmf', 'efidisk0: local:1,efitype=8m'], 'vm.conf: efidisk0 efitype: "8m" is not allowed (allowed: 2m, 4m)'],
    [['cpu: kvm64,phys-bits=99'], 'vm.conf: cpu phys-bits: "99" is not an integer between 8 and 64 or \'host\''],
    [['cpu: Zen9'], 'vm.conf: cpu Zen9: is not in qemu-server\'s built-in list of x86_64 models (newer pve-qemu-kvm packages list more in /usr/share/kvm/cpu-models-x86_64.json, which is not read here): import `qm showcmd VMID` instead, which prints the QEMU command line qemu-server builds'],
    [['cpu: custom-mine'], 'vm.conf: cpu custom-mine: is a custom model, defined in /etc/pve/virtual-guest/cpu-models.conf, which this import does not read: import `qm showcmd VMID` instead, which prints the QEMU command line qemu-server builds'],
    [['cpu: host,flags=+la57'], 'vm.conf: cpu flags: VM-specific CPU flags must be a subset of: aes, amd-no-ssb, amd-ssbd, hv-evmcs, hv-tlbflush, ibpb, md-clear, nested-virt, pcid, pdpe1gb, spec-ctrl, ssbd, virt-ssbd (each +FLAG or -FLAG, separated by ;), not "+la57"'],
    [['machine: microvm'], 'vm.conf: machine: "microvm" is not an x86 machine type qemu-server accepts (allowed: pc, q35, pc-i440fx-X.Y, pc-q35-X.Y, each with +pveN or .pxe)'],
    [['machine: pc,viommu=intel'], 'vm.conf: machine viommu: to use Intel vIOMMU please set the machine type to q35'],
    [['hostpci0: 01:00.0,pcie=1'], 'vm.conf: hostpci0: qm start refuses this VM: "q35 machine model is not enabled" (pcie=1 needs a q35 machine)'],
    [['memory: 8192', 'hotplug: memory'], 'vm.conf: hotplug: memory hotplug: qm start refuses this VM: "NUMA needs to be enabled for memory hotplug"'],
    [['hotplug: disk,ram'], 'vm.conf: hotplug: invalid hotplug feature \'ram\' (allowed: network, disk, cpu, memory, usb, cloudinit, 0, 1)'],
    [['bios: ovmf', 'cpu: qemu32'], 'vm.conf: cpu: qm start refuses this VM: "OVMF (UEFI) BIOS is not supported on 32-bit CPU types"'],
    [['memory: 1024', 'memory: 2048'], 'vm.conf: memory: is given twice (lines with the same key)'],
    [['memory 1024'], 'vm.conf: line 1: "memory 1024" is not "key: value" (a Proxmox VM config line)'],
  ])('%j', (lines, message) => {
    expect(errorOf(importProxmoxConfig(inline(lines), 'vm.conf', NODE))).toBe(message);
  });

  it('memory hotplug without the node\'s bits, where maxmem depends on them', () => {
    expect(errorOf(importProxmoxConfig(inline(['memory: 8192', 'hotplug: memory', 'numa: 1']), 'vm.conf')))
      .toBe('vm.conf: hotplug: memory hotplug: qemu-server sizes maxmem from the physical address bits of the node that starts the VM, which the config does not say: give --node-phys-bits N (the node\'s /proc/cpuinfo "address sizes")');
  });

  it('memory hotplug above the node\'s maxmem: qemu-server\'s own words', () => {
    // kvm64 on a 39-bit node: min(39, 40) = 39 → 38 → 1 << 17 = 131072 MiB.
    expect(errorOf(importProxmoxConfig(inline(['memory: 200000', 'numa: 1', 'hotplug: memory']), 'vm.conf', { nodePhysBits: 39 })))
      .toBe('vm.conf: hotplug: memory hotplug: qm start refuses this VM: "Total memory is bigger than 131072MB"');
  });
});
