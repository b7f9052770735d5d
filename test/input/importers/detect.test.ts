/** detectFormat, importVm, importHost: which importer reads a text. */
import { describe, expect, it } from 'vitest';
import { detectFormat, importHost, importVm } from '../../../src/input/importers/detect.js';
import { errorOf, fixture, ok } from './helpers.js';

describe('detectFormat', () => {
  it.each<[string, string]>([
    ['domain-q35-gpu.xml', 'libvirt-domain'],
    ['domain-pc-seabios.xml', 'libvirt-domain'],
    ['caps-intel-xeon.xml', 'virsh-capabilities'],
    ['cpuinfo-intel-xeon.txt', 'cpuinfo'],
    ['lscpu-intel-desktop.json', 'lscpu-json'],
    ['qemu-q35-gpu.log', 'qemu-command-line'],
    ['qemu-pc-seabios.ps.txt', 'qemu-command-line'],
    ['billion-laughs.xml', 'libvirt-domain'],
    ['firmware/60-edk2-x86_64.json', 'firmware-descriptor'],
    ['dmesg-intel-xeon.txt', 'kernel-log'],
    ['dmesg-amd.txt', 'kernel-log'],
    ['domcaps/intel-snowridge.xml', 'domain-capabilities'],
    ['proxmox/minimal-defaults.conf', 'proxmox-config'],
    ['proxmox/q35-linux-hostpci.conf', 'proxmox-config'],
    ['proxmox/snapshots.conf', 'proxmox-config'],
    // The .cmd files are qemu-server's output: QEMU command lines.
    ['proxmox/q35-linux-hostpci.conf.cmd', 'qemu-command-line'],
  ])('%s is %s', (name, format) => {
    expect(detectFormat(fixture(name))).toBe(format);
  });

  it('reads a Proxmox config whose args: line holds QEMU options as a Proxmox config', () => {
    expect(detectFormat('ostype: l26\nargs: -machine q35 -cpu host\nmemory: 4096\n')).toBe('proxmox-config');
    // Without one of the keys only qemu-server writes, key: value lines are not taken for a config.
    expect(detectFormat('memory: 4096\n')).toBe('unknown');
  });

  it('reads a command line without the program, and nothing else as one', () => {
    expect(detectFormat('-machine q35 -m 4G')).toBe('qemu-command-line');
    expect(detectFormat('hello world')).toBe('unknown');
  });

  it('reads a bare hex number, or a pair of them, as a register value', () => {
    expect(detectFormat('8d2078c106f0466\n')).toBe('register-value');
    expect(detectFormat('8d2078c106f0466\nc0000020e60262\n')).toBe('register-value');
    expect(detectFormat('58f77ef22294a5a:0\n')).toBe('register-value');
  });
});

describe('importVm and importHost', () => {
  it('take the format named instead of detecting it', () => {
    // A config with none of the keys detection looks for, named as Proxmox's.
    expect(ok(importVm('memory: 4096\n', 'p', 'proxmox')).vm).toMatchObject({ machine: 'pc', memory: '4G', qemuPackage: 'pve-qemu-kvm' });
    expect(errorOf(importVm(fixture('domain-q35-gpu.xml'), 'd', 'qemu'))).toMatch(/^d: /);
    expect(ok(importHost(fixture('domcaps/intel-snowridge.xml'), 'h', { name: 'h', firmware: 'x' }, 'domcapabilities')).host.physBits).toBe(46);
  });

  it('send each format to its importer', () => {
    expect(ok(importVm(fixture('qemu-pc-seabios.ps.txt'), 'ps')).vm.machine).toBe('pc');
    expect(ok(importHost(fixture('lscpu-intel-desktop.json'), 'l', { name: 'd', qemu: '7.2', firmware: 'x' })).host.physBits).toBe(39);
  });

  it('say which command reads a VM or a host given to the other one', () => {
    expect(errorOf(importVm(fixture('cpuinfo-intel-xeon.txt'), 'c'))).toBe('c: is /proc/cpuinfo, which describes a host: use import host');
    expect(errorOf(importHost(fixture('qemu-q35-gpu.log'), 'l', { name: 'h' }))).toBe('l: is a QEMU command line, which describes a VM: use import vm (or --vm-xml, --qemu-cmdline)');
    expect(errorOf(importVm('hello', 'x'))).toBe('x: is neither libvirt domain XML (virsh dumpxml), a QEMU command line nor a Proxmox VE config (qm config): name its format with --from libvirt|qemu|proxmox');
    expect(errorOf(importVm(fixture('dmesg-amd.txt'), 'k'))).toBe('k: is a kernel log, which describes a host: use import host');
  });

  it('say that descriptors and kernel logs add to a host, and which register file to give instead of a bare value', () => {
    expect(errorOf(importHost(fixture('firmware/60-edk2-x86_64.json'), 'd.json', { name: 'h' }))).toBe(
      'd.json: is a QEMU firmware descriptor, which adds to a host entry: give it to import host together with the host\'s virsh capabilities or domcapabilities, /proc/cpuinfo or lscpu --json',
    );
    expect(errorOf(importHost(fixture('dmesg-intel-xeon.txt'), 'dmesg', { name: 'h' }))).toMatch(/^dmesg: is a kernel log, which adds to a host entry: /);
    expect(errorOf(importHost('8d2078c106f0466\n', 'cap', { name: 'h' }))).toBe(
      'cap: is a bare register value: give a VT-d capability register (/sys/class/iommu/dmar*/intel-iommu/cap) to import host with --iommu-cap FILE',
    );
    expect(errorOf(importHost('58f77ef22294a5a:0\n', 'features', { name: 'h' }))).toBe(
      'features: is a register pair such as amd-iommu/features, which is not read (the order of its two numbers changed between kernels): give import host the kernel log (dmesg) instead',
    );
  });

  it('refuse any XML with entities through the safe parser, whatever its root', () => {
    const bomb = '<!DOCTYPE lolz [<!ENTITY lol "lol">]><lolz>&lol;</lolz>';
    expect(errorOf(importVm(bomb, 'b.xml'))).toMatch(/^b\.xml: declares entities/);
    expect(errorOf(importHost(bomb, 'b.xml', { name: 'h' }))).toMatch(/^b\.xml: declares entities/);
  });
});
