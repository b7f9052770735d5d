/** `gpa-planner plan --json`: the `gpa-planner/plan/v1` document (render/plan-json.ts planToJson builds it). */
import { z } from 'zod';
import { Bits, type Document, E820Entry, Hex, OvmfBuild, OvmfFamily, Range } from './common.js';
import { Edk2Tag, VmInput } from './vm-input.js';
import { Finding } from './findings.js';
import { Devices } from './devices.js';
import { PLAN_SCHEMA } from './names.js';

const Qemu = z.strictObject({
  ramSize: Hex,
  ramBelow4g: Hex,
  above4gStart: Hex,
  ramAbove4g: Range.nullable(),
  /** the memory-hotplug area */
  deviceMemory: Range.nullable(),
  cxl: z.strictObject({ hostRegisters: Range, windows: z.array(Range) }).nullable(),
  /** fw_cfg etc/reserved-memory-end */
  reservedMemoryEnd: Hex.nullable(),
  pciHole64: Range,
  maxUsedGpa: Hex,
  physBits: Bits,
  addressSpaceLimit: Hex,
  e820: z.array(E820Entry),
  /** QEMU's own line when it refuses to start */
  refusal: z.string().nullable(),
  /** only when QEMU refuses: the smallest phys-bits and the largest maxmem that start */
  refusalFixes: z.strictObject({ physBits: Bits.nullable(), maxmem: Hex.nullable() }).optional(),
});

/** core/ovmf/classic.ts ClassicSizing: the classic window's steps. */
const Classic = z.strictObject({
  ramTop: Hex,
  knob: z.enum(['absent', 'applied', 'malformed', 'ignored', 'unread']),
  requestedSize: Hex,
  hotplugEnd: Hex.nullable(),
  aperture: Range.nullable(),
  firstNonAddress: Hex,
  width: Bits,
});

/** core/ovmf/cpuid-width.ts CpuidWidth. */
const Cpuid = z.discriminatedUnion('trusted', [
  z.strictObject({ trusted: z.literal(false) }),
  z.strictObject({
    trusted: z.literal(true), reported: Bits, width: Bits,
    caps: z.array(z.enum(['paging-47', 'paging-46', 'paging-48-la57', 'no-1g-pages', 'pcd-use-1g-page-table', 'guest-phys-bits'])),
  }),
]);

const Ovmf = z.strictObject({
  edk2: Edk2Tag,
  family: OvmfFamily,
  build: OvmfBuild,
  widthTrusted: z.boolean(),
  /** PhysMemAddressWidth, as OVMF puts it in the CPU HOB */
  physMemAddressWidth: Bits,
  window: z.enum(['classic', 'dynamic', 'override', 'disabled', 'none']),
  /** PcdPciMmio64Base/Size */
  pci64: Range.nullable(),
  firstNonAddress: Hex,
  classic: Classic,
  cpuid: Cpuid,
  pagingLevels: z.union([z.literal(4), z.literal(5)]),
  dynamicSize: Hex.nullable(),
  /** E820 conflict moves of the aperture */
  moves: z.array(z.strictObject({ entry: E820Entry, from: Hex, to: Hex, wrapped: z.boolean() })),
});

export const PlanDocumentSchema = z.strictObject({
  schema: z.literal(PLAN_SCHEMA),
  input: VmInput,
  qemu: Qemu,
  /** null when QEMU refuses to start */
  ovmf: Ovmf.nullable(),
  /** only when the VM has devices */
  devices: Devices.optional(),
  /** QEMU's first, then OVMF's, then the devices' */
  findings: z.array(Finding),
}).meta({ title: PLAN_SCHEMA, description: 'gpa-planner plan --json: one VM\'s QEMU layout, OVMF sizing, devices and findings' });

export type PlanDocument = Document<typeof PlanDocumentSchema>;
/** What plan/v1 says of OVMF (also each pool/v2 plan's): null when QEMU refuses. */
export type PlanOvmf = Document<typeof Ovmf>;
