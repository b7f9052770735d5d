/** emitLibvirt and emitQemu: a phys-bits setting as users apply it, in the form that takes effect (qemu.md §9.2, §12.5). */
import { describe, expect, it } from 'vitest';
import { type EmitContext, emitLibvirt, emitQemu } from '../../src/render/emit.js';

const context = (overrides: Partial<EmitContext> = {}): EmitContext => ({
  cpuModel: 'host', libvirtMode: 'host-passthrough', libvirtVersion: null, qemuVersions: [{ major: 7, minor: 2 }], ...overrides,
});
const elementOf = (text: string) => text.split('\n').find((line) => line.startsWith('<maxphysaddr'));

describe('emitLibvirt', () => {
  it.each<[string, Parameters<typeof emitLibvirt>[0], Partial<EmitContext>, string]>([
    ['a fixed width with host-passthrough on QEMU ≥ 6.0: passthrough with limit', { kind: 'fixed', physBits: 46 }, {}, "<maxphysaddr mode='passthrough' limit='46'/>"],
    ['a fixed width with maximum: passthrough with limit', { kind: 'fixed', physBits: 46 }, { cpuModel: 'max', libvirtMode: 'maximum' }, "<maxphysaddr mode='passthrough' limit='46'/>"],
    ['a fixed width with host-passthrough when every host runs QEMU < 6.0: emulate', { kind: 'fixed', physBits: 46 }, { qemuVersions: [{ major: 5, minor: 2 }] }, "<maxphysaddr mode='emulate' bits='46'/>"],
    ['a fixed width with host-model: emulate', { kind: 'fixed', physBits: 42 }, { cpuModel: null, libvirtMode: 'host-model' }, "<maxphysaddr mode='emulate' bits='42'/>"],
    ['a fixed width with -cpu host from a command line: passthrough with limit', { kind: 'fixed', physBits: 41 }, { libvirtMode: null }, "<maxphysaddr mode='passthrough' limit='41'/>"],
    ['host-phys-bits: passthrough', { kind: 'host', limit: null }, { cpuModel: 'EPYC', libvirtMode: 'custom' }, "<maxphysaddr mode='passthrough'/>"],
    ['host-phys-bits with a limit: passthrough with limit', { kind: 'host', limit: 39 }, {}, "<maxphysaddr mode='passthrough' limit='39'/>"],
  ])('%s', (_what, setting, overrides, element) => {
    expect(elementOf(emitLibvirt(setting, {}, context(overrides)))).toBe(element);
  });

  it('explains the host-passthrough pitfall and the libvirt release it needs', () => {
    expect(emitLibvirt({ kind: 'fixed', physBits: 46 }, {}, context())).toBe([
      "<!-- phys-bits 46 for <cpu mode='host-passthrough'>: emulate bits='46' is ignored there (QEMU 6.0 and later keep host-phys-bits on); passthrough with limit 46 gives the guest 46 bits on every host with at least 46 -->",
      '<!-- needs libvirt 9.3 or later; inside <cpu>, replacing any <maxphysaddr/>: -->',
      "<maxphysaddr mode='passthrough' limit='46'/>",
      '',
    ].join('\n'));
  });

  it('says when the known libvirt is too old, with the alternative for host-passthrough', () => {
    const text = emitLibvirt({ kind: 'fixed', physBits: 41 }, {}, context({ libvirtVersion: { major: 9, minor: 0 } }));
    expect(text.split('\n')[1]).toBe("<!-- libvirt 9.0 does not accept this element (it needs 9.3 or later): upgrade libvirt, or use <cpu mode='host-model'> with <maxphysaddr mode='emulate' bits='41'/> -->");
    expect(emitLibvirt({ kind: 'host', limit: null }, {}, context({ libvirtVersion: { major: 8, minor: 0 } })).split('\n')[1])
      .toBe('<!-- libvirt 8.0 does not accept this element (it needs 8.7 or later): upgrade libvirt -->');
  });

  it('names the host-passthrough form beside emulate when the CPU mode is not known', () => {
    expect(emitLibvirt({ kind: 'fixed', physBits: 39 }, {}, context({ cpuModel: null, libvirtMode: null })).split('\n')[0]).toBe(
      "<!-- phys-bits=39 (fixed) for <cpu>; with <cpu mode='host-passthrough'> or 'maximum' use <maxphysaddr mode='passthrough' limit='39'/> instead (libvirt 9.3 or later) -->",
    );
  });

  it('adds the knob as <qemu:commandline> with the namespace to declare, escaping commas and quotes', () => {
    const text = emitLibvirt({ kind: 'host', limit: null }, { 'opt/ovmf/X-PciMmio64Mb': '262144', 'opt/x': "a,b'c" }, context({ libvirtVersion: { major: 10, minor: 0 } }));
    expect(text.split('\n').slice(3)).toEqual([
      "<!-- on <domain>: xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'; inside <domain>, replacing any fw_cfg entry of the same name (in <qemu:commandline> or <sysinfo type='fwcfg'>): -->",
      '<qemu:commandline>',
      "  <qemu:arg value='-fw_cfg'/>",
      "  <qemu:arg value='name=opt/ovmf/X-PciMmio64Mb,string=262144'/>",
      "  <qemu:arg value='-fw_cfg'/>",
      "  <qemu:arg value='name=opt/x,string=a,,b&apos;c'/>",
      '</qemu:commandline>',
      '',
    ]);
  });

  it('says there is nothing to apply when no setting passes', () => {
    expect(emitLibvirt(null, {}, context())).toBe('<!-- no phys-bits setting passes on every host: nothing to apply -->\n');
  });
});

describe('emitQemu', () => {
  it('prints the -cpu properties on the VM\'s model and the -fw_cfg arguments', () => {
    expect(emitQemu({ kind: 'fixed', physBits: 46 }, { 'opt/ovmf/X-PciMmio64Mb': '262144' }, context())).toBe(
      '-cpu host,host-phys-bits=off,phys-bits=46\n-fw_cfg name=opt/ovmf/X-PciMmio64Mb,string=262144\n',
    );
    expect(emitQemu({ kind: 'host', limit: 39 }, {}, context({ cpuModel: null }))).toBe('-cpu <model>,host-phys-bits=on,host-phys-bits-limit=39\n');
  });

  it('says host-phys-bits-limit needs QEMU 4.0 when a host runs an older one', () => {
    expect(emitQemu({ kind: 'host', limit: 39 }, {}, context({ qemuVersions: [{ major: 3, minor: 1 }] })).split('\n')[0]).toBe('# host-phys-bits-limit needs QEMU 4.0 or later');
  });
});
