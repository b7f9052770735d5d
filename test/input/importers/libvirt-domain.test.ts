/** importLibvirtDomain: libvirt domain XML → the VM file, with warnings for what it cannot say (qemu.md §9). */
import { describe, expect, it } from 'vitest';
import { importLibvirtDomain } from '../../../src/input/importers/libvirt-domain.js';
import { errorOf, fixture, ok } from './helpers.js';

/** A minimal domain around the given parts of <domain>. */
function domain(parts: { cpu?: string; memory?: string; os?: string; devices?: string; extra?: string; rootAttrs?: string } = {}): string {
  return `<domain type='kvm'${parts.rootAttrs ?? ''}>
  <name>t</name>
  ${parts.memory ?? "<memory unit='KiB'>4194304</memory>"}
  <os>${parts.os ?? "<type arch='x86_64' machine='pc-q35-8.2'>hvm</type><loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.fd</loader>"}</os>
  ${parts.cpu ?? ''}
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator>${parts.devices ?? ''}</devices>
  ${parts.extra ?? ''}
</domain>`;
}

const cpuOf = (xml: string) => ok(importLibvirtDomain(xml, 't.xml')).vm.cpu;
const warningsOf = (xml: string) => ok(importLibvirtDomain(xml, 't.xml')).warnings;

describe('importLibvirtDomain on the q35 GPU fixture', () => {
  const imported = ok(importLibvirtDomain(fixture('domain-q35-gpu.xml'), 'domain-q35-gpu.xml'));

  it('reads the VM: -m size is the NUMA total (64 GiB of 80), maxmem and slots from <maxMemory>, the knob from <qemu:commandline>', () => {
    expect(imported.vm).toStrictEqual({
      name: 'gpu-worker-1',
      description: 'CUDA worker with one passed-through GPU',
      machine: 'q35',
      machineVersion: '7.2',
      memory: '64G',
      maxmem: '256G',
      slots: 4,
      // Issue 17: no la57, which is the host's and not known here (a warning says so).
      cpu: { hostPhysBits: true, pdpe1gb: true },
      firmware: { pci64Mb: '262144', loader: 'pflash', code: '/usr/share/OVMF/OVMF_CODE_4M.fd', vars: '/usr/share/OVMF/OVMF_VARS_4M.fd' },
    });
  });

  it('keeps host-passthrough for --emit', () => {
    expect(imported.cpu).toEqual({ model: 'host', libvirtMode: 'host-passthrough' });
  });

  it('warns about the GPU, the firmware release and everything else it does not model', () => {
    expect(imported.warnings).toEqual([
      'la57 (5-level paging): with <cpu mode=\'host-passthrough\'> the guest has it only where the host has it, and the input does not say the host\'s; left off (the default), not assumed: set cpu.la57 to true for hosts with la57 (pool check then gives it only to those)',
      'firmware /usr/share/OVMF/OVMF_CODE_4M.fd: the edk2 release it holds is the host\'s package; plan assumes the newest modelled unless --firmware TAG|PRESET is given',
      'PCI device passed through (<hostdev> 0000:41:00.0): its BAR sizes are not modelled; its 64-bit BARs must fit OVMF\'s 64-bit aperture (see ovmf.pci64 in the plan)',
      'not modelled: vcpu, features, clock, on_poweroff, on_reboot, on_crash, pm, os/boot, cpu/topology, devices/disk, devices/controller ×8, devices/interface, devices/serial, devices/console, devices/memballoon',
    ]);
  });
});

describe('importLibvirtDomain on the SeaBIOS-era pc fixture', () => {
  const imported = ok(importLibvirtDomain(fixture('domain-pc-seabios.xml'), 'domain-pc-seabios.xml'));

  it('reads pc-i440fx-2.11, the vendor a custom model requires, and pcihole64 in KiB', () => {
    expect(imported.vm).toStrictEqual({
      name: 'legacy-erp', machine: 'pc', machineVersion: '2.11', memory: '8G', pciHole64Size: '4G',
      // <cpu mode='custom'><vendor>Intel</vendor>: libvirt passes vendor=GenuineIntel, so the guest sees Intel everywhere.
      cpu: { vendor: 'intel', vendorPinned: true, pdpe1gb: true, la57: false },
    });
    expect(imported.cpu).toEqual({ model: 'Haswell-noTSX-IBRS', libvirtMode: 'custom' });
  });

  it('says the balloon target is not the layout and that SeaBIOS is not OVMF', () => {
    expect(imported.warnings.slice(0, 2)).toEqual([
      '<currentMemory> 6G is the balloon\'s target; the layout follows <memory>',
      'no <loader> and no firmware=\'efi\': the VM boots SeaBIOS, so the OVMF half of the plan does not apply',
    ]);
  });
});

