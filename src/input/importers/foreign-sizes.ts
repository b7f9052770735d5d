/** Sizes as libvirt and QEMU write them, to exact bytes (never through a float). */
import { type InputError, inputError } from '../input-error.js';

const POWERS = { b: 0, k: 1, m: 2, g: 3, t: 4, p: 5, e: 6 } as const;

/**
 * libvirt's scaled integers (`virScaleInteger`): `b`/`bytes`; `k`/`KiB` … `e`/`EiB` are powers of 1024, `KB` … `EB`
 * powers of 1000, case-insensitive; no unit is `defaultUnit` (KiB for `<memory>`, `<pcihole64>`).
 */
export function libvirtBytes(value: string, unit: string | undefined, label: string, defaultUnit = 'KiB'): bigint | InputError {
  const number = value.trim();
  if (!/^\d+$/.test(number)) return inputError(label, `${JSON.stringify(value)} is not a whole number`);
  const written = (unit ?? defaultUnit).trim().toLowerCase();
  const match = /^(bytes|[bkmgtpe])(ib|b)?$/.exec(written);
  if (!match || (match[1] === 'bytes' && match[2] !== undefined) || (match[1] === 'b' && match[2] !== undefined)) {
    return inputError(label, `unit ${JSON.stringify(unit)} is not one of b, bytes, KiB, KB, MiB, MB, GiB, GB, TiB, TB, PiB, PB, EiB, EB`);
  }
  const power = match[1] === 'bytes' ? 0 : POWERS[match[1] as keyof typeof POWERS];
  const base = match[2] === 'b' ? 1000n : 1024n;
  return BigInt(number) * base ** BigInt(power);
}

/**
 * QEMU's sizes (`qemu_strtosz`): a decimal number, optionally with a fraction, and a one-letter binary suffix
 * `B K M G T P E` (either case); `defaultUnit` applies without one (`-m` uses MiB, properties bytes). Hexadecimal is
 * accepted for whole byte counts. Fractions must come out as whole bytes.
 */
export function qemuBytes(raw: string, defaultUnit: 'B' | 'M'): bigint | null {
  const text = raw.trim();
  if (/^0x[0-9a-f]+$/i.test(text)) return BigInt(text);
  const match = /^(\d+)(?:\.(\d+))?([bkmgtpe])?$/i.exec(text);
  if (!match) return null;
  const power = POWERS[(match[3] ?? defaultUnit).toLowerCase() as keyof typeof POWERS];
  const unit = 1n << BigInt(10 * power);
  const fraction = match[2] ?? '';
  const scaled = BigInt(match[1]! + fraction) * unit;
  const divisor = 10n ** BigInt(fraction.length);
  return scaled % divisor === 0n ? scaled / divisor : null;
}
