/** Issue 9's refusals: code-reaching expressions and entity-declaring XML get one line and exit 2, nothing else. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from './run-cli.js';

const BILLION_LAUGHS = fileURLToPath(new URL('../fixtures/billion-laughs.xml', import.meta.url));

describe('hardening', () => {
  it.each([
    ['import({}, {})', 'uses import'],
    ['createUnit("x")', 'uses createUnit'],
    ['evaluate("1+1")', 'uses evaluate'],
    ['parse("1")', 'uses parse'],
    ['a = 1', 'is not a size'],
  ])('refuses --memory %s with one line and exit 2', (expression, why) => {
    const { status, stdout, stderr } = cli(['plan', '--memory', expression]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toEqual([expect.stringContaining(why), '']);
    expect(stderr).toMatch(/^gpa-planner: --memory: /);
  });

  it('refuses a billion-laughs document with one line and exit 2', () => {
    const { status, stdout, stderr } = cli(['import', 'vm', BILLION_LAUGHS]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`gpa-planner: ${BILLION_LAUGHS}: declares entities: entity expansion is off (it is how billion-laughs documents explode), so the document is refused\n`);
  });
});
