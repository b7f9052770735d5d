/**
 * The package as a user adds it (issue 17, issue 19 item 6): `npm pack`, installed into an empty project, then the
 * README's library example typechecked against the shipped declarations and run, and the bin run through npx.
 * Offline by construction: the tarball is unpacked into the project's node_modules, and its dependencies are links
 * to this repository's node_modules (what `npm install` would fetch; `npm install --offline` cannot resolve them from
 * an `npm ci` cache, which holds tarballs but not the registry's package documents).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
let dir = '';
let project = '';
let packed: { filename: string; files: { path: string }[] };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gpa-planner-pack-'));
  // --ignore-scripts: `npm test` has built bundle/ already, and prepack's rebuild would replace it under the
  // other test files that run the CLI meanwhile.
  const json = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  packed = JSON.parse(json)[0];
  project = join(dir, 'project');
  const modules = join(project, 'node_modules');
  mkdirSync(modules, { recursive: true });
  execFileSync('tar', ['-xzf', join(dir, packed.filename), '-C', dir]);
  renameSync(join(dir, 'package'), join(modules, 'gpa-planner'));
  for (const name of readdirSync(join(repo, 'node_modules'))) {
    if (name.startsWith('.') || name === 'gpa-planner') continue;
    symlinkSync(join(repo, 'node_modules', name), join(modules, name));
  }
  mkdirSync(join(modules, '.bin'));
  symlinkSync('../gpa-planner/bundle/cli.cjs', join(modules, '.bin', 'gpa-planner'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'templates', private: true, type: 'module', dependencies: { 'gpa-planner': `file:../${packed.filename}` } }));
  // A user's strict NodeNext project; skipLibCheck off, so the shipped declarations are checked too.
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2023', lib: ['ES2023'], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, types: ['node'], noEmit: true, skipLibCheck: false },
    include: ['*.ts'],
  }));
  copyFileSync(join(repo, 'test/library/template.test.ts'), join(project, 'template.test.ts'));
  copyFileSync(join(repo, 'test/library/documents.test.ts'), join(project, 'documents.test.ts'));
  copyFileSync(join(repo, 'test/library/validate.test.ts'), join(project, 'validate.test.ts'));
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the packed package installed into an empty project', () => {
  it('carries the bundle, its source maps, the declarations, the presets, the JSON Schemas and the LICENSE, and no tsc build state', () => {
    const files = packed.files.map((f) => f.path);
    for (const file of ['LICENSE', 'package.json', 'bundle/cli.cjs', 'bundle/cli-main.cjs', 'bundle/cli-main.cjs.map', 'bundle/cli-main.v8-cache', 'bundle/index.js', 'bundle/index.js.map', 'bundle/types/index.d.ts', 'presets/vms/gpu-2x.json']) {
      expect(files).toContain(file);
    }
    // Every schema the repository has (test/contract/json-schemas.test.ts checks they are the generated ones).
    const schemas = readdirSync(join(repo, 'schemas')).map((f) => `schemas/${f}`);
    expect(schemas).toContain('schemas/plan-v1.schema.json');
    expect(files.filter((f) => f.startsWith('schemas/')).sort()).toEqual(schemas.sort());
    expect(files.filter((f) => f.endsWith('.tsbuildinfo'))).toEqual([]);
    expect(existsSync(join(project, 'node_modules/gpa-planner/bundle/types/api.d.ts'))).toBe(true);
  });

  it('carries a code cache the installed bin accepts (made by the build that packed it, with this Node)', () => {
    const script = "process.stdout.write(String(require('./node_modules/gpa-planner/bundle/cli.cjs').programScript().cachedDataRejected))";
    expect(spawnSync(process.execPath, ['-e', script], { cwd: project, encoding: 'utf8' }).stdout).toBe('false');
  });

  it('typechecks the README\'s library example against the shipped types', () => {
    const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);

  it('runs the README\'s library example, the typed documents\' and the schema validation examples', () => {
    const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'template.test.ts', 'documents.test.ts', 'validate.test.ts'], {
      cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '1' },
    });
    expect(run.stdout).toMatch(/Tests {2}\d+ passed \(\d+\)/);
    expect(run.status).toBe(0);
  }, 120_000);

  it('runs the bin through npx, with the presets it ships', () => {
    const run = spawnSync('npx', ['--no-install', 'gpa-planner', 'plan', '--preset', 'small-desktop', '--json'], { cwd: project, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout);
    // small-desktop: 8 GiB of RAM, phys-bits 39 (presets/vms/small-desktop.json).
    expect([doc.schema, doc.input.memory, doc.input.cpu.physBits]).toEqual(['gpa-planner/plan/v1', '0x200000000', 39]);
  }, 60_000);

  it('exports the JSON Schemas by path: gpa-planner/schemas/plan-v1.schema.json', () => {
    const script = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url); const s = require('gpa-planner/schemas/plan-v1.schema.json'); console.log(s.$id, s.properties.schema.const);";
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('urn:gpa-planner:plan/v1 gpa-planner/plan/v1\n');
  });
});
