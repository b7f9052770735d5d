/** importVirshCapabilities: `virsh capabilities` → a pool host entry (qemu.md §9.3). */
import { describe, expect, it } from 'vitest';
import { importVirshCapabilities } from '../../../src/input/importers/virsh-capabilities.js';
import { errorOf, fixture, ok } from './helpers.js';

const caps = (cpu: string, machines = "<machine maxCpus='288'>pc-q35-9.2</machine>") => `<capabilities><host><cpu><arch>x86_64</arch>${cpu}</cpu></host>
  <guest><os_type>hvm</os_type><arch name='x86_64'><emulator>/usr/bin/qemu-system-x86_64</emulator>${machines}<domain type='kvm'/></arch></guest></capabilities>`;

describe('importVirshCapabilities', () => {
  it('reads the Intel host: vendor, maxphysaddr bits, 1 GiB pages from its model, QEMU 7.2 from the newest machine type', () => {
    const imported = ok(importVirshCapabilities(fixture('caps-intel-xeon.xml'), { name: 'xeon-1', firmware: 'debian-12' }));
    expect(imported.host).toStrictEqual({ name: 'xeon-1', vendor: 'intel', physBits: 46, pdpe1gb: true, la57: false, qemu: '7.2', firmware: 'debian-12' });
    expect(imported.warnings).toEqual([
      'not modelled: host/uuid, host/power_management, host/iommu, host/migration_features, host/topology, host/secmodel ×2, cpu/microcode, cpu/signature, cpu/counter, cpu/topology',
    ]);
  });

  it('reads the AMD host (QEMU 8.2) and assumes the newest OVMF, saying so', () => {
    const imported = ok(importVirshCapabilities(fixture('caps-amd-epyc.xml'), { name: 'epyc-1' }));
    expect(imported.host).toStrictEqual({ name: 'epyc-1', vendor: 'amd', physBits: 48, pdpe1gb: true, la57: false, qemu: '8.2', firmware: 'edk2-stable202608' });
    expect(imported.warnings[0]).toBe(
      'virsh capabilities does not say which OVMF package the host has: assumed edk2-stable202608 (the newest modelled; give --firmware TAG|PRESET or set it in the pool file)',
    );
  });

  it('lets --qemu override the machine types, and takes la57 from a listed feature or the model', () => {
    const vendor = "<model>Skylake-Client-IBRS</model><vendor>Intel</vendor><maxphysaddr mode='emulate' bits='39'/>";
    expect(ok(importVirshCapabilities(caps(vendor), { name: 'h', qemu: '9.1', firmware: 'edk2-stable202408' })).host.qemu).toBe('9.1');
    expect(ok(importVirshCapabilities(caps(`${vendor}<feature name='la57'/>`), { name: 'h', firmware: 'x' })).host.la57).toBe(true);
    expect(ok(importVirshCapabilities(caps("<model>SapphireRapids</model><vendor>Intel</vendor><maxphysaddr mode='emulate' bits='52'/>"), { name: 'h', firmware: 'x' })).host)
      .toMatchObject({ pdpe1gb: true, la57: true, physBits: 52 });
  });

  it('takes 1 GiB pages from the kernel\'s 1 GiB huge page size when neither model nor features list pdpe1gb', () => {
    const cpu = "<model>Haswell-noTSX</model><vendor>Intel</vendor><maxphysaddr mode='emulate' bits='39'/>";
    expect(ok(importVirshCapabilities(caps(cpu), { name: 'h', firmware: 'x' })).host.pdpe1gb).toBe(false);
    expect(ok(importVirshCapabilities(caps(`${cpu}<pages unit='KiB' size='1048576'/>`), { name: 'h', firmware: 'x' })).host.pdpe1gb).toBe(true);
  });

  it.each<[string, string, string]>([
    ['no <maxphysaddr> (libvirt before 8.7)', caps('<model>EPYC</model><vendor>AMD</vendor>'), 'c.xml: <host><cpu><maxphysaddr>: missing: libvirt reports the host\'s physical address bits from 8.7; give the host\'s /proc/cpuinfo instead'],
    ['an unknown vendor', caps("<vendor>Zhaoxin</vendor><maxphysaddr mode='emulate' bits='40'/>"), 'c.xml: <host><cpu><vendor>: "Zhaoxin" is not Intel, AMD or Hygon'],
    ['another root', '<domain/>', 'c.xml: the root element is <domain>, not <capabilities> (the output of virsh capabilities)'],
    ['an aarch64 host', '<capabilities><host><cpu><arch>aarch64</arch></cpu></host></capabilities>', 'c.xml: <host><cpu><arch>: "aarch64" is not modelled (x86_64)'],
  ])('rejects %s', (_what, text, message) => {
    expect(errorOf(importVirshCapabilities(text, { name: 'h' }, 'c.xml'))).toBe(message);
  });
});
