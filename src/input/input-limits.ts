/**
 * The most each kind of input may hold, read no further (issue 17): sized to the largest real input of the kind,
 * so /dev/zero or a mistaken path is refused in milliseconds instead of read to the end.
 */
const MiB = 1024 * 1024;

export const INPUT_LIMITS = {
  /** A VM file: tens of KB even with hundreds of devices. */
  vmFile: { bytes: 4 * MiB, what: 'a VM file' },
  /** A pool file: about 150 bytes a host, so some 400,000 host entries. */
  poolFile: { bytes: 64 * MiB, what: 'a pool file' },
  /** A libvirt domain or capabilities XML, a QEMU command line (ARG_MAX is 2 MiB), a Proxmox config. */
  vmDescription: { bytes: 4 * MiB, what: 'a VM description' },
  /** /proc/cpuinfo: about 1.5 KB a logical CPU, so some 40,000 CPUs. */
  hostDescription: { bytes: 64 * MiB, what: 'a host description' },
  /** A QEMU firmware descriptor (docs/interop/firmware.json): a few KB. */
  firmwareDescriptor: { bytes: 1 * MiB, what: 'a firmware descriptor' },
} as const;

export type InputLimit = (typeof INPUT_LIMITS)[keyof typeof INPUT_LIMITS];

/** The reason a too-large input is refused, after `cannot read PATH (…)`. */
export function tooLargeText(limit: InputLimit): string {
  return `larger than ${limit.bytes / MiB} MiB, more than ${limit.what} holds; read no further`;
}
