/** `lscpu --json` (flat, or nested with `children` since util-linux 2.38) → a pool host entry, as /proc/cpuinfo. */
import { type InputError, inputError, isInputError } from '../input-error.js';
import type { HostImportOptions, ImportedHost } from './imported.js';
import { oneLineWarnings } from './imported.js';
import { hostFromCpuFields } from './cpuinfo.js';

interface LscpuField {
  readonly field?: unknown;
  readonly data?: unknown;
  readonly children?: unknown;
}

const READ = new Set(['Vendor ID', 'Address sizes', 'Flags']);

export function importLscpuJson(text: string, options: HostImportOptions, source = 'lscpu --json'): ImportedHost | InputError {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return inputError(source, `is not valid JSON (${(error as Error).message})`);
  }
  const entries = (json as { lscpu?: unknown } | null)?.lscpu;
  if (!Array.isArray(entries)) return inputError(source, 'has no "lscpu" array: not the output of lscpu --json');
  const fields = new Map<string, string>();
  flatten(entries, fields);
  for (const key of READ) if (!fields.has(key)) return inputError(source, `has no "${key}:" field`);
  const warnings: string[] = [];
  const flags = new Set(fields.get('Flags')!.split(/\s+/).filter(Boolean));
  const host = hostFromCpuFields({ vendorId: fields.get('Vendor ID')!, addressSizes: fields.get('Address sizes')!, flags }, options, source, 'lscpu', (line) => warnings.push(line));
  if (isInputError(host)) return host;
  const otherFlags = [...flags].filter((flag) => flag !== 'pdpe1gb' && flag !== 'la57').length;
  warnings.push(`not modelled: ${[...[...fields.keys()].filter((key) => !READ.has(key)), `${otherFlags} other flags`].join(', ')}`);
  return { host, warnings: oneLineWarnings(warnings) };
}

/** `"Vendor ID:"` → `Vendor ID`; the first occurrence of a field wins (NUMA and cache sections repeat names). */
function flatten(entries: readonly unknown[], into: Map<string, string>): void {
  for (const entry of entries as LscpuField[]) {
    if (typeof entry?.field === 'string' && typeof entry.data === 'string') {
      const key = entry.field.replace(/:$/, '').trim();
      if (!into.has(key)) into.set(key, entry.data);
    }
    if (Array.isArray(entry?.children)) flatten(entry.children, into);
  }
}
