/** A file's `backports` list → the modelled edk2 commits (ovmf/commits.ts) a package cherry-picks onto its tag. */
import { OVMF_COMMITS, modelledCommit } from '../core/ovmf/commits.js';
import { type InputError, inputError } from './input-error.js';

/** Each a modelled commit, by 12 or more hex digits; stored as the model's 12-digit prefix. */
export function readBackports(values: readonly string[], label: string): { value: string[]; label: string } | InputError {
  const hashes: string[] = [];
  for (const [index, value] of values.entries()) {
    const commit = modelledCommit(value);
    if (!commit || value.length < 12) {
      return inputError(`${label}[${index}]`, `${JSON.stringify(value)} is not an edk2 commit the model has a rule for (allowed: ${OVMF_COMMITS.map((c) => c.hash).join(', ')})`);
    }
    hashes.push(commit.hash);
  }
  return { value: hashes, label };
}
