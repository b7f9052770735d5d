/** The committed schemas/*.schema.json are what the generator writes from the zod schemas now: they cannot drift. */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFiles, schemaText } from '../../src/contract/json-schemas.js';

const dir = new URL('../../schemas/', import.meta.url);

describe('schemas/', () => {
  const files = jsonSchemaFiles();

  it('holds exactly the generated files (npm run schemas writes them)', () => {
    expect(readdirSync(dir).filter((f) => f.endsWith('.json')).sort()).toEqual(files.map((f) => f.file).sort());
  });

  it.each(files.map((f) => [f.file, f] as const))('%s is what the generator writes', (_file, file) => {
    expect(readFileSync(new URL(file.file, dir), 'utf8')).toBe(schemaText(file));
  });

  it('names each document: a urn $id, and the schema field as a const where the document has one', () => {
    const byFile = Object.fromEntries(files.map((f) => [f.file, f.json as { $id: string; $schema: string; properties: Record<string, { const?: string }> }]));
    expect(byFile['plan-v1.schema.json']!.$id).toBe('urn:gpa-planner:plan/v1');
    expect(byFile['plan-v1.schema.json']!.properties['schema']!.const).toBe('gpa-planner/plan/v1');
    expect(byFile['reverse-v1.schema.json']!.properties['schema']!.const).toBe('gpa-planner/reverse/v1');
    expect(byFile['pool-v2.schema.json']!.properties['schema']!.const).toBe('gpa-planner/pool/v2');
    for (const f of files) expect(byFile[f.file]!.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('docs/json-schemas.md shows the validation example as test/library/validate.test.ts has it', () => {
    const page = readFileSync(new URL('../../docs/json-schemas.md', import.meta.url), 'utf8');
    expect(/```ts\n([\s\S]*?)```/.exec(page)?.[1]).toBe(readFileSync(new URL('../library/validate.test.ts', import.meta.url), 'utf8'));
  });

  it('gives hex strings the pattern of hex() (render/format.ts: "0x" and lowercase digits, no padding)', () => {
    const plan = files.find((f) => f.file === 'plan-v1.schema.json')!.json as { $defs: Record<string, { pattern?: string }> };
    expect(plan.$defs['hex']!.pattern).toBe('^0x[0-9a-f]+$');
  });
});
