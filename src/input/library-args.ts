/**
 * The library's arguments checked with the CLI's rules and words (issue 17): a CI suite that passes
 * `{ kind: 'fixed', physBits: 99 }` gets the CLI's one-line error, not a plausible-looking failing report.
 * Objects made by vmSpec/poolSpec pass by construction; these checks catch hand-made or edited ones.
 */
import type { PhysBitsSetting, PoolSpec, VmSpec } from '../core/spec.js';
import { type FieldRange, RANGES, inRange, physBitsRefusal, rangeText } from './field-ranges.js';
import { type InputError, inputError } from './input-error.js';

/** A width the library takes as such: the range without QEMU's 0 = "not set". */
const widthOnly = (range: FieldRange): FieldRange => ({ name: range.name, min: range.min, max: range.max });

function integerError(value: unknown, label: string, range: FieldRange): InputError | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && inRange(range, value)) return null;
  return inputError(label, `${JSON.stringify(String(value))} is not a whole number from ${rangeText(range)}`);
}

export function settingError(setting: PhysBitsSetting, label = 'setting'): InputError | null {
  const kind = (setting as { kind?: unknown } | null)?.kind;
  if (kind === 'fixed') {
    const { physBits } = setting as { physBits: unknown };
    if (physBits === 0) {
      return inputError(`${label}.physBits`, `0 is QEMU's "not set" (its default, 40), not a width; a setting names the width, a whole number from ${rangeText(widthOnly(RANGES.physBits))}`);
    }
    if (typeof physBits === 'number' && Number.isSafeInteger(physBits) && physBits > 0) {
      return inRange(widthOnly(RANGES.physBits), physBits) ? null : inputError(`${label}.physBits`, physBitsRefusal(physBits));
    }
    return integerError(physBits, `${label}.physBits`, widthOnly(RANGES.physBits));
  }
  if (kind === 'host') {
    const { limit } = setting as { limit: unknown };
    if (limit === null) return null;
    if (limit === 0) return inputError(`${label}.limit`, `0 is QEMU's "no limit": write null; a limit is a whole number from ${rangeText(widthOnly(RANGES.hostPhysBitsLimit))}`);
    return integerError(limit, `${label}.limit`, widthOnly(RANGES.hostPhysBitsLimit));
  }
  return inputError(`${label}.kind`, `${JSON.stringify(String(kind))} is not one of fixed, host`);
}

export function widthError(width: number, label = 'width'): InputError | null {
  return integerError(width, label, RANGES.width);
}

/** The fields of a VM the CLI checks by range, in the CLI's words. */
export function vmError(vm: VmSpec, label = 'vm'): InputError | null {
  if (typeof vm?.memory !== 'bigint' || vm.memory <= 0n) return inputError(`${label}.memory`, 'must be more than 0 bytes (a bigint)');
  if (typeof vm.maxmem !== 'bigint' || vm.maxmem < vm.memory) return inputError(`${label}.maxmem`, 'must be a bigint, at least memory');
  const slots = integerError(vm.slots, `${label}.slots`, RANGES.slots);
  if (slots) return slots;
  const { physBits, guestPhysBits, longMode } = vm.cpu;
  if (longMode && !inRange(widthOnly(RANGES.physBits), physBits)) {
    return Number.isSafeInteger(physBits) && physBits > 0 ? inputError(`${label}.cpu.physBits`, physBitsRefusal(physBits)) : integerError(physBits, `${label}.cpu.physBits`, widthOnly(RANGES.physBits));
  }
  return integerError(guestPhysBits, `${label}.cpu.guestPhysBits`, { ...RANGES.guestPhysBits, max: Math.min(RANGES.guestPhysBits.max, physBits) });
}

const CHECKED_POOLS = new WeakSet<PoolSpec>();

/** A pool's hosts by the pool file's ranges; each pool object is checked once (a sweep passes the same pool again). */
export function poolError(pool: PoolSpec, label = 'pool'): InputError | null {
  if (CHECKED_POOLS.has(pool)) return null;
  if (!Array.isArray(pool?.hosts) || pool.hosts.length === 0) return inputError(`${label}.hosts`, 'must list at least one host');
  for (const [i, host] of pool.hosts.entries()) {
    const at = (field: string) => `${label}.hosts.${i}.${field}`;
    const error = integerError(host.physBits, at('physBits'), RANGES.hostPhysBits)
      ?? integerError(host.count, at('count'), RANGES.hostCount)
      ?? integerError(host.guestPhysBits, at('guestPhysBits'), { name: 'GuestPhysBits', min: 0, max: host.physBits })
      ?? (host.iommuBits === null ? null : integerError(host.iommuBits, at('iommuBits'), RANGES.iommuBits))
      ?? (['intel', 'amd', 'hygon'].includes(host.vendor) ? null : inputError(at('vendor'), `${JSON.stringify(String(host.vendor))} is not one of intel, amd, hygon`));
    if (error) return error;
  }
  CHECKED_POOLS.add(pool);
  return null;
}
