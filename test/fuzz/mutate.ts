/** Input generators for fuzzing: valid seeds, then random edits of them, plus random text. */
import fc from 'fast-check';

const SPECIAL = ['\u0000', '\n', '\r', '\t', ' ', '"', "'", '\\', '{', '}', '[', ']', '(', ')', '<', '>', '&', ';', ',', '=', '-', '+', '*', '/', '^', '.', 'e', 'E', '0', '9', 'G', 'K', 'x', 'é', '\u{1F600}', '9'.repeat(40)];

/** One random edit: insert, delete, replace or duplicate a slice. */
const edit = fc.record({
  kind: fc.constantFrom('insert', 'delete', 'replace', 'duplicate'),
  at: fc.nat(),
  length: fc.integer({ min: 1, max: 12 }),
  text: fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ maxLength: 8 })),
});

function apply(seed: string, edits: readonly { kind: string; at: number; length: number; text: string }[]): string {
  let s = seed;
  for (const e of edits) {
    const at = s.length === 0 ? 0 : e.at % (s.length + 1);
    if (e.kind === 'insert') s = s.slice(0, at) + e.text + s.slice(at);
    else if (e.kind === 'delete') s = s.slice(0, at) + s.slice(at + e.length);
    else if (e.kind === 'replace') s = s.slice(0, at) + e.text + s.slice(at + e.length);
    else s = s.slice(0, at) + s.slice(at, at + e.length).repeat(3) + s.slice(at);
  }
  return s;
}

/** Seeds mutated by 1–4 edits, mixed with unrelated random strings. */
export function mutated(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 4 })).map(([seed, edits]) => apply(seed, edits)) },
    { weight: 1, arbitrary: fc.constantFrom(...seeds) },
    { weight: 2, arbitrary: fc.string({ maxLength: 64, unit: 'grapheme-ascii' }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 32, unit: 'binary' }) },
  );
}

/** Runs per fuzz target: FUZZ_RUNS (`npm run fuzz` sets it), small in `npm test`. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/** Measures one call; the harness fails any input that takes longer than this. */
export const HANG_MS = 100;
