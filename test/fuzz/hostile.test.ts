/**
 * Issue 21's hostile cases, kept as fixtures (test/fixtures/hostile/): each one ends as it must, never with exit 3,
 * never quoting the file, never printing a control character raw.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/run-cli.js';

const at = (name: string) => fileURLToPath(new URL(`../fixtures/hostile/${name}`, import.meta.url));

describe('hostile fixtures', () => {
  it.each<[string, string[], number, string]>([
    ['a duplicate key in a VM file', ['plan', '--vm', at('duplicate-memory.vm.json')], 2, `${at('duplicate-memory.vm.json')}: memory: the key "memory" appears twice in one object; keep one`],
    ['a duplicate key in a pool file', ['pool', 'check', '--pool', at('duplicate-physbits.pool.json'), '--memory', '8G'], 2, `${at('duplicate-physbits.pool.json')}: hosts.1.physBits: the key "physBits" appears twice in one object; keep one`],
    ['Latin-1 bytes', ['plan', '--vm', at('latin1.vm.json')], 2, `--vm: cannot read ${at('latin1.vm.json')} (not UTF-8 text)`],
    ['RAM as a bare number', ['plan', '--vm', at('bare-memory.vm.json')], 2, `${at('bare-memory.vm.json')}: memory: "64" has no unit: QEMU's -m reads it as 64 MiB, a size here is bytes; write 64M for QEMU's meaning or 64B for bytes`],
    ['an empty QEMU command line', ['plan', '--qemu-cmdline', at('empty-cmdline.txt')], 2, `${at('empty-cmdline.txt')}: is empty: no QEMU command line to read`],
    ['a password file as a VM', ['plan', '--vm', at('shadow-like.txt')], 2, `${at('shadow-like.txt')}: is not valid JSON (Unexpected character)`],
    ['a password file as a QEMU command line', ['plan', '--qemu-cmdline', at('shadow-like.txt')], 2, `${at('shadow-like.txt')}: does not look like a QEMU command line (its first word is not a program name)`],
    ['two <memory> elements', ['plan', '--vm-xml', at('two-memories.xml')], 2, `${at('two-memories.xml')}: <memory>: appears more than once; libvirt allows one`],
    ['/dev/zero as a QEMU command line', ['plan', '--qemu-cmdline', '/dev/zero'], 2, '--qemu-cmdline: cannot read /dev/zero (larger than 4 MiB, more than a VM description holds; read no further)'],
    ['/dev/urandom as host capabilities', ['pool', 'check', '--host-caps', '/dev/urandom', '--memory', '8G'], 2, '--host-caps: cannot read /dev/urandom (larger than 64 MiB, more than a host description holds; read no further)'],
    ['16E of RAM', ['plan', '--memory', '16E'], 2, '--memory: "16E" is 2^64 bytes (16E) or more; QEMU\'s sizes are below 2^64'],
    ['a repeated flag', ['plan', '--memory', '1Q', '--memory', '4G'], 2, '--memory: given more than once; give it once'],
    ['a repeated device key', ['plan', '--memory', '4G', '--device', 'nvidia-l40s,count=2,count=3'], 2, '--device count: given more than once in "nvidia-l40s,count=2,count=3"; give it once'],
  ])('%s', (_what, args, status, message) => {
    expect(cli(args)).toEqual({ status, stdout: '', stderr: `gpa-planner: ${message}\n` });
  });

  it('shows an escape-laden host name escaped, in a check that runs', () => {
    const result = cli(['pool', 'check', '--pool', at('escape-host.pool.json'), '--memory', '8G']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('\\u001b[2J\\u001b]0;PWNED\\u0007evil');
    expect(result.stdout + result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('plans issue 21\'s internal error as text: QEMU 7.0, 1000G, an empty root port', () => {
    expect(cli(['plan', '--memory', '1000G', '--qemu-version', '7.0', '--empty-root-ports', '1']).status).toBe(1);
  });
});