describe('importLibvirtDomain on the host-model fixture', () => {
  const imported = ok(importLibvirtDomain(fixture('domain-q35-hostmodel.xml'), 'domain-q35-hostmodel.xml'));

  it('takes emulate bits with host-model (a named model), the knob from <sysinfo type=\'fwcfg\'>, pcihole64 in G', () => {
    expect(imported.vm).toStrictEqual({
      name: 'web-frontend', machine: 'q35', memory: '16G', pciHole64Size: '64G',
      cpu: { physBits: 42, pdpe1gb: true, la57: false },
      firmware: { pci64Mb: '65536' },
    });
  });

  it('leaves the version of the q35 alias out and says so, as it does for a file-backed fw_cfg entry and ivshmem', () => {
    expect(imported.warnings.slice(0, 4)).toEqual([
      'machine type "q35" is an alias for the newest pc-q35 of the QEMU that starts the VM, whose release is not known here: machineVersion is left out (plan uses the QEMU version, pool check the oldest host\'s QEMU)',
      '<os firmware=\'efi\'>: libvirt picks the OVMF images from the host\'s firmware descriptors, so they are each host\'s',
      'fw_cfg opt/com.example/boot-banner comes from file /etc/libvirt/banner.txt, whose content is not read: not modelled',
      '<shmem name=\'looking-glass\'> (ivshmem): its shared-memory BAR is not modelled; it must fit OVMF\'s 64-bit aperture',
    ]);
  });
});

describe('<maxphysaddr> (qemu.md §9.2)', () => {
  const custom = (max: string) => `<cpu mode='custom'><model>Skylake-Server-IBRS</model>${max}</cpu>`;
  const passthrough = (max: string) => `<cpu mode='host-passthrough'>${max}</cpu>`;

  it.each<[string, string, object]>([
    ['passthrough → host-phys-bits=on', custom("<maxphysaddr mode='passthrough'/>"), { hostPhysBits: true }],
    ['passthrough limit → host-phys-bits-limit', custom("<maxphysaddr mode='passthrough' limit='39'/>"), { hostPhysBits: true, hostPhysBitsLimit: 39 }],
    ['emulate bits with a named model → phys-bits', custom("<maxphysaddr mode='emulate' bits='42'/>"), { physBits: 42 }],
    ['emulate without bits → host-phys-bits=off (QEMU\'s 40)', passthrough("<maxphysaddr mode='emulate'/>"), {}],
    ['emulate bits with host-passthrough on QEMU ≥ 6.0 → host-phys-bits stays on', passthrough("<maxphysaddr mode='emulate' bits='42'/>"), { hostPhysBits: true }],
    ['nothing with host-passthrough on QEMU ≥ 6.0 → host-phys-bits', passthrough(''), { hostPhysBits: true }],
    ['nothing with a named model → QEMU\'s 40', custom(''), {}],
  ])('%s', (_what, cpu, expected) => {
    const result = cpuOf(domain({ cpu }))!;
    expect({ physBits: result.physBits, hostPhysBits: result.hostPhysBits, hostPhysBitsLimit: result.hostPhysBitsLimit }).toEqual({
      physBits: undefined, hostPhysBits: undefined, hostPhysBitsLimit: undefined, ...expected,
    });
  });

  it('says why emulate bits is ignored with host-passthrough (the pitfall of §9.2)', () => {
    expect(warningsOf(domain({ cpu: passthrough("<maxphysaddr mode='emulate' bits='42'/>") }))).toContain(
      '<maxphysaddr mode=\'emulate\' bits=\'42\'/> is ignored: with <cpu mode=\'host-passthrough\'> host-phys-bits is on, so QEMU gives the guest the host\'s width (and warns "Host physical bits (N) does not match phys-bits property"); modelled as host-phys-bits',
    );
  });

  it('keeps emulate bits with host-passthrough on a QEMU before 6.0, known from the emulator path', () => {
    const xml = domain({ cpu: passthrough("<maxphysaddr mode='emulate' bits='42'/>"), os: "<type arch='x86_64' machine='pc-q35-5.2'>hvm</type>" })
      .replace('/usr/bin/qemu-system-x86_64', '/opt/qemu-5.2.0/bin/qemu-system-x86_64');
    expect(cpuOf(xml)).toEqual({ physBits: 42, pdpe1gb: true });
  });

  it('rejects what libvirt rejects: passthrough with bits', () => {
    expect(errorOf(importLibvirtDomain(domain({ cpu: passthrough("<maxphysaddr mode='passthrough' bits='42'/>") }), 't.xml'))).toBe(
      't.xml: <maxphysaddr>: CPU maximum physical address bits number specification cannot be used with mode=\'passthrough\'',
    );
  });
});

