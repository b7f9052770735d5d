// The QEMU and OVMF builds the conformance boots run, as data: each a Debian package at an exact version, fetched from
// Debian's archive and unpacked by conformance/fetch-builds.mjs. OVMF rows name the edk2 base tag and the modelled
// commits the package's changelog cherry-picks (usr/share/doc/ovmf/changelog.Debian.gz), and the build of its
// OVMF_CODE_4M.fd.
export const SUITES = ['bullseye', 'bookworm', 'trixie', 'sid', 'trixie-backports'];

export const QEMU_BUILDS = [
  { id: 'q72', suite: 'bookworm', package: 'qemu-system-x86', version: '1:7.2+dfsg-7+deb12u18+b3', release: '7.2' },
  { id: 'q100', suite: 'trixie', package: 'qemu-system-x86', version: '1:10.0.13+ds-0+deb13u1', release: '10.0' },
  { id: 'q111', suite: 'sid', package: 'qemu-system-x86', version: '1:11.1.3+ds-1', release: '11.1' },
];

export const OVMF_BUILDS = [
  // Debian 11: "Switch OVMF_CODE_4M images to use a 32-bit PEI phase which supports SMM" (LP #1903681): Ia32X64.
  { id: 'ovmf11', suite: 'bullseye', package: 'ovmf', version: '2020.11-2+deb11u2', edk2: 'edk2-stable202011', backports: [], build: 'ia32x64' },
  // Debian 12: OvmfPkgIa32X64 for the 4M images (the X64 PEI came with 2023.11-8).
  { id: 'ovmf12', suite: 'bookworm', package: 'ovmf', version: '2022.11-6+deb12u2', edk2: 'edk2-stable202211', backports: [], build: 'ia32x64' },
  // Debian 13: 2025.02-2 "cherry-pick patch from upstream to 'use user-specified opt/ovmf/X-PciMmio64Mb value
  // unconditionally'. LP: #2101903" (edk2 9ac1704af664).
  { id: 'ovmf13', suite: 'trixie', package: 'ovmf', version: '2025.02-8+deb13u1', edk2: 'edk2-stable202502', backports: ['9ac1704af664'], build: 'x64' },
  // sid: "New upstream release, based on edk2-stable202608"; the X-PciMmio64Mb patch dropped as merged upstream.
  // In sid `ovmf` is a metapackage; the images are in ovmf-generic.
  { id: 'ovmfsid', suite: 'sid', package: 'ovmf-generic', version: '2026.08+ds-2', edk2: 'edk2-stable202608', backports: [], build: 'x64' },
];

/** The probe's own packages: a kernel with the qemu_fw_cfg module, busybox for /init, cpio to pack it. */
export const PROBE_BUILDS = [
  { id: 'kernel', suite: 'bookworm', package: 'linux-image-6.1.0-50-amd64', version: '6.1.176-1' },
  { id: 'busybox', suite: 'bookworm', package: 'busybox-static', version: '1:1.35.0-4+deb12u1+b1' },
  { id: 'cpio', suite: 'bookworm', package: 'cpio', version: '2.13+dfsg-7.1' },
];
