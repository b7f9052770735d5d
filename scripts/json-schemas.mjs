// Writes schemas/*.schema.json from the zod schemas (src/contract/json-schemas.ts), bundled by esbuild into a
// temporary module first: the contracts are TypeScript. `npm run schemas`; test/contract/json-schemas.test.ts fails
// when the committed files differ from what this writes.
import { build } from 'esbuild';
import { mkdir, mkdtemp, rm, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = await mkdtemp(join(tmpdir(), 'gpa-planner-schemas-'));
try {
  const outfile = join(dir, 'json-schemas.mjs');
  await build({ entryPoints: ['src/contract/json-schemas.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'warning' });
  const { jsonSchemaFiles, schemaText } = await import(pathToFileURL(outfile).href);
  await mkdir('schemas', { recursive: true });
  const files = jsonSchemaFiles();
  for (const old of await readdir('schemas')) {
    if (old.endsWith('.schema.json') && !files.some((f) => f.file === old)) await rm(join('schemas', old));
  }
  for (const file of files) await writeFile(join('schemas', file.file), schemaText(file));
  console.log(`schemas/: ${files.map((f) => f.file).join(', ')}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
