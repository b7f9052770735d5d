/**
 * Pieces every output contract shares: addresses and sizes as src/render/format.ts's hex() prints them, ranges, and
 * the small enums of the core. Loaded by the schema generator and the tests only (zod stays off the CLI's start path).
 */
import { z } from 'zod';

/** hex(): `0x` and lowercase hex digits, no padding (`0x0`, `0x800000000`); bigints never pass through a float. */
export const Hex = z.string().regex(/^0x[0-9a-f]+$/).meta({ id: 'hex', description: 'an address or size in bytes, as lowercase hex without padding' });

/** A half-open range [base, base + size) (core/units.ts Range). */
export const Range = z.strictObject({ base: Hex, size: Hex }).meta({ id: 'range', description: 'the half-open range [base, base + size)' });

/** A width in bits (phys-bits, PhysMemAddressWidth, a host's MAXPHYADDR). */
export const Bits = z.number().int().min(0).max(64);

/** A count (groups, machines, pairs). */
export const Count = z.number().int().min(0);

/** `X.Y`, as formatVersion writes a QEMU release or machine-type version. */
export const Version = z.string().regex(/^\d+\.\d+$/);

export const Vendor = z.enum(['intel', 'amd', 'hygon']);
export const MachineType = z.enum(['q35', 'pc']);
export const OvmfBuild = z.enum(['x64', 'ia32x64', 'ia32']);
/** core/ovmf/releases.ts OvmfFamily: the behaviour families of the edk2 releases (ovmf.md). */
export const OvmfFamily = z.enum(['C-old', 'C-new', 'D22', 'D23a', 'D23b', 'D24a', 'D24b', 'D24c', 'D25']);
export const E820Entry = z.strictObject({ base: Hex, size: Hex, type: z.enum(['ram', 'reserved']) });

/** A phys-bits setting with its label (`pool check`'s and `recommend`'s). */
export const LabelledSetting = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), physBits: Bits, label: z.string() }),
  z.strictObject({ kind: z.literal('host'), limit: Bits.nullable(), label: z.string() }),
]);

/** A document as read: what a schema outputs, readonly all the way down like the core's types (builders keep theirs). */
export type Document<S extends z.core.$ZodType> = DeepReadonly<z.output<S>>;

type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[]
  : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
  : T;
