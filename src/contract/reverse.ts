/** `gpa-planner reverse --json`: the `gpa-planner/reverse/v1` document (render/reverse-json.ts reverseToJson). */
import { z } from 'zod';
import { Bits, type Document, Hex, OvmfFamily, Range } from './common.js';
import { Edk2Tag, VmInput } from './vm-input.js';
import { Finding } from './findings.js';
import { REVERSE_SCHEMA } from './names.js';

export const ReverseDocumentSchema = z.strictObject({
  schema: z.literal(REVERSE_SCHEMA),
  input: VmInput,
  /** the trusted guest physical address width W */
  width: Bits,
  /** etc/reserved-memory-end, else the top of RAM */
  hotplugEnd: Hex,
  /** the aperture's base: hotplugEnd rounded up to 1 GiB */
  base: Hex,
  /** 2^W */
  limit: Hex,
  aperture: Range.nullable(),
  /** the aperture's size, 0x0 without one */
  room: Hex,
  shortfall: Hex,
  /** no room: the boot would halt */
  halts: z.boolean(),
  qemu: z.strictObject({ reservedMemoryEnd: Hex.nullable(), maxUsedGpa: Hex, refusal: z.string().nullable() }),
  /** what upstream OVMF would do instead; null when QEMU refuses */
  upstream: z.strictObject({
    edk2: Edk2Tag, family: OvmfFamily, widthTrusted: z.boolean(), physMemAddressWidth: Bits,
    window: z.enum(['classic', 'dynamic', 'override', 'disabled', 'none']), pci64: Range.nullable(),
  }).nullable(),
  findings: z.array(Finding),
}).meta({ title: REVERSE_SCHEMA, description: 'gpa-planner reverse --json: the 64-bit aperture given a trusted guest physical address width' });

export type ReverseDocument = Document<typeof ReverseDocumentSchema>;
