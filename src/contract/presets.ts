/** `gpa-planner presets --json`: the presets the package ships and the edk2 tags the model knows (cli/program.ts). */
import { z } from 'zod';
import { type Document, Hex, OvmfBuild } from './common.js';
import { Edk2Tag } from './vm-input.js';

const Named = z.strictObject({ name: z.string(), description: z.string() });

export const PresetsDocumentSchema = z.strictObject({
  /** presets/vms/: --preset NAME */
  vms: z.array(Named),
  /** presets/pools/: --pool-preset NAME */
  pools: z.array(Named),
  /** presets/firmware/: --firmware NAME, a distribution's OVMF package (its images left out) */
  firmware: z.array(z.strictObject({
    name: z.string(), edk2: Edk2Tag, defaultBuild: OvmfBuild, description: z.string(),
    /** the modelled edk2 commits the package cherry-picks */
    backports: z.array(z.string().regex(/^[0-9a-f]{12}$/)).optional(),
    package: z.string().optional(),
  })),
  /** presets/devices/: a device's preset, its BARs as lspci shows them */
  devices: z.array(z.strictObject({
    name: z.string(), description: z.string(), vga: z.boolean(),
    bars: z.array(z.strictObject({ index: z.number().int().min(0).max(5), size: Hex, is64: z.boolean(), prefetchable: z.boolean() })),
  })),
  edk2Tags: z.array(Edk2Tag),
}).meta({ title: 'gpa-planner presets --json', description: 'the VM, pool, firmware and device presets, and the edk2 tags modelled' });

export type PresetsDocument = Document<typeof PresetsDocumentSchema>;
