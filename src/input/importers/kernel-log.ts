/**
 * The kernel log (`dmesg`, `journalctl -k`) → the host IOMMU's IOVA width, from the registers Linux prints at boot:
 * VT-d `DMAR: dmar0: reg_base_addr … cap HEX ecap HEX` (older kernels `dmar: IOMMU 0: …`), AMD-Vi `AMD-Vi: Extended
 * features (0xEFR[, 0xEFR2]):` (the EFR first in every form). The DMAR table's `Host address width N` is not the IOVA
 * width (see iommu-width.ts) and is used only to say so when nothing else is there.
 * @see linux drivers/iommu/intel/dmar.c alloc_iommu, parse_dmar_table; drivers/iommu/amd/init.c print_iommu_info
 */
import { type IommuWidth, amdIommuWidth, vtdIommuWidth } from './iommu-width.js';

const VTD_UNIT = /\b(?:DMAR|dmar): (?:dmar\d+|IOMMU \d+): reg_base_addr [0-9a-f]+ ver \d+:\d+ cap ([0-9a-f]{1,16}) ecap [0-9a-f]+/gi;
const AMD_EFR = /\bAMD-Vi: Extended features \(0x([0-9a-f]{1,16})(?:, 0x[0-9a-f]+)?\)/gi;
const HOST_ADDRESS_WIDTH = /\b(?:DMAR|dmar): Host address width (\d+)/i;
/** A dmesg line's timestamp, or a journal line's `… kernel: `. */
const LOG_LINE = /^(?:\[\s*\d+\.\d+\]|\w{3} [ \d]\d \d\d:\d\d:\d\d \S+ kernel:)/m;

/** Whether a text is a kernel log: IOMMU boot lines, or lines in dmesg's or the journal's form. */
export function isKernelLogText(text: string): boolean {
  return new RegExp(VTD_UNIT.source, 'i').test(text) || new RegExp(AMD_EFR.source, 'i').test(text) || HOST_ADDRESS_WIDTH.test(text) || LOG_LINE.test(text);
}

export interface KernelLogIommu {
  /** One width per IOMMU unit line; empty when the log does not tell. */
  readonly widths: readonly IommuWidth[];
  readonly warnings: readonly string[];
}

/** The IOVA widths of the units a kernel log reports (a log may hold several boots: the last counts). */
export function kernelLogIommu(text: string): KernelLogIommu {
  const boot = lastBoot(text);
  const warnings: string[] = [];
  const widths: IommuWidth[] = [];
  const push = (width: IommuWidth | string) => {
    if (typeof width === 'string') warnings.push(width);
    else widths.push(width);
  };
  for (const match of boot.matchAll(VTD_UNIT)) push(vtdIommuWidth(BigInt(`0x${match[1]!}`)));
  for (const match of boot.matchAll(AMD_EFR)) push(amdIommuWidth(BigInt(`0x${match[1]!}`)));
  if (widths.length === 0) {
    const haw = HOST_ADDRESS_WIDTH.exec(boot);
    warnings.push(haw
      ? `has the DMAR table's "Host address width ${haw[1]}" but no "dmar0: reg_base_addr … cap …" line: the host address width is how far DMA reaches into host memory, not the IOMMU's IOVA width, so it gives no iommuBits`
      : 'has no IOMMU line ("DMAR: dmar0: reg_base_addr … cap …" or "AMD-Vi: Extended features (…)"): the IOMMU is off, or the lines were cut; it gives no iommuBits');
  }
  return { widths, warnings };
}

/** From the last kernel start on (`Linux version` at time 0), so that a journal of several boots counts the current one. */
function lastBoot(text: string): string {
  const starts = [...text.matchAll(/^.*\bLinux version \d/gm)];
  const last = starts.at(-1);
  return last?.index !== undefined ? text.slice(last.index) : text;
}
