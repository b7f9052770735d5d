/** The commander program: each command is read → core → render → write, and returns its exit code. */
import { Command, CommanderError } from 'commander';
import { isInputError } from '../input/input-error.js';
import { EDK2_TAGS } from '../core/ovmf/releases.js';
import { addVmOptions } from './vm-options.js';
import { RANGES, rangeText } from '../input/field-ranges.js';
import type { ReverseOptions } from './reverse-command.js';
import { addImportOptions } from './import-sources.js';
import { devicePresets, firmwarePresets, presetSummaries } from '../io/presets.js';
import { formatSize } from '../render/format.js';
import { toJson } from '../render/plan-json.js';
import type { PresetsDocument } from '../contract/presets.js';
import { addPoolCommands } from './pool-commands.js';
import { PLAN_FORMATS, type PlanOptions, runPlan } from './plan-command.js';
import { REVERSE_FORMATS, addFormatOption } from './format-option.js';
import { addImportCommands } from './import-command.js';
import { addTuiCommand } from './tui-command.js';
import { addHelpCommands } from './help-commands.js';
import { type ExitCode, type Io, refuse } from './io.js';
import { visibleControls } from '../render/visible-controls.js';
import { collect } from './collect.js';

export const VERSION = '0.1.0';

/** Commands that run without the others defined (see `only` in run). */
const ALONE: ReadonlySet<string> = new Set(['plan', 'reverse', 'pool', 'tui', 'import', 'presets']);


