/** `gpa-planner reverse` as text: the reversed aperture beside what upstream OVMF does with the same width. */
import type { Plan } from '../core/plan.js';
import type { ReverseLayout } from '../core/ovmf/reverse-layout.js';
import { SEVERITY } from '../core/findings.js';
import { formatSize, hex } from './format.js';
import { findingMessage } from './messages.js';

export function reverseToText(reverse: ReverseLayout, upstream: Plan): string {
  const { ovmf } = upstream;
  const reversed = reverse.aperture
    ? `aperture [${hex(reverse.aperture.base)}, ${hex(reverse.limit)}): ${formatSize(reverse.aperture.size)}`
    : `no room: the firmware would halt (${formatSize(reverse.shortfall)} short)`;
  const actual = !ovmf
    ? 'OVMF does not run: QEMU refuses to start'
    : ovmf.pci64Aperture
      ? `${ovmf.window} window [${hex(ovmf.pci64Aperture.base)}, ${hex(ovmf.pci64Aperture.base + ovmf.pci64Aperture.size)}): ${formatSize(ovmf.pci64Aperture.size)}, PhysMemAddressWidth ${ovmf.physMemAddressWidth}${ovmf.cpuid.trusted ? '' : ' (width not trusted)'}`
      : `${ovmf.window === 'none' ? 'no 64-bit aperture (32-bit DXE)' : 'aperture disabled'}, PhysMemAddressWidth ${ovmf.physMemAddressWidth}`;
  const all = [...reverse.findings, ...upstream.findings];
  return [
    `Reversed layout for a trusted width of ${reverse.width} bits (2^${reverse.width} = ${hex(reverse.limit)})`,
    `  hotplug end ${hex(reverse.hotplugEnd)}${upstream.qemu.reservedMemoryEnd === null ? ' (top of RAM: no etc/reserved-memory-end)' : ' (etc/reserved-memory-end)'}, 1 GiB-aligned ${hex(reverse.base)}`,
    `  reversed: ${reversed}`,
    `  upstream OVMF ${upstream.vm.firmware.edk2} with phys-bits ${reverse.width}: ${actual}`,
    '',
    ...(all.length === 0 ? ['Findings: none'] : ['Findings:', ...all.map((f) => `  ${SEVERITY[f.code].padEnd(7)} ${f.code}: ${findingMessage(f)}`)]),
  ].join('\n') + '\n';
}
