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

/**
 * "32 GiB", "2.75 GiB", "986.5 GiB": the largest unit that is exact to 2 decimals, else bytes. A count of five digits
 * or more in that unit reads as a sum with the next unit up instead (issue 17): "448 GiB + 32 MiB", not "458784 MiB".
 */
export function formatSize(bytes: bigint): string {
  for (const [i, [name, unit]] of UNITS.entries()) {
    if (bytes < unit || (bytes * 100n) % unit !== 0n) continue;
    const hundredths = (bytes * 100n) / unit;
    const whole = hundredths / 100n;
    const larger = UNITS[i - 1];
    if (whole >= 10_000n && larger) return `${bytes / larger[1]} ${larger[0]} + ${formatSize(bytes % larger[1])}`;
    const fraction = (hundredths % 100n).toString().padStart(2, '0').replace(/0+$/, '');
    return `${whole}${fraction ? `.${fraction}` : ''} ${name}`;
  }
  return `${bytes} B`;
}

/** "1 host group", "3 host groups": a count and its noun, singular for one. */
export function counted(count: number | bigint, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 || count === 1n ? noun : plural}`;
}

export function formatRange(range: Range): string {
  return `[${hex(range.base)}, ${hex(range.base + range.size)})`;
}
