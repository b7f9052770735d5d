/** importQemuArgv: a QEMU command line → the VM file (qemu.md §4.1, §5, §7, §9.5). */
import { describe, expect, it } from 'vitest';
import { importQemuArgv } from '../../../src/input/importers/qemu-argv.js';
import { importLibvirtDomain } from '../../../src/input/importers/libvirt-domain.js';
import { errorOf, fixture, ok } from './helpers.js';

const vmOf = (args: string[]) => ok(importQemuArgv(['qemu-system-x86_64', '-accel', 'kvm', ...args])).vm;

describe('importQemuArgv on libvirt\'s log of the q35 GPU VM', () => {
  const imported = ok(importQemuArgv(fixture('qemu-q35-gpu.log'), 'qemu-q35-gpu.log'));

  it('gives the VM the domain XML gives, plus the QEMU release from the log header', () => {
    const { vm: fromXml } = ok(importLibvirtDomain(fixture('domain-q35-gpu.xml'), 'x'));
    const { description: _d, firmware: xmlFirmware, ...xmlRest } = fromXml;
    const { firmware, ...rest } = imported.vm;
    expect(rest).toStrictEqual({ ...xmlRest, qemuVersion: '7.2' });
    // The command line names the VM's NVRAM file, not the template it was copied from.
    expect(firmware).toStrictEqual({ pci64Mb: '262144', loader: 'pflash', code: xmlFirmware!.code });
  });

  it('keeps the libvirt release for --emit, and -cpu host', () => {
    expect(imported.libvirtVersion).toBe('9.0');
    expect(imported.cpu).toEqual({ model: 'host', libvirtMode: null });
  });

  it('warns about the NVRAM file, the GPU and the options it does not read', () => {
    expect(imported.warnings.slice(0, 4)).toEqual([
      'la57 (5-level paging): with -cpu host the guest has it only where the host has it, and the input does not say the host\'s; left off (the default), not assumed: set cpu.la57 to true for hosts with la57 (pool check then gives it only to those)',
      'the varstore is the VM\'s NVRAM file /var/lib/libvirt/qemu/nvram/gpu-worker-1_VARS.fd, whose template is not named here: firmware.vars is left out',
      'firmware /usr/share/OVMF/OVMF_CODE_4M.fd: the edk2 release it holds is the host\'s package; plan assumes the newest modelled unless --firmware TAG|PRESET is given',
      'PCI device passed through (vfio-pci host=0000:41:00.0): its BAR sizes are not modelled; its 64-bit BARs must fit OVMF\'s 64-bit aperture (see ovmf.pci64 in the plan)',
    ]);
    expect(imported.warnings[4]).toMatch(/^not modelled: -machine usb, vmport, dump-guest-core; -cpu migratable; -S, -overcommit, -smp, -numa, /);
  });
});

describe('importQemuArgv on ps output of the pc VM', () => {
  it('gives the VM the domain XML gives, but the vendor, which the command line does not say', () => {
    const { vm } = ok(importQemuArgv(fixture('qemu-pc-seabios.ps.txt'), 'ps'));
    const { vm: fromXml } = ok(importLibvirtDomain(fixture('domain-pc-seabios.xml'), 'x'));
    const { vendor, vendorPinned, ...cpu } = fromXml.cpu!;
    expect(vendor).toBe('intel');
    expect(vendorPinned).toBe(true);
    expect(vm).toStrictEqual({ ...fromXml, cpu });
  });
});

