/**
 * `--emit libvirt|qemu`: a phys-bits setting and the VM's fw_cfg files as what users paste back. The libvirt element is
 * the form that takes effect for the VM's CPU mode and libvirt release (qemu.md §9.2, §9.5, §12.5): `emulate bits='N'`
 * is ignored with host-passthrough or maximum on QEMU ≥ 6.0, where `passthrough limit='N'` (libvirt 9.3+) gives N on
 * every host at least N bits wide.
 */
import type { PhysBitsSetting } from '../core/spec.js';
import { type QemuVersion, compareVersions, formatVersion, isAtLeast } from '../core/qemu/versions.js';
import { applySetting } from './settings.js';

export interface EmitContext {
  /** QEMU's -cpu model (`host`, `max`, a named model), or null when not known. */
  readonly cpuModel: string | null;
  /** libvirt's `<cpu mode>`, or null when not known. */
  readonly libvirtMode: 'host-passthrough' | 'maximum' | 'host-model' | 'custom' | null;
  readonly libvirtVersion: QemuVersion | null;
  /** The QEMU releases the VM runs on (the pool's hosts). */
  readonly qemuVersions: readonly QemuVersion[];
}

export const QEMU_XMLNS = 'http://libvirt.org/schemas/domain/qemu/1.0';

const v = (major: number, minor: number): QemuVersion => ({ major, minor });

export function emitLibvirt(setting: PhysBitsSetting | null, fwCfg: Readonly<Record<string, string>>, context: EmitContext): string {
  if (setting === null) return '<!-- no phys-bits setting passes on every host: nothing to apply -->\n';
  const passthrough = isPassthrough(context);
  const qemu6 = context.qemuVersions.length === 0 || context.qemuVersions.some((q) => isAtLeast(q, 6, 0));
  const mode = context.libvirtMode ?? (context.cpuModel === 'host' ? 'host-passthrough' : context.cpuModel === 'max' ? 'maximum' : null);
  const cpu = mode ? `<cpu mode='${mode}'>` : '<cpu>';
  const lines: string[] = [];
  let element: string;
  let needs: QemuVersion;
  if (setting.kind === 'fixed' && passthrough && qemu6) {
    element = `<maxphysaddr mode='passthrough' limit='${setting.physBits}'/>`;
    needs = v(9, 3);
    lines.push(`<!-- phys-bits ${setting.physBits} for ${cpu}: emulate bits='${setting.physBits}' is ignored there (QEMU 6.0 and later keep host-phys-bits on); `
      + `passthrough with limit ${setting.physBits} gives the guest ${setting.physBits} bits on every host with at least ${setting.physBits} -->`);
  } else if (setting.kind === 'fixed') {
    element = `<maxphysaddr mode='emulate' bits='${setting.physBits}'/>`;
    needs = v(8, 7);
    lines.push(`<!-- ${applySetting(setting).label} for ${cpu}${mode === null ? `; with <cpu mode='host-passthrough'> or 'maximum' use <maxphysaddr mode='passthrough' limit='${setting.physBits}'/> instead (libvirt 9.3 or later)` : ''} -->`);
  } else {
    element = applySetting(setting).libvirt;
    needs = setting.limit === null ? v(8, 7) : v(9, 3);
    lines.push(`<!-- ${applySetting(setting).label} for ${cpu} -->`);
  }
  if (context.libvirtVersion !== null && compareVersions(context.libvirtVersion, needs) < 0) {
    lines.push(`<!-- libvirt ${formatVersion(context.libvirtVersion)} does not accept this element (it needs ${formatVersion(needs)} or later): upgrade libvirt${setting.kind === 'fixed' && passthrough && isAtLeast(context.libvirtVersion, 8, 7) ? `, or use <cpu mode='host-model'> with <maxphysaddr mode='emulate' bits='${setting.physBits}'/>` : ''} -->`);
  } else if (context.libvirtVersion === null) {
    lines.push(`<!-- needs libvirt ${formatVersion(needs)} or later; inside <cpu>, replacing any <maxphysaddr/>: -->`);
  } else {
    lines.push('<!-- inside <cpu>, replacing any <maxphysaddr/>: -->');
  }
  lines.push(element);
  const entries = Object.entries(fwCfg);
  if (entries.length > 0) {
    lines.push(
      `<!-- on <domain>: xmlns:qemu='${QEMU_XMLNS}'; inside <domain>, replacing any fw_cfg entry of the same name (in <qemu:commandline> or <sysinfo type='fwcfg'>): -->`,
      '<qemu:commandline>',
      ...entries.flatMap(([name, value]) => ["  <qemu:arg value='-fw_cfg'/>", `  <qemu:arg value='${xmlAttr(fwCfgArg(name, value))}'/>`]),
      '</qemu:commandline>',
    );
  }
  return `${lines.join('\n')}\n`;
}

export function emitQemu(setting: PhysBitsSetting | null, fwCfg: Readonly<Record<string, string>>, context: EmitContext): string {
  if (setting === null) return '# no phys-bits setting passes on every host: nothing to apply\n';
  const lines: string[] = [];
  if (setting.kind === 'host' && setting.limit !== null && context.qemuVersions.some((q) => !isAtLeast(q, 4, 0))) {
    lines.push('# host-phys-bits-limit needs QEMU 4.0 or later');
  }
  lines.push(applySetting(setting).qemu.replace('<model>', context.cpuModel ?? '<model>'));
  for (const [name, value] of Object.entries(fwCfg)) lines.push(`-fw_cfg ${fwCfgArg(name, value)}`);
  return `${lines.join('\n')}\n`;
}

function isPassthrough(context: EmitContext): boolean {
  if (context.libvirtMode !== null) return context.libvirtMode === 'host-passthrough' || context.libvirtMode === 'maximum';
  return context.cpuModel === 'host' || context.cpuModel === 'max';
}

/** QEMU's option syntax doubles commas inside values. */
function fwCfgArg(name: string, value: string): string {
  return `name=${name.replace(/,/g, ',,')},string=${value.replace(/,/g, ',,')}`;
}

function xmlAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/'/g, '&apos;');
}
