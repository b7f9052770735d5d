/** gpa-planner(1) in roff, from the command definitions and the finding explanations: the same text `--help` and `explain` print. */
import { type CommandInfo, commandPaths } from './command-info.js';
import type { FindingExplanation } from './finding-explanations.js';

/** Text as roff: backslashes escaped, dashes as \-, a leading dot or quote guarded, non-ASCII as \[uXXXX] (groff_char(7)). */
export function roff(text: string): string {
  return text.replace(/\\/g, '\\e').replace(/-/g, '\\-').replace(/^([.'])/gm, '\\&$1')
    .replace(/[^\x00-\x7f]/gu, (c) => `\\[u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`);
}

export function manPage(tree: CommandInfo, version: string, explanations: Readonly<Record<string, FindingExplanation>>): string {
  const lines = [
    `.TH GPA\\-PLANNER 1 "" "gpa\\-planner ${roff(version)}" "User Commands"`,
    '.SH NAME',
    `gpa\\-planner \\- ${roff(tree.description)}`,
    '.SH SYNOPSIS',
    ...commandPaths(tree).filter((p) => p.command.commands.length === 0).map((p) =>
      `.B gpa\\-planner ${roff(p.path.join(' '))}\n${roff([...p.command.args.map((a) => (a.required ? `<${a.name}>` : `[${a.name}]`)), '[options]'].join(' '))}\n.br`),
    '.SH DESCRIPTION',
    roff('Plans where QEMU puts RAM, the memory-hotplug area and the 64-bit PCI hole, which width OVMF derives and where it puts the 64-bit PCI aperture, and whether a phys-bits setting works on every host of a live-migration pool. All arithmetic is exact; JSON carries addresses and sizes as lowercase hex strings. Without arguments, in a terminal, it starts the interactive planner (tui).'),
    '.SH OPTIONS',
    ...tree.options.flatMap(optionLines),
    '.SH COMMANDS',
    ...commandPaths(tree).flatMap(({ path, command }) => [
      `.SS ${roff(['gpa-planner', ...path].join(' '))}`,
      roff(command.description),
      ...(command.commands.length > 0 ? [roff(`Subcommands: ${command.commands.map((c) => c.name).join(', ')}.`)] : command.options.flatMap(optionLines)),
    ]),
    '.SH FINDING CODES',
    roff('What `gpa-planner explain CODE` prints for each code the planner reports.'),
    ...Object.entries(explanations).flatMap(([code, e]) => [
      `.TP\n.B ${roff(code)}`,
      roff(`${e.means} ${e.why}`),
      `.br\n${roff(`Change: ${e.change}`)}`,
      `.br\n${roff(`Source: ${e.source}`)}`,
    ]),
    '.SH EXIT STATUS',
    '.TP\n0\nthe plan or check passes (warnings and notes allowed)',
    '.TP\n1\nthe plan or check fails: an error finding, or QEMU refuses the configuration',
    '.TP\n2\nbad input or usage: one line on standard error naming the field and the allowed values',
    '.TP\n3\ninternal error (a bug)',
    '.SH SEE ALSO',
    roff('qemu-system-x86_64(1), virsh(1); the documentation in docs/ of the gpa-planner repository.'),
  ];
  return `${lines.join('\n')}\n`;
}

function optionLines(option: CommandInfo['options'][number]): string[] {
  return [`.TP\n.B ${roff(option.flags)}`, roff(option.description + (option.choices.length > 0 ? ` (one of: ${option.choices.join(', ')})` : ''))];
}
