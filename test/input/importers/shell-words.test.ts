/** commandLineFromText and shellWords: a QEMU command line as people have it → argv. */
import { describe, expect, it } from 'vitest';
import { commandLineFromText, commandLineFromWords, shellWords } from '../../../src/input/importers/shell-words.js';
import { errorOf, fixture, ok } from './helpers.js';

describe('shellWords', () => {
  it('splits as a POSIX shell: quotes, escapes, backslash-newline', () => {
    expect(ok(shellWords(`a 'b c' "d \\"e\\" \\$f" g\\ h i\\\nj '{"k":1}'`, 's'))).toEqual(['a', 'b c', 'd "e" $f', 'g h', 'ij', '{"k":1}']);
  });

  it('rejects a quote that is never closed', () => {
    expect(errorOf(shellWords(`-name 'vm`, 'cmd.txt'))).toBe('cmd.txt: has a single quote that is never closed');
    expect(errorOf(shellWords(`-name "vm`, 'cmd.txt'))).toBe('cmd.txt: has a double quote that is never closed');
  });
});

describe('commandLineFromText', () => {
  it('takes the newest start-up of a libvirt log: its versions, the program after the environment, and only that block', () => {
    const command = ok(commandLineFromText(fixture('qemu-q35-gpu.log'), 'log'));
    expect(command).toMatchObject({ program: '/usr/bin/qemu-system-x86_64', libvirtVersion: '9.0', qemuVersion: '7.2' });
    expect(command.args.slice(0, 3)).toEqual(['-name', 'guest=gpu-worker-1,debug-threads=on', '-S']);
    expect(command.args.at(-1)).toBe('timestamp=on');
    expect(command.args).toContain('size=67108864k,slots=4,maxmem=268435456k');
  });

  it('splits ps output, whose JSON arguments keep their quotes, on spaces', () => {
    const command = ok(commandLineFromText(fixture('qemu-pc-seabios.ps.txt'), 'ps'));
    expect(command.program).toBe('/usr/bin/qemu-system-x86_64');
    expect(command.args).toContain('{"qom-type":"memory-backend-ram","id":"pc.ram","size":8589934592}');
  });

  it('splits /proc/PID/cmdline on NUL bytes', () => {
    const command = ok(commandLineFromText('qemu-system-x86_64\0-m\0size=4G\0-name\0guest=my vm\0', 'cmdline'));
    expect(command).toEqual({ program: 'qemu-system-x86_64', args: ['-m', 'size=4G', '-name', 'guest=my vm'], libvirtVersion: null, qemuVersion: null });
  });
});

describe('commandLineFromWords', () => {
  it('skips environment assignments and sudo, and has no program when the words start with an option', () => {
    expect(commandLineFromWords(['LC_ALL=C', 'sudo', 'qemu-kvm', '-m', '1G']).program).toBe('qemu-kvm');
    expect(commandLineFromWords(['-m', '1G'])).toEqual({ program: null, args: ['-m', '1G'], libvirtVersion: null, qemuVersion: null });
  });
});
