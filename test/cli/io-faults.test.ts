/**
 * Issue 17: output that survives its reader and input that cannot exhaust memory. A closed pipe ends quietly with the
 * answer's exit code; a full disk is one line and exit 4; standard error that cannot be written changes nothing;
 * every file is read up to its kind's limit; duplicate keys and invalid UTF-8 are refused.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './run-cli.js';

const CLI = fileURLToPath(new URL('../../bundle/cli.cjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'gpa-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The CLI with its standard output (or error) on /dev/full: every write fails with ENOSPC. */
function toFull(args: readonly string[], stream: 'stdout' | 'stderr') {
  const full = openSync('/dev/full', 'w');
  try {
    const stdio = stream === 'stdout' ? ['ignore', full, 'pipe'] : ['ignore', 'pipe', full];
    const result = spawnSync(process.execPath, [CLI, ...args], { stdio: stdio as never, encoding: 'utf8' });
    return { status: result.status, stderr: result.stderr ?? '' };
  } finally {
    closeSync(full);
  }
}

describe('output faults', () => {
  it('says a full disk in one line and exits 4, whatever the answer', () => {
    // small-desktop passes (exit 0 when written), gpu-4x fails its devices (exit 1): both end in 4, the write failed.
    for (const preset of ['small-desktop', 'gpu-4x']) {
      expect(toFull(['plan', '--preset', preset], 'stdout')).toEqual({ status: 4, stderr: 'gpa-planner: cannot write standard output (ENOSPC)\n' });
    }
  });

  it('keeps exit 2 for bad input when standard error is full', () => {
    expect(toFull(['plan', '--memory', 'bogus'], 'stderr').status).toBe(2);
  });

  it('ends quietly when the reader closes the pipe, with the answer\'s exit code', () => {
    // 44 KB of JSON into a pipe whose reader (true) has gone: EPIPE. The gpu-4x check fails (1), uniform-intel-46 passes (0).
    const run = (args: string) => spawnSync('bash', ['-c', `node ${CLI} ${args} --json | true; echo "\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    const failing = run('pool check --pool-preset mixed-39-46-48 --preset gpu-4x');
    expect([failing.stdout, failing.stderr]).toEqual(['1\n', '']);
    const passing = run('pool check --pool-preset uniform-intel-46 --memory 8G');
    expect([passing.stdout, passing.stderr]).toEqual(['0\n', '']);
  });
});

describe('bounded input', () => {
  it('refuses /dev/zero as a VM file at 4 MiB, reading no further', () => {
    const { status, stdout, stderr } = cli(['plan', '--vm', '/dev/zero']);
    expect([status, stdout, stderr]).toEqual([2, '', 'gpa-planner: --vm: cannot read /dev/zero (larger than 4 MiB, more than a VM file holds; read no further)\n']);
  });

  it('refuses standard input past the limit of its kind', () => {
    const { status, stderr } = cli(['plan', '--vm', '-'], ' '.repeat(4 * 1024 * 1024 + 1));
    expect([status, stderr]).toEqual([2, 'gpa-planner: --vm: cannot read standard input (larger than 4 MiB, more than a VM file holds; read no further)\n']);
    // Exactly 4 MiB is read: blanks and then a VM.
    const vm = '{"memory":"8G"}';
    expect(cli(['plan', '--vm', '-'], ' '.repeat(4 * 1024 * 1024 - vm.length) + vm).status).toBe(0);
  });

  it('refuses a pool file past 64 MiB and a domain XML past 4 MiB', () => {
    expect(cli(['pool', 'check', '--pool', '/dev/zero', '--memory', '8G']).stderr).toBe('gpa-planner: --pool: cannot read /dev/zero (larger than 64 MiB, more than a pool file holds; read no further)\n');
    expect(cli(['import', 'vm', '/dev/zero']).stderr).toBe('gpa-planner: import vm: cannot read /dev/zero (larger than 4 MiB, more than a VM description holds; read no further)\n');
  });

  it('refuses bytes that are not UTF-8 instead of reading them as U+FFFD', () => {
    const file = join(dir, 'latin1.json');
    writeFileSync(file, Buffer.from('{"memory":"8G","name":"caf\xe9"}', 'latin1'));
    expect(cli(['plan', '--vm', file]).stderr).toBe(`gpa-planner: --vm: cannot read ${file} (not UTF-8 text)\n`);
  });
});

describe('ambiguous input', () => {
  it('refuses a key given twice, in a VM file and in a pool file, naming where', () => {
    const vm = join(dir, 'dup.vm.json');
    writeFileSync(vm, '{"memory":"8G","memory":"1T"}');
    expect(cli(['plan', '--vm', vm]).stderr).toBe(`gpa-planner: ${vm}: memory: the key "memory" appears twice in one object; keep one\n`);
    const pool = join(dir, 'dup.pool.json');
    writeFileSync(pool, '{"hosts":[{"name":"a","vendor":"intel","physBits":46},{"name":"b","vendor":"intel","physBits":46,"physBits":39}]}');
    expect(cli(['pool', 'check', '--pool', pool, '--memory', '8G']).stderr).toBe(`gpa-planner: ${pool}: hosts.1.physBits: the key "physBits" appears twice in one object; keep one\n`);
  });

  // Issue 21: --memory 1Q --memory 4G planned 4G without ever checking 1Q.
  it.each<[string[], string]>([
    [['plan', '--memory', '1Q', '--memory', '4G'], '--memory: given more than once; give it once'],
    [['plan', '--memory=8G', '--phys-bits', '39', '--memory', '4G'], '--memory: given more than once; give it once'],
    [['plan', '--memory', '4G', '--pdpe1gb', '--no-pdpe1gb'], '--pdpe1gb and --no-pdpe1gb: both given; give one'],
    [['pool', 'check', '--pool-preset', 'uniform-intel-46', '--pool-preset', 'mixed-39-46-48', '--memory', '8G'], '--pool-preset: given more than once; give it once'],
  ])('refuses a flag given twice: %j', (args, message) => {
    expect(cli(args)).toEqual({ status: 2, stdout: '', stderr: `gpa-planner: ${message}\n` });
  });

  it('reads standard input for one option only', () => {
    expect(cli(['pool', 'check', '--vm', '-', '--pool', '-'], '{}')).toEqual({ status: 2, stdout: '', stderr: 'gpa-planner: --vm and --pool: both read standard input; give one of them a file\n' });
    // --pairs - writes the pair list to standard output: it does not compete with --vm -.
    const pairs = cli(['pool', 'check', '--pool-preset', 'uniform-intel-46', '--vm', '-', '--pairs', '-'], '{"memory":"8G"}');
    expect([pairs.status, pairs.stderr]).toEqual([0, '']);
  });

  it('refuses help on a command that does not exist, naming the commands', () => {
    expect(cli(['help', 'nope'])).toEqual({ status: 2, stdout: '', stderr: 'gpa-planner: help: "nope" is not a command (plan, reverse, pool, tui, import, presets, explain, completion, man)\n' });
    expect(cli(['help', 'plan']).stdout).toMatch(/^Usage: gpa-planner plan \[options\]/);
  });

  it('refuses a device option given twice', () => {
    expect(cli(['plan', '--memory', '4G', '--device', 'nvidia-l40s,count=2,count=3']).stderr).toBe('gpa-planner: --device count: given more than once in "nvidia-l40s,count=2,count=3"; give it once\n');
  });

  it('refuses a second <memory> or <cpu><maxphysaddr> in domain XML', () => {
    const domain = readFileSync(fileURLToPath(new URL('../fixtures/domain-q35-gpu.xml', import.meta.url)), 'utf8');
    const twoMemories = join(dir, 'two-memories.xml');
    writeFileSync(twoMemories, domain.replace('</domain>', '<memory unit="GiB">1</memory></domain>'));
    expect(cli(['plan', '--vm-xml', twoMemories]).stderr).toBe(`gpa-planner: ${twoMemories}: <memory>: appears more than once; libvirt allows one\n`);
    const twoWidths = join(dir, 'two-widths.xml');
    writeFileSync(twoWidths, domain.replace(/(<cpu [^>]*>)/, '$1<maxphysaddr mode="passthrough"/><maxphysaddr mode="emulate" bits="40"/>'));
    expect(cli(['import', 'vm', twoWidths]).stderr).toBe(`gpa-planner: ${twoWidths}: <cpu><maxphysaddr>: appears more than once; libvirt allows one\n`);
  });

  it('refuses an empty QEMU command line, as import vm does', () => {
    expect(cli(['plan', '--qemu-cmdline', '/dev/null'])).toEqual({ status: 2, stdout: '', stderr: 'gpa-planner: /dev/null: is empty: no QEMU command line to read\n' });
  });

  it('keeps repeatable flags repeatable', () => {
    expect(cli(['plan', '--memory', '4G', '--fw-cfg', 'opt/a=1', '--fw-cfg', 'opt/b=2', '--json']).status).toBe(0);
  });

  it('quotes no file content when a file is not JSON', () => {
    const secret = join(dir, 'shadow');
    writeFileSync(secret, 'root:$6$secret:19000:0:99999:7:::\n');
    expect(cli(['plan', '--vm', secret]).stderr).toBe(`gpa-planner: ${secret}: is not valid JSON (Unexpected character)\n`);
  });

  it('says what is wrong in an expression in its own words', () => {
    expect(cli(['plan', '--memory', '1*(B+0x10M']).stderr).toBe('gpa-planner: --memory: "1*(B+0x10M" is not a valid expression: 0x10M is not a number\n');
  });
});