export async function run(argv: readonly string[], rawIo: Io): Promise<ExitCode> {
  // Everything printed passes here: names and paths from input files reach the terminal with their controls visible.
  const io: Io = { ...rawIo, stdout: (text) => rawIo.stdout(visibleControls(text)), stderr: (text) => rawIo.stderr(visibleControls(text)) };
  let code: ExitCode = 0;
  const program = new Command('gpa-planner')
    .description('Plans the guest physical address space of QEMU/KVM VMs with OVMF: RAM, hotplug area, 64-bit PCI aperture, phys-bits.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(oneLine(s)) })
    .showSuggestionAfterError(true);

  // Only the command argv names is defined, when it is one of these: the others' options cost start-up time and play no
  // part (help, completion, man and errors about an unknown command need them all, so they get them all).
  const only = ALONE.has(argv[0] ?? '') ? argv[0] : null;
  const wanted = (name: string) => only === null || only === name;

  if (wanted('plan')) {
    const planCommand = addImportOptions(addVmOptions(program.command('plan').description('plan one VM: QEMU\'s layout, OVMF\'s width and 64-bit aperture, findings')))
      .option('--json', 'print the gpa-planner/plan/v1 JSON document');
    addFormatOption(planCommand, PLAN_FORMATS)
      .option('--host-caps <file>', 'plan on this host: virsh capabilities or domcapabilities, /proc/cpuinfo or lscpu --json', collect)
      .action(async (options: PlanOptions) => {
        code = await runPlan(options, io);
      });
  }

  if (wanted('reverse')) {
    const reverseCommand = addImportOptions(addVmOptions(program.command('reverse').description('the reversed layout: a trusted width given, the aperture is all the room above the hotplug end')))
      .requiredOption('--width <bits>', `the trusted guest physical address width, ${rangeText(RANGES.width)} (also the guest phys-bits)`)
      .option('--json', 'print the gpa-planner/reverse/v1 JSON document');
    addFormatOption(reverseCommand, REVERSE_FORMATS)
      .action(async (options: ReverseOptions) => {
        code = await (await import('./reverse-command.js')).runReverse(options, io);
      });
  }

  if (wanted('pool')) {
    addPoolCommands(program, io, (result) => {
      code = result;
    });
  }

  if (wanted('tui')) {
    addTuiCommand(program, io, (result) => {
      code = result;
    });
  }

  if (wanted('import')) {
    addImportCommands(program, io, (result) => {
      code = result;
    });
  }

  if (wanted('presets')) program.command('presets').description('list VM, pool, firmware and device presets and the edk2 tags modelled')
    .option('--json', 'print them as JSON')
    .action(async (options: { json?: boolean }) => {
      const vms = await presetSummaries('vms');
      const pools = await presetSummaries('pools');
      const firmware = await firmwarePresets();
      if (isInputError(firmware)) {
        code = refuse(io, firmware);
        return;
      }
      const devices = await devicePresets();
      if (isInputError(devices)) {
        code = refuse(io, devices);
        return;
      }
      const deviceList = devices.map((d) => ({ name: d.name, description: `${d.bars.map((b) => `BAR ${b.index} ${formatSize(b.size)}${b.is64 ? ' 64-bit' : ''}${b.prefetchable ? ' pref' : ''}`).join(', ')}${d.vga ? ', VGA' : ''}` }));
      const document: PresetsDocument = {
        vms, pools, firmware: firmware.map(({ images: _images, ...preset }) => preset),
        devices: devices.map((d) => ({ name: d.name, description: d.description, vga: d.vga, bars: toJson(d.bars) })), edk2Tags: EDK2_TAGS,
      };
      io.stdout(options.json
        ? `${JSON.stringify(document, null, 2)}\n`
        : presetsText(vms, pools, firmware.map((f) => ({ name: f.name, description: `${f.edk2}${f.backports?.length ? ` + ${f.backports.join(', ')}` : ''}, ${f.defaultBuild} build: ${f.description}` })), deviceList));
    });

  if (only === null) {
    addHelpCommands(program, io, VERSION, (result) => {
      code = result;
    });
  }

  // A flag given twice (--memory 1Q --memory 4G) is refused, not decided by the last one (issue 21); flags that
  // collect (--device, --fw-cfg, --host-caps, …) are repeatable by design.
  program.hook('preAction', (_program, action) => {
    const repeated = repeatedFlag(action, argv) ?? secondStdinReader(argv);
    if (repeated) action.error(`error: ${repeated}`, { exitCode: 2 });
  });
  // `help nope` printed the whole help with exit 0; an unknown command is bad usage.
  const [first, topic] = argv;
  if (first === 'help' && topic !== undefined && !program.commands.some((c) => c.name() === topic)) {
    io.stderr(`gpa-planner: help: "${topic}" is not a command (${program.commands.map((c) => c.name()).join(', ')})\n`);
    return 2;
  }

  try {
    // Without arguments a terminal gets the interactive planner; a script gets the usage (exit 2).
    if (argv.length === 0 && !io.isTerminal?.()) {
      io.stderr(program.helpInformation());
      return 2;
    }
    await program.parseAsync(argv.length === 0 ? ['tui'] : argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; commander has already printed its one-line errors.
      return error.exitCode === 0 ? 0 : 2;
    }
    throw error;
  }
}

/** The first non-repeatable option of the command given twice in argv (as --name, --name=value or --no-name), said as an error. */
function repeatedFlag(command: Command, argv: readonly string[]): string | null {
  const end = argv.indexOf('--');
  const seen = new Map<string, string>();
  for (const token of end === -1 ? argv : argv.slice(0, end)) {
    const flag = token.split('=')[0]!;
    const option = command.options.find((o) => o.long === flag);
    if (!option || option.parseArg === collect) continue;
    const attribute = option.attributeName();
    const earlier = seen.get(attribute);
    if (earlier !== undefined) return earlier === flag ? `${flag}: given more than once; give it once` : `${earlier} and ${flag}: both given; give one`;
    seen.set(attribute, flag);
  }
  return null;
}

/** Two options that would both read standard input (`--vm - --pool -`): one reader per run (issue 21). */
function secondStdinReader(argv: readonly string[]): string | null {
  const readers = argv.flatMap((token, i) => {
    const flag = token.split('=')[0]!;
    // `--pairs -` writes standard output; every other `-` reads standard input.
    return token.startsWith('--') && flag !== '--pairs' && (argv[i + 1] === '-' || token.endsWith('=-')) ? [flag] : [];
  });
  return readers.length > 1 ? `${readers[0]} and ${readers[1]}: both read standard input; give one of them a file` : null;
}

/** Commander's errors ("error: unknown option '--memroy'\n(Did you mean --memory?)") as one line. */
function oneLine(text: string): string {
  return text.startsWith('error:') ? `gpa-planner: ${text.slice('error:'.length).trim().replace(/\s*\n\s*/g, ' ')}\n` : text;
}

type Named = { name: string; description: string };

function presetsText(vms: Named[], pools: Named[], firmware: Named[], devices: Named[]): string {
  const width = Math.max(...[...vms, ...pools, ...firmware, ...devices].map((p) => p.name.length));
  const list = (items: { name: string; description: string }[]) => items.map((p) => `  ${p.name.padEnd(width)}  ${p.description}`);
  return [
    'VM presets (--preset NAME):', ...list(vms), '',
    'Pool presets (--pool-preset NAME):', ...list(pools), '',
    'Firmware presets (--firmware NAME):', ...list(firmware), '',
    'Device presets (--device NAME, a VM file\'s devices[].preset):', ...list(devices), '',
    `edk2 tags (--firmware TAG): ${EDK2_TAGS[0]} … ${EDK2_TAGS.at(-1)}`, '',
  ].join('\n');
}
