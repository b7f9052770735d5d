import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
});
