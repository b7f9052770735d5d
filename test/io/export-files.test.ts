import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeNewFiles } from '../../src/io/export-files.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gpa-export-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeNewFiles', () => {
  it('writes every file when none exists', async () => {
    const files = [{ path: join(dir, 'a.json'), text: 'A' }, { path: join(dir, 'b.json'), text: 'B' }];
    expect(await writeNewFiles(files, false)).toEqual({ kind: 'written', paths: files.map((f) => f.path) });
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe('B');
  });

  it('writes nothing and names the existing files when one exists', async () => {
    writeFileSync(join(dir, 'b.json'), 'old');
    const files = [{ path: join(dir, 'a.json'), text: 'A' }, { path: join(dir, 'b.json'), text: 'B' }];
    expect(await writeNewFiles(files, false)).toEqual({ kind: 'exists', paths: [join(dir, 'b.json')] });
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe('old');
    expect(() => readFileSync(join(dir, 'a.json'))).toThrow();
  });

  it('writes over existing files when told to', async () => {
    writeFileSync(join(dir, 'b.json'), 'old');
    expect(await writeNewFiles([{ path: join(dir, 'b.json'), text: 'B' }], true)).toEqual({ kind: 'written', paths: [join(dir, 'b.json')] });
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe('B');
  });

  // Issue 21: NAME.vm.json present, NAME.pool.json a directory. Before, the VM file was overwritten and the pool's
  // write failed: half a pair. Now the set fails before anything changes.
  it('changes nothing when one target cannot take its file, even when overwriting', async () => {
    writeFileSync(join(dir, 'x.vm.json'), 'old vm');
    mkdirSync(join(dir, 'x.pool.json'));
    const files = [{ path: join(dir, 'x.vm.json'), text: 'VM' }, { path: join(dir, 'x.pool.json'), text: 'POOL' }];
    await expect(writeNewFiles(files, true)).rejects.toThrow('x.pool.json is not a regular file');
    expect(readFileSync(join(dir, 'x.vm.json'), 'utf8')).toBe('old vm');
    expect(readdirSync(dir).sort()).toEqual(['x.pool.json', 'x.vm.json']);
  });

  it('puts back what it replaced when a later file of the set fails', async () => {
    writeFileSync(join(dir, 'a.json'), 'old a');
    writeFileSync(join(dir, 'b.json'), 'old b');
    // b's backup name is taken (a stale file): b fails after a was already replaced.
    writeFileSync(join(dir, `.b.json.${process.pid}.bak`), 'stale');
    const files = [{ path: join(dir, 'a.json'), text: 'A' }, { path: join(dir, 'b.json'), text: 'B' }];
    await expect(writeNewFiles(files, true)).rejects.toMatchObject({ code: 'EEXIST' });
    expect([readFileSync(join(dir, 'a.json'), 'utf8'), readFileSync(join(dir, 'b.json'), 'utf8')]).toEqual(['old a', 'old b']);
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.json']);
  });

  it('changes nothing when a temporary cannot be written', async () => {
    writeFileSync(join(dir, 'a.json'), 'old a');
    mkdirSync(join(dir, `.b.json.${process.pid}.tmp`));
    const files = [{ path: join(dir, 'a.json'), text: 'A' }, { path: join(dir, 'b.json'), text: 'B' }];
    await expect(writeNewFiles(files, true)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('old a');
    expect(readdirSync(dir)).not.toContain('b.json');
  });
});
