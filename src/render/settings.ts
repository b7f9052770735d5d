/** A phys-bits setting the way users apply it: QEMU -cpu properties, the libvirt element, and `pool check` flags. */
import type { PhysBitsSetting } from '../core/spec.js';

export interface AppliedSetting {
  /** e.g. "phys-bits=39 (fixed)" */
  readonly label: string;
  /** the `-cpu` properties to append to the CPU model */
  readonly qemu: string;
  /** the `<cpu>` child element (libvirt 8.7+, `limit` 9.3+) */
  readonly libvirt: string;
  /** the `gpa-planner pool check` flags that select it */
  readonly args: readonly string[];
}

export function applySetting(setting: PhysBitsSetting): AppliedSetting {
  if (setting.kind === 'fixed') {
    return {
      label: `phys-bits=${setting.physBits} (fixed)`,
      // host-phys-bits=off too: -cpu host/max turn it on by default since QEMU 6.0 and would ignore phys-bits (qemu.md §7.3).
      qemu: `-cpu <model>,host-phys-bits=off,phys-bits=${setting.physBits}`,
      libvirt: `<maxphysaddr mode='emulate' bits='${setting.physBits}'/>`,
      args: ['--phys-bits', String(setting.physBits)],
    };
  }
  if (setting.limit === null) {
    return { label: 'host-phys-bits=on', qemu: '-cpu <model>,host-phys-bits=on', libvirt: `<maxphysaddr mode='passthrough'/>`, args: ['--host-phys-bits'] };
  }
  return {
    label: `host-phys-bits=on, limit ${setting.limit}`,
    qemu: `-cpu <model>,host-phys-bits=on,host-phys-bits-limit=${setting.limit}`,
    libvirt: `<maxphysaddr mode='passthrough' limit='${setting.limit}'/>`,
    args: ['--host-phys-bits', '--host-phys-bits-limit', String(setting.limit)],
  };
}
