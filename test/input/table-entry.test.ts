/**
 * Names a user writes, looked up in the importers' fixed tables, never find what every JavaScript object inherits:
 * "constructor", "toString" and "__proto__" are text like any other, refused or passed on in the importer's own words.
 * Before, a vendor "constructor" failed later in zod's words, `&constructor;` expanded to a function's source text,
 * and `-global constructor.…` was read as the i440fx host bridge.
 */
import { describe, expect, it } from 'vitest';
import { importCpuinfo } from '../../src/input/importers/cpuinfo.js';
import { importDomainCapabilities } from '../../src/input/importers/domain-capabilities.js';
import { importLibvirtDomain } from '../../src/input/importers/libvirt-domain.js';
import { machineName } from '../../src/input/importers/machine-type.js';
import { importProxmoxConfig } from '../../src/input/importers/proxmox-vm.js';
import { importQemuArgv } from '../../src/input/importers/qemu-argv.js';
import { importVirshCapabilities } from '../../src/input/importers/virsh-capabilities.js';
import { parseXml } from '../../src/input/importers/xml.js';
import { errorOf, fixture, ok } from './importers/helpers.js';

const caps = fixture('caps-intel-xeon.xml');
const domcaps = fixture('domcaps/intel-snowridge.xml');
const domain = fixture('domain-pc-seabios.xml');

describe.each(['constructor', 'toString', '__proto__'])('the name %s', (name) => {
  it('is no CPU vendor: virsh capabilities, domcapabilities, a custom domain CPU, /proc/cpuinfo, QEMU\'s -cpu vendor=', () => {
    expect(errorOf(importVirshCapabilities(caps.replace('<vendor>Intel</vendor>', `<vendor>${name}</vendor>`), { name: 'h' }, 'c.xml')))
      .toBe(`c.xml: <host><cpu><vendor>: "${name}" is not Intel, AMD or Hygon`);
    expect(errorOf(importDomainCapabilities(domcaps.replace('<vendor>Intel</vendor>', `<vendor>${name}</vendor>`), { name: 'h' }, 'd.xml')))
      .toBe(`d.xml: <mode name='host-model'><vendor>: "${name}" is not Intel, AMD or Hygon`);
    expect(errorOf(importLibvirtDomain(domain.replace('<vendor>Intel</vendor>', `<vendor>${name}</vendor>`), 'vm.xml')))
      .toBe(`vm.xml: <cpu><vendor>: "${name}" is not Intel, AMD or Hygon`);
    expect(errorOf(importCpuinfo(`processor : 0\nvendor_id : ${name}\nflags : lm\naddress sizes : 39 bits physical, 48 bits virtual\n`, { name: 'h' }, 'cpuinfo')))
      .toBe(`cpuinfo: vendor: "${name}" is not GenuineIntel, AuthenticAMD or HygonGenuine`);
    expect(errorOf(importQemuArgv(['qemu-system-x86_64', '-cpu', `qemu64,vendor=${name}`])))
      .toBe(`command line: -cpu vendor: "${name}" is not GenuineIntel, AuthenticAMD or HygonGenuine`);
  });

  it('is no XML entity, no host bridge and no deprecated Proxmox CPU model', () => {
    expect(errorOf(parseXml(`<domain><name>&${name};</name></domain>`, 'd.xml'))).toBe(`d.xml: uses the undeclared entity &${name}; (entities are never expanded)`);
    const global = ok(importQemuArgv(['qemu-system-x86_64', '-machine', 'q35', '-m', '8G', '-global', `${name}.pci-hole64-size=4G`]));
    expect(global.warnings).toContain(`not modelled: -global ${name}.pci-hole64-size`);
    expect(errorOf(importProxmoxConfig(`cpu: ${name}\n`, 'vm.conf')).startsWith(`vm.conf: cpu ${name}: is not in qemu-server's built-in list of x86_64 models`)).toBe(true);
  });
});

it('"constructor" is no Ubuntu release: the machine type has no version, and the warning lists the ones known', () => {
  // Ubuntu's codenames are lowercase letters (pc-q35-noble), so of the three names only this one reaches the table.
  expect(machineName('pc-q35-constructor')).toEqual({
    machine: 'q35', version: null, alias: false, hpb: false, unknownVersion: 'Ubuntu\'s pc-q35-constructor: the planner knows bionic, focal, jammy, noble',
  });
});
