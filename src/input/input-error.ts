/** A user mistake: one line naming the field and what is allowed. Returned as a value, never thrown (exit code 2). */
export interface InputError {
  readonly kind: 'input-error';
  /** e.g. `--memory: "1.1K" is not a whole number of bytes` */
  readonly message: string;
}

export function inputError(field: string, reason: string): InputError {
  return { kind: 'input-error', message: `${field}: ${reason}`.replace(/[\r\n]+/g, ' ') };
}

export function isInputError(value: unknown): value is InputError {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'input-error';
}
