/**
 * QEMU firmware interop descriptors (`/usr/share/qemu/firmware/*.json`, `/etc/qemu/firmware/*.json`): which firmware
 * files a package installs, how they are mapped, for which targets and with which features.
 * @see qemu docs/interop/firmware.json (`Firmware`, `FirmwareMapping`, `FirmwareFlashMode` since 7.0, `FirmwareFeature`)
 */
import * as z from 'zod/mini';
import { type InputError, inputError, isInputError } from '../input-error.js';
import { parseJsonText, validated } from '../json-file.js';

/** `FirmwareFlashFile`: a file and its block format (`raw`, `qcow2`, …). */
const FlashFileSchema = z.object({ filename: z.string().check(z.minLength(1)), format: z.string().check(z.minLength(1)) });

/** `FirmwareMapping`, a union on `device`: other members are accepted (QEMU adds some over time), other devices refused. */
const MappingSchema = z.discriminatedUnion('device', [
  z.object({
    device: z.literal('flash'),
    mode: z.optional(z.enum(['split', 'combined', 'stateless'])),
    executable: FlashFileSchema,
    'nvram-template': z.optional(FlashFileSchema),
  }),
  z.object({ device: z.literal('memory'), filename: z.string().check(z.minLength(1)) }),
  z.object({ device: z.literal('kernel'), filename: z.string().check(z.minLength(1)) }),
]);

const DescriptorSchema = z.object({
  description: z.string(),
  'interface-types': z.array(z.string()).check(z.minLength(1)),
  mapping: MappingSchema,
  targets: z.array(z.object({ architecture: z.string(), machines: z.array(z.string()) })),
  features: z.array(z.string()),
});

/** A file of the firmware as its descriptor names it. */
export interface DescribedFile {
  readonly filename: string;
  /** The block format; `memory` mappings (`-bios`) are raw. */
  readonly format: string;
}

/** One descriptor, flattened. */
export interface FirmwareDescriptor {
  readonly description: string;
  /** `FirmwareOSInterface`: `uefi`, `bios`, `openfirmware`, `uboot` */
  readonly interfaces: readonly string[];
  readonly device: 'flash' | 'memory' | 'kernel';
  /** How a flash build keeps its variables; `split` when a flash descriptor says nothing; null for other devices. */
  readonly mode: 'split' | 'combined' | 'stateless' | null;
  readonly executable: DescribedFile;
  /** The varstore template (`nvram-template`; firmware.json wants it in split mode only). */
  readonly nvramTemplate: DescribedFile | null;
  /** `SysEmuTarget` names: `x86_64`, `i386`, `aarch64`, … */
  readonly architectures: readonly string[];
  /** `FirmwareFeature` names: `secure-boot`, `requires-smm`, `enrolled-keys`, `amd-sev`, … */
  readonly features: readonly string[];
}

/** Whether a text is a firmware descriptor: a JSON object with the members only descriptors have. */
export function isFirmwareDescriptorText(text: string): boolean {
  return text.trimStart().startsWith('{') && /"interface-types"\s*:/.test(text) && /"mapping"\s*:/.test(text);
}

/** A descriptor's text → its content, or the first problem as one line naming the file and the member. */
export function readFirmwareDescriptor(text: string, source: string): FirmwareDescriptor | InputError {
  const json = parseJsonText(text, source);
  if (isInputError(json)) return json;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return inputError(source, 'is not a QEMU firmware descriptor (a JSON object)');
  const parsed = validated(json, DescriptorSchema, source);
  if (isInputError(parsed)) return parsed;
  const { mapping } = parsed;
  const common = {
    description: parsed.description,
    interfaces: parsed['interface-types'],
    architectures: parsed.targets.map((t) => t.architecture),
    features: parsed.features,
  };
  if (mapping.device !== 'flash') {
    return { ...common, device: mapping.device, mode: null, executable: { filename: mapping.filename, format: 'raw' }, nvramTemplate: null };
  }
  const mode = mapping.mode ?? 'split';
  const template = mapping['nvram-template'] ?? null;
  // firmware.json: the template is there "when @mode is set to split, otherwise it should not be present".
  if (mode === 'split' && template === null) return inputError(`${source}: mapping.nvram-template`, 'is required for a split flash mapping (firmware.json)');
  return { ...common, device: 'flash', mode, executable: mapping.executable, nvramTemplate: template };
}
