/** The `devices` section of plan/v1 (render/devices-json.ts devicesToJson): where OVMF puts each BAR. */
import { z } from 'zod';
import { Count, Hex, Range } from './common.js';
import { Edk2Tag } from './vm-input.js';

const Bar = z.strictObject({
  device: z.string(), index: z.number().int().min(0).max(5), size: Hex, bits: z.union([z.literal(32), z.literal(64)]),
  prefetchable: z.boolean(), where: z.enum(['above-4g', 'below-4g', 'unassigned']), range: Range.nullable(),
});

const RootPort = z.strictObject({ device: z.string().nullable(), range: Range.nullable(), padding: Hex.nullable(), paddingDropped: z.boolean() });

/** In OVMF's order (core/pci/placement.ts Rejection). */
const Rejection = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('device'), device: z.string(), largestBar: Hex }),
  z.strictObject({ kind: z.literal('padding'), port: Count, device: z.string().nullable(), padding: Hex }),
]);

export const Devices = z.strictObject({
  outcome: z.enum(['placed', 'partial', 'failed', 'below-4g']),
  /** every BAR placed at usable addresses; null when not worked out */
  fits: z.boolean().nullable(),
  aperture: Range.nullable(),
  /** false when the aperture lies beyond PhysMemAddressWidth */
  apertureUsable: z.boolean(),
  request: z.strictObject({ length: Hex, alignment: Hex }),
  block: Range.nullable(),
  bars: z.array(Bar),
  rootPorts: z.array(RootPort),
  rejections: z.array(Rejection),
  /** null when the devices fit; each fix null when none works */
  fixes: z.strictObject({
    /** X-PciMmio64Mb, decimal MiB as OVMF reads it */
    pci64Mb: z.string().regex(/^\d+$/).nullable(),
    pci64MbAperture: Range.nullable(),
    physBits: z.number().int().nullable(),
    physBitsAperture: Range.nullable(),
  }).nullable(),
  /** runs of edk2 tags with the same answer, the VM otherwise unchanged */
  byRelease: z.array(z.strictObject({ from: Edk2Tag, to: Edk2Tag, fits: z.boolean(), apertureSize: Hex.nullable() })),
});