describe('importLibvirtDomain memory', () => {
  it('subtracts memory devices from <memory> when there is no NUMA, in their units', () => {
    const xml = domain({
      memory: "<maxMemory slots='2' unit='GiB'>32</maxMemory><memory unit='GiB'>12</memory>",
      devices: "<memory model='dimm'><target><size unit='MiB'>4096</size><node>0</node></target></memory>",
    });
    expect(ok(importLibvirtDomain(xml, 't.xml')).vm).toMatchObject({ memory: '8G', maxmem: '32G', slots: 2 });
  });

  it('writes sizes that are not whole GiB in the largest exact unit', () => {
    expect(ok(importLibvirtDomain(domain({ memory: "<memory unit='KiB'>219136</memory>" }), 't.xml')).vm.memory).toBe('214M');
    expect(ok(importLibvirtDomain(domain({ memory: "<memory unit='KiB'>1000001</memory>" }), 't.xml')).vm.memory).toBe('1000001K');
  });
});

describe('importLibvirtDomain fw_cfg and globals through <qemu:commandline>', () => {
  it('reads -fw_cfg and -global q35-pcihost.pci-hole64-size under any namespace prefix', () => {
    const xml = domain({
      rootAttrs: " xmlns:q='http://libvirt.org/schemas/domain/qemu/1.0'",
      extra: `<q:commandline><q:arg value='-fw_cfg'/><q:arg value='name=opt/org.tianocore/PagingLevel,string=5'/>
        <q:arg value='-global'/><q:arg value='q35-pcihost.pci-hole64-size=512G'/><q:arg value='-device'/><q:arg value='ivshmem-plain,memdev=x'/></q:commandline>`,
    });
    const imported = ok(importLibvirtDomain(xml, 't.xml'));
    expect(imported.vm).toMatchObject({ pciHole64Size: '512G', firmware: { fwCfg: { 'opt/org.tianocore/PagingLevel': '5' } } });
    expect(imported.warnings).toContain('<q:commandline> passes -device ivshmem-plain, not modelled');
  });
});

describe('importLibvirtDomain rejections', () => {
  it.each<[string, string, string]>([
    ['a root other than <domain>', '<domainCapabilities/>', 't.xml: the root element is <domainCapabilities>, not <domain> (the output of virsh dumpxml)'],
    ['a Xen domain', "<domain type='xen'/>", 't.xml: <domain type>: "xen" is not a QEMU domain (kvm or qemu)'],
    ['an unknown machine type', domain({ os: "<type arch='x86_64' machine='microvm'>hvm</type>" }), 't.xml: <os><type machine>: machine type "microvm" is not modelled (allowed: pc-q35-X.Y, pc-i440fx-X.Y, q35, pc)'],
    ['another architecture', domain({ os: "<type arch='aarch64' machine='virt'>hvm</type>" }), 't.xml: <os><type arch>: "aarch64" is not modelled (x86_64)'],
    ['a bad memory unit', domain({ memory: "<memory unit='KiBi'>4</memory>" }), 't.xml: <memory>: unit "KiBi" is not one of b, bytes, KiB, KB, MiB, MB, GiB, GB, TiB, TB, PiB, PB, EiB, EB'],
  ])('rejects %s', (_what, xml, message) => {
    expect(errorOf(importLibvirtDomain(xml, 't.xml'))).toBe(message);
  });
});
