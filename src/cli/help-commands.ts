/** `explain [CODE]`, `completion SHELL` and `man`: text about the tool itself, generated from its own definitions. */
import type { Command } from 'commander';
import { inputError } from '../input/input-error.js';
// Static: findings.js is start-up code, and a dynamic import would cut it into a chunk of its own (bench.test.ts).
import { SEVERITY } from '../core/findings.js';
import { type ExitCode, type Io, refuse } from './io.js';
import type { ExplanationDocument } from '../contract/explain.js';

export function addHelpCommands(program: Command, io: Io, version: string, done: (code: ExitCode) => void): void {
  program.command('explain').argument('[code]', 'a finding code, e.g. ovmf_width_untrusted')
    .description('what a finding code means, why, what to change, and the spec or source it comes from; without a code, list them')
    .option('--json', 'print the explanations as JSON')
    .action(async (code: string | undefined, options: { json?: boolean }) => done(await runExplain(code, options, io)));

  program.command('completion').argument('<shell>', 'bash, zsh or fish')
    .description('print a completion script for bash, zsh or fish')
    .action(async (shell: string) => {
      const { SHELLS, completionScript } = await import('../render/completion.js');
      if (!(SHELLS as readonly string[]).includes(shell)) return done(refuse(io, inputError('completion SHELL', `${JSON.stringify(shell)} is not one of ${SHELLS.join(', ')}`)));
      io.stdout(completionScript(shell as (typeof SHELLS)[number], await tree(program)));
      done(0);
    });

  program.command('man').description('print the gpa-planner(1) manual page (roff): man <(gpa-planner man)')
    .action(async () => {
      const [{ manPage }, { FINDING_EXPLANATIONS }] = await Promise.all([import('../render/man-page.js'), import('../render/finding-explanations.js')]);
      io.stdout(manPage(await tree(program), version, FINDING_EXPLANATIONS));
      done(0);
    });
}

/** The program as data, with the fixed values of `explain`'s and `completion`'s arguments for the completion scripts. */
async function tree(program: Command) {
  const [{ commandTree }, { FINDING_CODES }, { SHELLS }] = await Promise.all([
    import('./command-tree.js'), import('../render/finding-explanations.js'), import('../render/completion.js'),
  ]);
  return commandTree(program, { explain: FINDING_CODES, completion: SHELLS });
}

async function runExplain(code: string | undefined, options: { json?: boolean }, io: Io): Promise<ExitCode> {
  const { FINDING_CODES, FINDING_EXPLANATIONS } = await import('../render/finding-explanations.js');
  if (code === undefined) {
    io.stdout(options.json
      ? `${JSON.stringify(Object.fromEntries(FINDING_CODES.map((c) => [c, { severity: SEVERITY[c], ...FINDING_EXPLANATIONS[c] }])), null, 2)}\n`
      : `${FINDING_CODES.map((c) => `${c.padEnd(36)} ${SEVERITY[c].padEnd(7)}  ${FINDING_EXPLANATIONS[c].means}`).join('\n')}\n`);
    return 0;
  }
  const known = FINDING_CODES.find((c) => c === code);
  if (known === undefined) return refuse(io, inputError('explain CODE', `${JSON.stringify(code)} is not one of ${FINDING_CODES.join(', ')}`));
  const e = FINDING_EXPLANATIONS[known];
  io.stdout(options.json
    ? `${JSON.stringify({ code: known, severity: SEVERITY[known], ...e } satisfies ExplanationDocument, null, 2)}\n`
    : [`${known} (${SEVERITY[known]})`, `  What it means: ${e.means}`, `  Why: ${e.why}`, `  What to change: ${e.change}`, `  Source: ${e.source}`, ''].join('\n'));
  return 0;
}
