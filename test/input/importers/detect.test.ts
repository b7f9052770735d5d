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
  ])('%s is %s', (name, format) => {
    expect(detectFormat(fixture(name))).toBe(format);
  });

  it('reads a command line without the program, and nothing else as one', () => {
    expect(detectFormat('-machine q35 -m 4G')).toBe('qemu-command-line');
    expect(detectFormat('hello world')).toBe('unknown');
  });
});

describe('importVm and importHost', () => {
  it('send each format to its importer', () => {
    expect(ok(importVm(fixture('qemu-pc-seabios.ps.txt'), 'ps')).vm.machine).toBe('pc');
    expect(ok(importHost(fixture('lscpu-intel-desktop.json'), 'l', { name: 'd', qemu: '7.2', firmware: 'x' })).host.physBits).toBe(39);
  });

  it('say which command reads a VM or a host given to the other one', () => {
    expect(errorOf(importVm(fixture('cpuinfo-intel-xeon.txt'), 'c'))).toBe('c: is /proc/cpuinfo, which describes a host: use import host');
    expect(errorOf(importHost(fixture('qemu-q35-gpu.log'), 'l', { name: 'h' }))).toBe('l: is a QEMU command line, which describes a VM: use import vm (or --vm-xml, --qemu-cmdline)');
    expect(errorOf(importVm('hello', 'x'))).toBe('x: is neither libvirt domain XML (virsh dumpxml) nor a QEMU command line');
  });

  it('refuse any XML with entities through the safe parser, whatever its root', () => {
    const bomb = '<!DOCTYPE lolz [<!ENTITY lol "lol">]><lolz>&lol;</lolz>';
    expect(errorOf(importVm(bomb, 'b.xml'))).toMatch(/^b\.xml: declares entities/);
    expect(errorOf(importHost(bomb, 'b.xml', { name: 'h' }))).toMatch(/^b\.xml: declares entities/);
  });
});
