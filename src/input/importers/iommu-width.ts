/**
 * The host IOMMU's input-address (IOVA) width from its registers: the guest-physical addresses VFIO maps for a
 * passed-through device's DMA must lie below 2^width, or the map fails (`vfio_container_dma_map = -22`).
 *
 * Intel VT-d: the capability register's MGAW (bits 21:16, width = MGAW + 1) and SAGAW (bits 12:8, the page-table depths
 * the unit walks: bit 1 = 3 levels = 39 bits, bit 2 = 48, bit 3 = 57). Linux gives a domain min(width of the deepest
 * supported depth up to 57 bits, MGAW). That is the second-stage (legacy) domain; a scalable-mode kernel that gives
 * VFIO first-stage tables limits IOVAs to one bit less (aperture_end = __DOMAIN_MAX_ADDR(gaw - 1)), which the
 * capability register cannot tell. The ACPI DMAR table's "Host address width" (HAW) is the width of the host physical
 * addresses DMA can reach, not this input width, and is not used.
 * @see linux drivers/iommu/intel/iommu.h cap_mgaw, cap_sagaw; drivers/iommu/intel/iommu.c __iommu_calculate_agaw,
 *   agaw_to_width, paging_domain_alloc ("calculate the address width"); drivers/iommu/intel/dmar.c parse_dmar_table
 *
 * AMD-Vi: the extended feature register's HATS (bits 11:10), the host page-table levels the unit walks: 4 + HATS, each
 * level 9 bits over 4 KiB pages (PM_LEVEL_SHIFT = 12 + 9 × level), 6 levels covering all 64 bits; HATS = 11b is
 * reserved (Linux then disables host translation).
 * @see linux drivers/iommu/amd/amd_iommu_types.h FEATURE_HATS, PM_LEVEL_SHIFT, PM_LEVEL_SIZE;
 *   drivers/iommu/amd/init.c early_amd_iommu_init (amd_iommu_hpt_level = efr_hats + PAGE_MODE_4_LEVEL)
 */
import { type InputError, inputError } from '../input-error.js';

/** The widest IOVA Linux asks a VT-d unit for: DEFAULT_DOMAIN_ADDRESS_WIDTH, 5-level tables (drivers/iommu/intel/iommu.c). */
const VTD_DEFAULT_DOMAIN_WIDTH = 57;

/** An IOMMU's IOVA width, and what it was read from. */
export interface IommuWidth {
  readonly bits: number;
  /** e.g. `VT-d cap 8d2078c106f0466: MGAW 48, SAGAW 4-level` */
  readonly from: string;
}

/** The IOVA width of a VT-d unit from its capability register, or the reason there is none. */
export function vtdIommuWidth(cap: bigint): IommuWidth | string {
  const mgaw = Number((cap >> 16n) & 0x3fn) + 1;
  const sagaw = Number((cap >> 8n) & 0x1fn);
  // agaw 0..3 = 30, 39, 48, 57 bits (agaw_to_width: 30 + 9 × agaw); the deepest supported one up to 57 bits.
  let agaw = (VTD_DEFAULT_DOMAIN_WIDTH - 30) / 9;
  while (agaw >= 0 && (sagaw & (1 << agaw)) === 0) agaw--;
  const hex = cap.toString(16);
  if (agaw < 0) return `VT-d cap ${hex} supports no page-table depth (SAGAW ${sagaw}): Linux does no DMA translation with this unit`;
  const tables = 30 + 9 * agaw;
  return { bits: Math.min(tables, mgaw), from: `VT-d cap ${hex}: MGAW ${mgaw}, ${agaw + 2}-level tables (${tables} bits)` };
}

/** The IOVA width of an AMD-Vi unit from its extended feature register, or the reason there is none. */
export function amdIommuWidth(efr: bigint): IommuWidth | string {
  const hats = Number((efr >> 10n) & 3n);
  const hex = efr.toString(16);
  if (hats === 3) return `AMD-Vi EFR ${hex} has HATS 11b, which is reserved: Linux disables host translation`;
  const levels = 4 + hats;
  return { bits: levels >= 6 ? 64 : 12 + 9 * levels, from: `AMD-Vi EFR ${hex}: HATS ${hats}, ${levels}-level tables` };
}

/** The narrowest of several units' widths (a device behind any of them may be passed through), with a warning when they differ. */
export function narrowestWidth(widths: readonly IommuWidth[]): { bits: number; warning: string | null } | null {
  if (widths.length === 0) return null;
  const bits = Math.min(...widths.map((w) => w.bits));
  const distinct = new Set(widths.map((w) => w.bits));
  return { bits, warning: distinct.size > 1 ? `the IOMMU units differ in width (${[...distinct].join(', ')} bits): the narrowest, ${bits}, is used` : null };
}

/**
 * `/sys/class/iommu/dmar*\/intel-iommu/cap`, one unit per line (the kernel prints `%llx`; several files may be
 * concatenated): each line's width.
 * @see linux drivers/iommu/intel/iommu.c cap_show
 */
export function readVtdCapFile(text: string, source: string): IommuWidth[] | InputError {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  if (lines.length === 0) return inputError(source, 'is empty: give the content of /sys/class/iommu/dmar*/intel-iommu/cap');
  const widths: IommuWidth[] = [];
  for (const line of lines) {
    const hex = line.replace(/^0x/i, '');
    if (!/^[0-9a-f]{1,16}$/i.test(hex)) return inputError(source, `${JSON.stringify(line.slice(0, 40))} is not a VT-d capability register (a hex number, as /sys/class/iommu/dmar*/intel-iommu/cap holds)`);
    const width = vtdIommuWidth(BigInt(`0x${hex}`));
    if (typeof width === 'string') return inputError(source, width);
    widths.push(width);
  }
  return widths;
}
