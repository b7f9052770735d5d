/**
 * The VM as the output documents carry it (`input` of plan/v1, reverse/v1 and pool/v2; the TUI's NAME.vm.json): the
 * VM file (src/input/schema.ts) normalized, every field present, sizes in hex, versions "X.Y". It is the VM file's
 * schema narrowed, not a second copy, so a plan's input reads back with `plan --vm` (README: "A plan --json document
 * is accepted too"); the type check at the end says so.
 */
import { z } from 'zod';
// The input schemas are zod/mini's (src/input/schema.ts): narrowed with its omit and extend functions.
import * as mini from 'zod/mini';
import { CpuSchema, DeviceSchema, FirmwareSchema, PciBarSchema, type VmFile, VmFileSchema } from '../input/schema.js';
import { EDK2_TAGS, type Edk2Tag as Tag } from '../core/ovmf/tags.js';
import { QEMU_PACKAGES } from '../core/qemu/machine-types.js';
import { Bits, Count, type Document, Hex, MachineType, OvmfBuild, Vendor, Version } from './common.js';

/** An edk2 stable tag the model knows, or a well-formed newer one (planned as the newest, ovmf_release_unknown). */
export const Edk2Tag = z.enum(EDK2_TAGS as [Tag, ...Tag[]]);
const AskedEdk2Tag = z.union([Edk2Tag, z.string().regex(/^edk2-stable\d{6}(\.\d{2})?$/)]);

const Cpu = mini.extend(mini.omit(CpuSchema, { hostPhysBits: true, hostPhysBitsLimit: true }), {
  vendor: Vendor, longMode: z.boolean(), physBits: Bits, guestPhysBits: Bits, pdpe1gb: z.boolean(), la57: z.boolean(),
});

const Firmware = mini.extend(mini.omit(FirmwareSchema, { pci64Mb: true }), {
  edk2: AskedEdk2Tag,
  backports: z.array(z.string().regex(/^[0-9a-f]{12}$/)).optional(),
  build: OvmfBuild,
  fiveLevelPaging: z.boolean(),
  fwCfg: z.record(z.string().regex(/^opt\//), z.string()),
  vars: z.string().optional(),
  nvramSize: Hex.optional(),
});

const Device = mini.extend(mini.omit(DeviceSchema, { preset: true, count: true }), {
  name: z.string().min(1),
  attach: z.enum(['root-port', 'root-bus']),
  hotplug: z.boolean(),
  pref64Reserve: Hex.optional(),
  vga: z.boolean(),
  bars: z.array(mini.extend(PciBarSchema, { size: Hex })),
});

export const VmInput = mini.extend(mini.omit(VmFileSchema, { name: true, description: true }), {
  machine: MachineType,
  machineVersion: Version,
  qemuVersion: Version,
  qemuPackage: z.enum(QEMU_PACKAGES).exclude(['upstream']).optional(),
  memory: Hex,
  maxmem: Hex,
  slots: Count,
  maxRamBelow4g: Hex,
  pciHole64Size: Hex.nullable(),
  cxlWindows: z.array(Hex),
  cpu: Cpu,
  firmware: Firmware,
  /** present when the VM has devices, with emptyRootPorts */
  devices: z.array(Device).optional(),
  emptyRootPorts: Count.optional(),
}).register(z.globalRegistry, { id: 'vm-input', description: 'the normalized VM, in the VM file shape (plan --vm reads it back)' });

export type VmInputDocument = Document<typeof VmInput>;

/** The TUI's export (src/render/spec-files.ts vmFileJson): the normalized VM under a name. */
export const VmExport = mini.extend(VmInput, { name: z.string() });

/**
 * Compile-time: what the documents print as `input` is a VM file, with no key the VM file lacks (the tests also
 * parse every input they meet with VmFileSchema, which is strict at every level).
 */
type Out = z.output<typeof VmInput>;
type ReadsBack = Out extends VmFile ? Exclude<keyof Out, keyof VmFile> extends never ? true : never : never;
export const READS_BACK: ReadsBack = true;
