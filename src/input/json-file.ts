/** JSON text → data that a zod schema accepts, or the first problem as one line naming the source and the path. */
import type { z } from 'zod';
import { type InputError, inputError } from './input-error.js';

export function parseJsonText(text: string, source: string): unknown | InputError {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    return inputError(source, `is not valid JSON (${(error as Error).message})`);
  }
}

export function validated<T>(json: unknown, schema: z.ZodType<T>, source: string): T | InputError {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  return inputError(issue.path.length ? `${source}: ${issue.path.join('.')}` : source, issue.message);
}
