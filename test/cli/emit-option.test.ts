/**
 * `pool check` and `pool recommend` on imported inputs, and `--emit`: what it prints, applied to the domain XML (or the
 * command line), makes the check pass (issue 6, "Done when").
 */
import { describe, expect, it } from 'vitest';
import { cli } from './run-cli.js';
import { CLI_TIMEOUT, fixturePath, fixtureText, scratchFile } from './fixtures.js';

// Issue 17: a move between Intel and AMD now fails whatever the width (the guest's vendor would change), so the second
// host is the EPYC's capabilities with the vendor written as Intel: a 48-bit host beside the 46-bit Xeon, which is
// what these tests are about.
const wide = scratchFile('caps-wide.xml', fixtureText('caps-amd-epyc.xml').replace('<vendor>AMD</vendor>', '<vendor>Intel</vendor>'));
const hosts = ['--host-caps', fixturePath('caps-intel-xeon.xml'), '--host-caps', wide, '--firmware', 'debian-12'];

/** Puts the <maxphysaddr/> line of an --emit libvirt output into the domain's <cpu>, and its <qemu:commandline> block in place of the old one. */
function applyLibvirt(domain: string, emitted: string): string {
  const lines = emitted.split('\n');
  const element = lines.find((line) => line.startsWith('<maxphysaddr'))!;
  const start = lines.indexOf('<qemu:commandline>');
  const block = lines.slice(start, lines.indexOf('</qemu:commandline>') + 1).join('\n');
  let xml = domain.replace(/\s*<maxphysaddr[^>]*\/>/, '');
  xml = xml.replace(/<cpu ([^>]*?)\/>/, '<cpu $1></cpu>').replace(/(<cpu [^>]*>)/, `$1\n    ${element}`);
  xml = xml.replace(/<qemu:commandline>[\s\S]*?<\/qemu:commandline>\s*/, '');
  if (!/xmlns:qemu=/.test(xml)) xml = xml.replace('<domain ', "<domain xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0' ");
  return xml.replace('</domain>', `${block}\n</domain>`);
}

describe('pool check of the GPU domain on a 46-bit and a 48-bit host', { timeout: CLI_TIMEOUT }, () => {
  it('fails as it stands: host-passthrough gives the guest 46 bits on one and 48 on the other', () => {
    const { status, stdout } = cli(['pool', 'check', '--vm-xml', fixturePath('domain-q35-gpu.xml'), ...hosts]);
    expect(status).toBe(1);
    expect(stdout).toMatch(/^Pool check of host-phys-bits=on on 2 machines in 2 host groups\n/);
    expect(stdout).toContain('error   pool_migration_width_shrinks [g2->g1: caps-wide, caps-intel-xeon]');
    expect(stdout).toMatch(/\nVerdict: FAIL\n$/);
  });

  it('passes once the --emit libvirt output of pool recommend is applied to the domain XML', () => {
    const emitted = cli(['pool', 'recommend', '--vm-xml', fixturePath('domain-q35-gpu.xml'), ...hosts, '--emit', 'libvirt']);
    expect(emitted.status).toBe(0);
    expect(emitted.stdout).toContain("\n<maxphysaddr mode='passthrough' limit='46'/>\n");
    const applied = scratchFile('gpu-worker-1.xml', applyLibvirt(fixtureText('domain-q35-gpu.xml'), emitted.stdout));
    expect(JSON.parse(cli(['import', 'vm', applied]).stdout).cpu).toStrictEqual({ hostPhysBits: true, hostPhysBitsLimit: 46, pdpe1gb: true });
    const check = cli(['pool', 'check', '--vm-xml', applied, ...hosts]);
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/^Pool check of host-phys-bits=on, limit 46 on 2 machines/);
    expect(check.stdout).toMatch(/\nVerdict: PASS\n$/);
  });

  it('would still fail with the emulate form, which QEMU ignores with host-passthrough (qemu.md §9.2)', () => {
    const naive = fixtureText('domain-q35-gpu.xml').replace(/(<cpu [^>]*>)/, "$1\n    <maxphysaddr mode='emulate' bits='46'/>");
    expect(cli(['pool', 'check', '--vm-xml', scratchFile('naive.xml', naive), ...hosts]).status).toBe(1);
  });

  it('passes once the --emit libvirt output for a new knob is applied: both the element and the <qemu:commandline> entry', () => {
    const emitted = cli(['pool', 'recommend', '--vm-xml', fixturePath('domain-q35-gpu.xml'), ...hosts, '--pci64-mb', '131072', '--emit', 'libvirt']);
    expect(emitted.stdout).toContain("  <qemu:arg value='name=opt/ovmf/X-PciMmio64Mb,string=131072'/>\n");
    const applied = scratchFile('gpu.xml', applyLibvirt(fixtureText('domain-q35-gpu.xml'), emitted.stdout));
    expect(JSON.parse(cli(['import', 'vm', applied]).stdout).firmware.pci64Mb).toBe('131072');
    expect(cli(['pool', 'check', '--vm-xml', applied, ...hosts]).status).toBe(0);
  });

  it('passes once the --emit qemu -cpu of pool recommend replaces the command line\'s', () => {
    const emitted = cli(['pool', 'recommend', '--qemu-cmdline', fixturePath('qemu-q35-gpu.log'), ...hosts, '--emit', 'qemu']);
    expect(emitted.stdout).toBe('-cpu host,host-phys-bits=off,phys-bits=46\n-fw_cfg name=opt/ovmf/X-PciMmio64Mb,string=262144\n');
    const cpu = emitted.stdout.split('\n')[0]!.slice('-cpu '.length);
    const log = fixtureText('qemu-q35-gpu.log').replace('-cpu host,migratable=on \\\n-m size=67108864k,slots=4', `-cpu ${cpu} \\\n-m size=67108864k,slots=4`);
    expect(cli(['pool', 'check', '--qemu-cmdline', scratchFile('qemu.log', log), ...hosts]).status).toBe(0);
  });
});

