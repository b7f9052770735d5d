/** Exact formatting of addresses and sizes: lowercase hex, and binary units only when exact to two decimals. */
import type { Range } from '../core/units.js';

export function hex(value: bigint): string {
  return `0x${value.toString(16)}`;
}

/** Zero-padded 16-digit hex, for aligned address columns. */
export function hex64(value: bigint): string {
  return `0x${value.toString(16).padStart(16, '0')}`;
}

const UNITS: readonly [string, bigint][] = [
  ['EiB', 1n << 60n], ['PiB', 1n << 50n], ['TiB', 1n << 40n], ['GiB', 1n << 30n], ['MiB', 1n << 20n], ['KiB', 1n << 10n],
];

/** "32 GiB", "2.75 GiB", "986.5 GiB", else the largest unit that is exact to 2 decimals, else bytes. */
export function formatSize(bytes: bigint): string {
  for (const [name, unit] of UNITS) {
    if (bytes < unit || (bytes * 100n) % unit !== 0n) continue;
    const hundredths = (bytes * 100n) / unit;
    const whole = hundredths / 100n;
    const fraction = (hundredths % 100n).toString().padStart(2, '0').replace(/0+$/, '');
    return `${whole}${fraction ? `.${fraction}` : ''} ${name}`;
  }
  return `${bytes} B`;
}

export function formatRange(range: Range): string {
  return `[${hex(range.base)}, ${hex(range.base + range.size)})`;
}
