/** importCpuinfo: /proc/cpuinfo → a pool host entry. */
import { describe, expect, it } from 'vitest';
import { importCpuinfo } from '../../../src/input/importers/cpuinfo.js';
import { errorOf, fixture, ok } from './helpers.js';

describe('importCpuinfo', () => {
  it('reads the Intel Xeon: vendor_id, address sizes, pdpe1gb in flags', () => {
    const imported = ok(importCpuinfo(fixture('cpuinfo-intel-xeon.txt'), { name: 'xeon-1', qemu: '7.2', firmware: 'debian-12' }));
    expect(imported.host).toStrictEqual({ name: 'xeon-1', vendor: 'intel', physBits: 46, pdpe1gb: true, la57: false, qemu: '7.2', firmware: 'debian-12' });
    expect(imported.warnings).toEqual([
      'not modelled: cpu family, model, model name, stepping, microcode, cpu MHz, cache size, physical id, siblings, core id, cpu cores, apicid, initial apicid, fpu, fpu_exception, cpuid level, wp, bugs, bogomips, clflush size, cache_alignment, power management, 133 other flags',
    ]);
  });

  it('warns that the kernel\'s 43 bits on an EPYC with SME are below raw CPUID, and assumes the QEMU and OVMF it is not told', () => {
    const imported = ok(importCpuinfo(fixture('cpuinfo-amd-epyc-sme.txt'), { name: 'epyc-2' }));
    expect(imported.host).toMatchObject({ vendor: 'amd', physBits: 43, qemu: '11.1', firmware: 'edk2-stable202608' });
    expect(imported.warnings.slice(0, 3)).toEqual([
      '/proc/cpuinfo reports 43 physical address bits and the CPU has sme: with memory encryption active the kernel reports fewer bits than raw CPUID 0x80000008, which QEMU\'s host-phys-bits copies',
      '/proc/cpuinfo does not say which QEMU the host has: assumed 11.1 (the newest modelled; give --qemu X.Y or set it in the pool file)',
      '/proc/cpuinfo does not say which OVMF package the host has: assumed edk2-stable202608 (the newest modelled; give --firmware TAG|PRESET or set it in the pool file)',
    ]);
  });

  it('takes what the caller assumes, and says where it came from', () => {
    const imported = ok(importCpuinfo(fixture('cpuinfo-intel-xeon.txt'), { name: 'x', assumed: { qemu: { value: '8.2', from: 'the VM\'s --qemu-version' } }, firmware: 'debian-12' }));
    expect(imported.host.qemu).toBe('8.2');
    expect(imported.warnings[0]).toBe('/proc/cpuinfo does not say which QEMU the host has: assumed 8.2 (the VM\'s --qemu-version; give --qemu X.Y or set it in the pool file)');
  });

  it('counts a feature only when every processor has it', () => {
    const block = (i: number, flags: string) => `processor\t: ${i}\nvendor_id\t: GenuineIntel\nflags\t\t: ${flags}\naddress sizes\t: 39 bits physical, 48 bits virtual\n`;
    const text = `${block(0, 'fpu pdpe1gb la57')}\n${block(1, 'fpu pdpe1gb')}`;
    expect(ok(importCpuinfo(text, { name: 'h', qemu: '9.2', firmware: 'x' })).host).toMatchObject({ pdpe1gb: true, la57: false });
  });

  it.each<[string, string, string]>([
    ['text without processors', 'hello', 'cpuinfo: has no "processor" entry: not /proc/cpuinfo of an x86 host'],
    ['a processor without address sizes', 'processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t: fpu\n', 'cpuinfo: processor 0 has no "address sizes" line'],
    ['processors that disagree', 'processor : 0\nvendor_id : GenuineIntel\nflags : x\naddress sizes : 39 bits physical, 48 bits virtual\n\nprocessor : 1\nvendor_id : GenuineIntel\nflags : x\naddress sizes : 46 bits physical, 48 bits virtual\n', 'cpuinfo: processors 0 and 1 differ in "address sizes": give one host\'s /proc/cpuinfo'],
    ['an unknown vendor', 'processor : 0\nvendor_id : CentaurHauls\nflags : x\naddress sizes : 36 bits physical, 48 bits virtual\n', 'cpuinfo: vendor: "CentaurHauls" is not GenuineIntel, AuthenticAMD or HygonGenuine'],
  ])('rejects %s', (_what, text, message) => {
    expect(errorOf(importCpuinfo(text, { name: 'h' }, 'cpuinfo'))).toBe(message);
  });
});
