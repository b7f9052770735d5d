/**
 * `gpa-planner import vm FILE|-` and `import host FILE|-…`: their options; the importers load only when one runs.
 */
import type { Command } from 'commander';
import type { ExitCode, Io } from './io.js';
import { collect } from './collect.js';


export function addImportCommands(program: Command, io: Io, done: (code: ExitCode) => void): void {
  const command = program.command('import').description('print the VM file or pool hosts that libvirt XML, a QEMU command line, virsh capabilities, /proc/cpuinfo or lscpu --json describe');
  command.command('vm')
    .description('libvirt domain XML (virsh dumpxml) or a QEMU command line (ps, /proc/PID/cmdline, libvirt\'s QEMU log) → the VM file plan --vm reads')
    .argument('<file>', 'the file, or "-" for standard input')
    .action(async (file: string) => done(await (await import('./import-run.js')).importVm(file, io)));
  command.command('host')
    .description('virsh capabilities, /proc/cpuinfo or lscpu --json → a pool file host entry; several inputs make a pool file. With one host input, QEMU firmware descriptors (/usr/share/qemu/firmware/*.json) add its firmware images and a kernel log (dmesg) its IOMMU width')
    .argument('<files...>', 'the files ("-" for standard input, once)')
    .option('--name <name>', 'the host entry\'s name, once per host input (default: the file name without its extension)', collect)
    .option('--qemu <X.Y>', 'the QEMU release the hosts run (virsh capabilities tells; /proc/cpuinfo and lscpu do not)')
    .option('--firmware <tag|preset>', 'the OVMF the hosts have: an edk2 stable tag or a firmware preset (no input tells)')
    .option('--firmware-dir <dir>', 'read this machine\'s firmware descriptors there (e.g. /usr/share/qemu/firmware) and the sizes of the images they name')
    .option('--iommu-cap <file>', 'a VT-d capability register, /sys/class/iommu/dmar*/intel-iommu/cap (repeatable, or one per line)', collect)
    .action(async (files: string[], options: { name?: string[]; qemu?: string; firmware?: string; firmwareDir?: string; iommuCap?: string[] }) => done(await (await import('./import-run.js')).importHost(files, options, io)));
}