describe('importQemuArgv options', () => {
  it.each<[string, string[], object]>([
    ['-m in MiB without a suffix', ['-m', '4096'], { memory: '4G' }],
    ['-m size=,slots=,maxmem=', ['-m', 'size=4194304k,slots=2,maxmem=16G'], { memory: '4G', maxmem: '16G', slots: 2 }],
    ['max-ram-below-4g', ['-m', '8G', '-machine', 'pc-q35-8.2,max-ram-below-4g=2G'], { maxRamBelow4g: '2G' }],
    ['q35-pcihost.pci-hole64-size', ['-m', '8G', '-M', 'pc-q35-8.2', '-global', 'q35-pcihost.pci-hole64-size=1048576K'], { pciHole64Size: '1G' }],
    ['-fw_cfg with a comma in the value', ['-m', '1G', '-fw_cfg', 'name=opt/x,string=a,,b'], { firmware: { fwCfg: { 'opt/x': 'a,b' } } }],
  ])('reads %s', (_what, args, expected) => {
    expect(vmOf(args)).toMatchObject(expected);
  });

  it.each<[string, string, object]>([
    ['phys-bits on a named model', 'EPYC-Rome,phys-bits=42', { physBits: 42, pdpe1gb: true, la57: false }],
    ['host with host-phys-bits-limit', 'host,host-phys-bits-limit=39', { hostPhysBits: true, hostPhysBitsLimit: 39 }],
    ['host with host-phys-bits=off and phys-bits', 'host,host-phys-bits=off,phys-bits=42', { physBits: 42 }],
    ['host-phys-bits on a named model', 'Skylake-Server,host-phys-bits=on', { hostPhysBits: true }],
    ['guest-phys-bits', 'host,guest-phys-bits=46', { hostPhysBits: true, guestPhysBits: 46 }],
    ['vendor=', 'qemu64,vendor=AuthenticAMD', { vendor: 'amd' }],
    ['+pdpe1gb and -la57', 'max,+pdpe1gb,-la57', { pdpe1gb: true, la57: false }],
    ['pdpe1gb=off', 'host,pdpe1gb=off', { pdpe1gb: false }],
    ['la57 on', 'Cascadelake-Server,la57=on', { la57: true }],
  ])('reads -cpu %s', (_what, cpu, expected) => {
    expect(vmOf(['-m', '4G', '-M', 'pc-q35-9.2', '-cpu', cpu]).cpu).toMatchObject(expected);
  });

  it('uses QEMU\'s defaults without -machine, -cpu and -m: the pc alias, qemu64, 128 MiB', () => {
    const imported = ok(importQemuArgv(['qemu-system-x86_64', '-enable-kvm']));
    expect(imported.vm).toStrictEqual({ machine: 'pc', memory: '128M', cpu: { pdpe1gb: false, la57: false } });
    expect(imported.warnings.slice(0, 2)).toEqual([
      'machine type "pc" is an alias for the newest pc-i440fx of the QEMU that starts the VM, whose release is not known here: machineVersion is left out (plan uses the QEMU version, pool check the oldest host\'s QEMU)',
      'no -m size: QEMU\'s default of 128 MiB is used',
    ]);
  });

  it('resolves an alias against the QEMU release in the program path', () => {
    expect(ok(importQemuArgv(['/opt/qemu-9.2.3/bin/qemu-system-x86_64', '-M', 'q35', '-m', '2G'])).vm).toMatchObject({ machineVersion: '9.2', qemuVersion: '9.2' });
  });

  it('ignores an i440FX-pcihost global on q35, as QEMU does', () => {
    const imported = ok(importQemuArgv(['qemu-system-x86_64', '-M', 'pc-q35-8.2', '-m', '1G', '-global', 'i440FX-pcihost.pci-hole64-size=4G']));
    expect(imported.vm).not.toHaveProperty('pciHole64Size');
    expect(imported.warnings).toContain('-global i440FX-pcihost.pci-hole64-size applies to the i440fx host bridge, which a q35 machine does not have: ignored, as QEMU ignores it');
  });

  it('warns about TCG, -fw_cfg from a file, and SGX', () => {
    const warnings = ok(importQemuArgv(['qemu-system-x86_64', '-M', 'pc-q35-8.2', '-m', '1G', '-fw_cfg', 'name=opt/blob,file=/tmp/b', '-object', 'memory-backend-epc,id=e,size=64M'])).warnings;
    expect(warnings).toEqual(expect.arrayContaining([
      'fw_cfg opt/blob comes from file /tmp/b, whose content is not read: not modelled',
      'no accelerator given (-accel, -enable-kvm): QEMU defaults to TCG, where host-phys-bits is ignored and the vendor is the model\'s; the planner models KVM',
      'SGX EPC (memory-backend-epc) is not modelled: it sits above RAM and moves the hotplug area and the 64-bit hole up',
    ]));
  });

  it.each<[string, string[] | string, string]>([
    ['another program', ['ls', '-l'], 'command line: does not look like a QEMU command line (the program is "ls")'],
    ['qemu-system-i386', ['qemu-system-i386', '-m', '1G'], 'command line: qemu-system-i386 is not modelled (its phys-bits limit is 36): use qemu-system-x86_64'],
    ['a size that is not one', ['qemu-system-x86_64', '-m', 'lots'], 'command line: -m size: "lots" is not a size'],
    ['phys-bits that is not a number', ['qemu-system-x86_64', '-cpu', 'host,phys-bits=max'], 'command line: -cpu phys-bits: "max" is not a whole number'],
    ['an unknown vendor', ['qemu-system-x86_64', '-cpu', 'qemu64,vendor=CentaurHauls'], 'command line: -cpu vendor: "CentaurHauls" is not GenuineIntel, AuthenticAMD or HygonGenuine'],
    ['an unclosed quote', "qemu-system-x86_64 -name 'vm", "command line: has a single quote that is never closed"],
  ])('rejects %s', (_what, input, message) => {
    expect(errorOf(importQemuArgv(input))).toBe(message);
  });
});
