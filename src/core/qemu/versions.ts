/** QEMU release numbers ("7.2"), used both for the binary and for versioned machine types (pc-q35-7.2). */

export interface QemuVersion {
  readonly major: number;
  readonly minor: number;
}

/** Every QEMU release whose machine types the model knows, oldest first. */
export const QEMU_RELEASES: readonly QemuVersion[] = [
  ...[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((minor) => ({ major: 2, minor })),
  { major: 3, minor: 0 }, { major: 3, minor: 1 },
  { major: 4, minor: 0 }, { major: 4, minor: 1 }, { major: 4, minor: 2 },
  { major: 5, minor: 0 }, { major: 5, minor: 1 }, { major: 5, minor: 2 },
  { major: 6, minor: 0 }, { major: 6, minor: 1 }, { major: 6, minor: 2 },
  { major: 7, minor: 0 }, { major: 7, minor: 1 }, { major: 7, minor: 2 },
  { major: 8, minor: 0 }, { major: 8, minor: 1 }, { major: 8, minor: 2 },
  { major: 9, minor: 0 }, { major: 9, minor: 1 }, { major: 9, minor: 2 },
  { major: 10, minor: 0 }, { major: 10, minor: 1 }, { major: 10, minor: 2 },
  // 11.0.0 (2026-04-22), 11.1.0 (2026-08-11); shared/spec/releases-2026.md §1.1. 11.2 is in development.
  { major: 11, minor: 0 }, { major: 11, minor: 1 },
];

export const NEWEST_QEMU: QemuVersion = { major: 11, minor: 1 };

export function compareVersions(a: QemuVersion, b: QemuVersion): number {
  return a.major !== b.major ? a.major - b.major : a.minor - b.minor;
}

export function isAtLeast(v: QemuVersion, major: number, minor: number): boolean {
  return v.major !== major ? v.major > major : v.minor >= minor;
}

export function formatVersion(v: QemuVersion): string {
  return `${v.major}.${v.minor}`;
}

export function isKnownRelease(v: QemuVersion): boolean {
  return QEMU_RELEASES.some((r) => compareVersions(r, v) === 0);
}