describe('--emit', { timeout: CLI_TIMEOUT }, () => {
  it('prints the checked setting for pool check, in the form of the VM\'s CPU mode', () => {
    const { status, stdout } = cli(['pool', 'check', '--vm-xml', fixturePath('domain-q35-hostmodel.xml'), ...hosts, '--emit', 'libvirt']);
    expect(status).toBe(0);
    expect(stdout.split('\n').slice(0, 3)).toEqual([
      "<!-- phys-bits=42 (fixed) for <cpu mode='host-model'> -->",
      '<!-- needs libvirt 8.7 or later; inside <cpu>, replacing any <maxphysaddr/>: -->',
      "<maxphysaddr mode='emulate' bits='42'/>",
    ]);
  });

  it('takes the libvirt release from a libvirt log and says what that release cannot do', () => {
    const { stdout } = cli(['pool', 'recommend', '--qemu-cmdline', fixturePath('qemu-q35-gpu.log'), ...hosts, '--emit', 'libvirt']);
    expect(stdout.split('\n')[1]).toBe("<!-- libvirt 9.0 does not accept this element (it needs 9.3 or later): upgrade libvirt, or use <cpu mode='host-model'> with <maxphysaddr mode='emulate' bits='46'/> -->");
    const newer = cli(['pool', 'recommend', '--qemu-cmdline', fixturePath('qemu-q35-gpu.log'), ...hosts, '--emit', 'libvirt', '--libvirt-version', '10.0']);
    expect(newer.stdout.split('\n')[1]).toBe('<!-- inside <cpu>, replacing any <maxphysaddr/>: -->');
  });

  // Issue 17: what a failing setting would print looked like advice.
  it('prints nothing to paste for a failing setting: one line on stderr saying it fails, exit 1', () => {
    for (const format of ['qemu', 'libvirt']) {
      const check = cli(['pool', 'check', '--pool-preset', 'uniform-intel-46', '--memory', '8G', '--phys-bits', '47', '--emit', format]);
      expect([check.status, check.stdout]).toEqual([1, '']);
      expect(check.stderr).toBe('gpa-planner: phys-bits=47 (fixed) fails the pool check, so --emit prints nothing to apply; run pool check without --emit for the findings\n');
    }
    const recommend = cli(['pool', 'recommend', '--pool-preset', 'mixed-39-46-48', '--preset', 'gpu-4x', '--emit', 'qemu']);
    expect([recommend.status, recommend.stdout]).toEqual([1, '']);
    expect(recommend.stderr).toBe('gpa-planner: no phys-bits setting passes the pool check, so --emit prints nothing to apply; run pool recommend without --emit for the findings\n');
  });

  it('exits 2 for an unknown format, with --json, and for --libvirt-version alone', () => {
    const base = ['pool', 'check', '--pool-preset', 'mixed-39-46-48', '--memory', '4G'];
    expect(cli([...base, '--emit', 'xml']).stderr).toBe('gpa-planner: --emit: "xml" is not one of libvirt, qemu\n');
    expect(cli([...base, '--emit', 'qemu', '--json']).stderr).toBe('gpa-planner: --emit: prints what to apply; give either --emit or --json\n');
    expect(cli([...base, '--libvirt-version', '9.3']).stderr).toBe('gpa-planner: --libvirt-version: applies only with --emit libvirt\n');
  });
});
