/** JSON text → data that a zod schema accepts, or the first problem as one line naming the source and the path. */
import { type ZodMiniType, config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { type InputError, inputError } from './input-error.js';
import { firstDuplicateKey } from './json-duplicates.js';

export function parseJsonText(text: string, source: string): unknown | InputError {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (error) {
    return inputError(source, `is not valid JSON (${withoutContent((error as Error).message)})`);
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate) return inputError(`${source}: ${duplicate.path}`, `the key ${JSON.stringify(duplicate.key)} appears twice in one object; keep one`);
  return json;
}

/** V8's message without the quoted start of the text (`"root:x:0:0"... is not valid JSON`): errors quote no file content. */
function withoutContent(message: string): string {
  return message.replace(/,? ".*?"(\.\.\.)? is not valid JSON$/s, '').replace(/^Unexpected token '.'/s, 'Unexpected character');
}

// zod/mini has no messages of its own until told (classic zod sets English itself); jitless because a command parses
// a file once, and compiling a parser for that one parse costs more than it saves.
config({ ...en(), jitless: true });

export function validated<T>(json: unknown, schema: ZodMiniType<T>, source: string): T | InputError {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  return inputError(issue.path.length ? `${source}: ${issue.path.join('.')}` : source, issue.message);
}
