/**
 * The flash layouts of OVMF builds: image sizes and the varstore's inner layout, which differ between the
 * FD_SIZE_2MB and FD_SIZE_4MB builds so much that a CODE image of one cannot use a varstore of the other (seed 000).
 */
import { KiB } from '../units.js';
import type { FlashLayout } from '../spec.js';

export interface FlashLayoutFacts {
  /** OVMF_CODE.fd: `FD_SIZE_IN_KB` minus the varstore (OvmfPkg/OvmfPkgDefines.fdf.inc). */
  readonly codeSize: bigint;
  /** OVMF_VARS.fd: the whole non-volatile data storage (OvmfPkg/OvmfPkgDefines.fdf.inc `VARS_SIZE`). */
  readonly varsSize: bigint;
  /** The variable store inside it (seed 000, from edk2 b24fca05751f). */
  readonly variableStore: bigint;
  /** The fault-tolerant-write spare area inside it (seed 000). */
  readonly spareArea: bigint;
}

/**
 * 2 MiB (and 1 MiB) builds share one varstore layout; 4 MiB builds have a larger, incompatible one: variable store
 * 56 → 256 KiB, spare area 64 → 264 KiB, non-volatile storage 128 → 528 KiB (seed 000, edk2 b24fca05751f;
 * sizes 0x1E0000/0x20000 and 0x37C000/0x84000 from OvmfPkgDefines.fdf.inc, qemu.md §8.2).
 */
export const FLASH_LAYOUTS: Readonly<Record<FlashLayout, FlashLayoutFacts>> = {
  '2m': { codeSize: 0x1e0000n, varsSize: 0x20000n, variableStore: 56n * KiB, spareArea: 64n * KiB },
  '4m': { codeSize: 0x37c000n, varsSize: 0x84000n, variableStore: 256n * KiB, spareArea: 264n * KiB },
};

/** The layout a varstore file of this size was made for, or null when the size is not a stock one (a padded file, say). */
export function varstoreLayout(size: bigint): FlashLayout | null {
  if (size === FLASH_LAYOUTS['2m'].varsSize) return '2m';
  if (size === FLASH_LAYOUTS['4m'].varsSize) return '4m';
  return null;
}
