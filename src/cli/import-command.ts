/**
 * `gpa-planner import vm FILE|-` and `import host FILE|-…`: their options; the importers load only when one runs.
 */
import type { Command } from 'commander';
import type { ExitCode, Io } from './io.js';
import { collect } from './collect.js';


export function addImportCommands(program: Command, io: Io, done: (code: ExitCode) => void): void {
  const command = program.command('import').description('print the VM file or pool hosts that libvirt XML, a QEMU command line, a Proxmox VE config, virsh capabilities or domcapabilities, /proc/cpuinfo or lscpu --json describe');
  command.command('vm')
    .description('libvirt domain XML (virsh dumpxml), a QEMU command line (ps, /proc/PID/cmdline, libvirt\'s QEMU log) or a Proxmox VE config (qm config VMID, /etc/pve/qemu-server/VMID.conf) → the VM file plan --vm reads')
    .argument('<file>', 'the file, or "-" for standard input')
    .option('--from <format>', 'the file\'s format: libvirt, qemu or proxmox (default: recognised by its content)')
    .option('--node-phys-bits <N>', 'Proxmox memory hotplug: the physical address bits of the node that starts the VM (its /proc/cpuinfo "address sizes"), which qemu-server sizes maxmem from')
    .option('--hostpci <key=preset>', 'Proxmox: the device preset of a passed-through hostpciN device, e.g. hostpci0=nvidia-l40s (repeatable)', collect)
    .action(async (file: string, options: { from?: string; nodePhysBits?: string; hostpci?: string[] }) => done(await (await import('./import-run.js')).importVm(file, options, io)));
  command.command('host')
    .description('virsh capabilities or domcapabilities, /proc/cpuinfo or lscpu --json → a pool file host entry; several inputs make a pool file. With one host input, QEMU firmware descriptors (/usr/share/qemu/firmware/*.json) add its firmware images and a kernel log (dmesg) its IOMMU width')
    .argument('<files...>', 'the files ("-" for standard input, once)')
    .option('--from <format>', 'the host inputs\' format: capabilities, domcapabilities, cpuinfo or lscpu (default: recognised by content; firmware descriptors and kernel logs always are)')
    .option('--name <name>', 'the host entry\'s name, once per host input (default: the file name without its extension)', collect)
    .option('--qemu <X.Y>', 'the QEMU release the hosts run (virsh capabilities tells; /proc/cpuinfo and lscpu do not)')
    .option('--firmware <tag|preset>', 'the OVMF the hosts have: an edk2 stable tag or a firmware preset (no input tells)')
    .option('--firmware-dir <dir>', 'read this machine\'s firmware descriptors there (e.g. /usr/share/qemu/firmware) and the sizes of the images they name')
    .option('--iommu-cap <file>', 'a VT-d capability register, /sys/class/iommu/dmar*/intel-iommu/cap (repeatable, or one per line)', collect)
    .action(async (files: string[], options: { from?: string; name?: string[]; qemu?: string; firmware?: string; firmwareDir?: string; iommuCap?: string[] }) => done(await (await import('./import-run.js')).importHost(files, options, io)));
}
