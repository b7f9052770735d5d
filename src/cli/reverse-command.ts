/** `gpa-planner reverse`: the reversed layout beside what upstream OVMF does with the same width. */
import { plan } from '../core/plan.js';
import { hasError } from '../core/findings.js';
import { reverseLayout } from '../core/ovmf/reverse-layout.js';
import { inputError, isInputError } from '../input/input-error.js';
import { RANGES, readInteger } from '../input/fields.js';
import { reverseToJson } from '../render/reverse-json.js';
import { reverseToText } from '../render/reverse-text.js';
import { readVmSource, type VmOptions } from './vm-options.js';
import { warningLines } from './import-sources.js';
import { type ExitCode, type Io, refuse } from './io.js';
import { type FormatFlags, REVERSE_FORMATS, readFormat } from './format-option.js';

export type ReverseOptions = VmOptions & FormatFlags & { width: string };

export async function runReverse(options: ReverseOptions, io: Io): Promise<ExitCode> {
  const output = readFormat(options, REVERSE_FORMATS);
  if (isInputError(output)) return refuse(io, output);
  const width = readInteger(options.width, '--width', RANGES.width);
  if (isInputError(width)) return refuse(io, width);
  if (options.physBits !== undefined && options.physBits !== options.width) {
    return refuse(io, inputError('--phys-bits', 'the reversed layout uses --width as phys-bits; give one of them'));
  }
  const source = await readVmSource({ ...options, physBits: options.width }, io);
  if (isInputError(source)) return refuse(io, source);
  const { vm } = source;
  io.stderr(warningLines(source.imported?.warnings ?? []));
  const upstream = plan(vm);
  const reverse = reverseLayout(upstream.qemu, width.value);
  io.stdout(output.format === 'json' ? `${JSON.stringify(reverseToJson(reverse, upstream), null, 2)}\n` : reverseToText(reverse, upstream));
  return hasError([...reverse.findings, ...upstream.qemu.findings]) ? 1 : 0;
}
