/** importDomainCapabilities: virsh domcapabilities → a pool host entry (fixtures: test/fixtures/domcaps/README.md). */
import { describe, expect, it } from 'vitest';
import { importDomainCapabilities } from '../../../src/input/importers/domain-capabilities.js';
import { detectFormat } from '../../../src/input/importers/detect.js';
import { errorOf, fixture, ok } from './helpers.js';

const intel = fixture('domcaps/intel-snowridge.xml');
const amd = fixture('domcaps/libvirt-qemu_11.0.0-q35.x86_64.xml');

describe('importDomainCapabilities', () => {
  it('is recognised by its root element', () => {
    expect(detectFormat(intel)).toBe('domain-capabilities');
  });

  it('reads the Intel host: host-model vendor, maxphysaddr limit 46, QEMU 8.1 from <machine>pc-i440fx-8.1', () => {
    const { host, warnings } = ok(importDomainCapabilities(intel, { name: 'desk', firmware: 'debian-12' }, 'intel.xml'));
    // Snowridge is not in the planner's model table and lists neither feature: both assumed off, with a warning.
    expect(host).toStrictEqual({ name: 'desk', vendor: 'intel', physBits: 46, pdpe1gb: false, la57: false, qemu: '8.1', firmware: 'debian-12' });
    expect(warnings).toStrictEqual([
      'host-model CPU Snowridge is not in the planner\'s table of models and lists no pdpe1gb or la57 feature: assumed without (set pdpe1gb and la57 in the pool file if not)',
      'QEMU release taken from <machine>pc-i440fx-8.1</machine> as 8.1: exact when virsh domcapabilities ran without --machine or with an alias (libvirt then names the binary\'s newest type), only a lower bound after --machine pc-i440fx-8.1; give --qemu X.Y if it differs',
    ]);
  });

  it('reads libvirt\'s EPYC-Turin test host: pdpe1gb from the model, la57 disabled, the fake loader paths named', () => {
    const { host, warnings } = ok(importDomainCapabilities(amd, { name: 'turin', qemu: '11.0', firmware: 'debian-13' }, 'amd.xml'));
    // EPYC-Turin is an EPYC model (pdpe1gb in its definition); <feature policy='disable' name='la57'/> takes la57 away.
    expect(host).toStrictEqual({ name: 'turin', vendor: 'amd', physBits: 64, pdpe1gb: true, la57: false, qemu: '11.0', firmware: 'debian-13' });
    expect(warnings).toStrictEqual([
      'firmware images listed (/obviously/fake/firmware1.fd, /obviously/fake/firmware2.fd; loader types rom, pflash; Secure Boot images among them): domain capabilities give no sizes or flash layouts, so the entry lists no images; add that host\'s firmware descriptors (--firmware-dir) for them',
    ]);
  });

  it('refuses what it cannot read, in one line naming the element', () => {
    const noLimit = intel.replace("<maxphysaddr mode='passthrough' limit='46'/>", '');
    expect(errorOf(importDomainCapabilities(noLimit, { name: 'h' }, 'd.xml'))).toBe(
      'd.xml: <cpu><mode name=\'host-model\'><maxphysaddr>: missing: only newer libvirt reports the host\'s physical address bits in domain capabilities; give the host\'s virsh capabilities (libvirt 8.7 or later) or /proc/cpuinfo instead',
    );
    expect(errorOf(importDomainCapabilities(intel.replace('<arch>x86_64</arch>', '<arch>aarch64</arch>'), { name: 'h' }, 'd.xml'))).toBe('d.xml: <arch>: "aarch64" is not modelled (allowed: x86_64)');
    expect(errorOf(importDomainCapabilities(intel.replace('<vendor>Intel</vendor>', '<vendor>VIA</vendor>'), { name: 'h' }, 'd.xml'))).toBe('d.xml: <mode name=\'host-model\'><vendor>: "VIA" is not Intel, AMD or Hygon');
    expect(errorOf(importDomainCapabilities(intel.replace("limit='46'", "limit='4x'"), { name: 'h' }, 'd.xml'))).toBe('d.xml: <maxphysaddr limit>: "4x" is not a whole number from 32 to 64');
    expect(errorOf(importDomainCapabilities('<capabilities/>', { name: 'h' }, 'd.xml'))).toBe('d.xml: the root element is <capabilities>, not <domainCapabilities> (the output of virsh domcapabilities)');
  });

  it('warns without KVM, and when the machine type tells no release', () => {
    const tcg = intel.replace('<domain>kvm</domain>', '<domain>qemu</domain>').replace('pc-i440fx-8.1', 'pc-q35-rhel9.4.0');
    const { host, warnings } = ok(importDomainCapabilities(tcg, { name: 'h', firmware: 'x' }, 'd.xml'));
    // No release known: hostEntry assumes the newest modelled and says so.
    expect(warnings.some((w) => w.startsWith(`virsh domcapabilities does not say which QEMU the host has: assumed ${host.qemu} (the newest modelled;`))).toBe(true);
    expect(warnings[0]).toMatch(/^<domain>qemu<\/domain>: these are the capabilities without KVM/);
    expect(warnings).toContain('<machine>pc-q35-rhel9.4.0</machine> does not tell the QEMU release (pc-q35-rhel9.4.0 is a RHEL machine type, whose compat settings differ from upstream\'s)');
  });
});
