/** Every `$ gpa-planner …` example in README.md prints exactly what the README shows. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './cli/run-cli.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const examples = [...readme.matchAll(/```\n\$ gpa-planner (.*)\n([\s\S]*?)```/g)].map((m) => ({ command: m[1]!, shown: m[2]! }));

/** Splits a command line the way the README writes them: spaces, and single or double quotes around one argument. */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

describe('README examples', () => {
  it('has examples to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(6);
  });

  it.each(examples.map((e) => [e.command, e] as const))('gpa-planner %s', (_command, { command, shown }) => {
    const echoStatus = command.endsWith('; echo $?');
    const result = cli(words(echoStatus ? command.slice(0, -'; echo $?'.length) : command));
    const printed = echoStatus ? `${result.stdout}${result.stderr}${result.status}\n` : result.stdout;
    expect(printed).toBe(shown);
  });
});
