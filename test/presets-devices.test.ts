/**
 * presets/devices (issue 11): every device preset is PCI-valid data whose BARs are quoted from a public lspci dump.
 * Reads the JSON files directly, not through a loader.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';

interface DeviceBar {
  index: number;
  size: string;
  bits: number;
  prefetchable: boolean;
}

interface DevicePreset {
  name: string;
  description: string;
  vendorId: string;
  deviceId: string;
  /** True only for a "VGA compatible controller" (class 0300); absent when no class line could be cited. */
  vga?: boolean;
  bars: DeviceBar[];
  sources: string[];
}

const dir = new URL('../presets/devices/', import.meta.url);
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.json'))
  .sort();
const presets = files.map((file): [string, DevicePreset] => [
  file,
  JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as DevicePreset,
]);

/** lspci's size suffixes: K, M, G, T are powers of 1024; no suffix is bytes. */
const SCALE: Readonly<Record<string, bigint>> = { '': 1n, K: 1n << 10n, M: 1n << 20n, G: 1n << 30n, T: 1n << 40n };

/** Bytes of a size written as lspci prints it (`16K`, `256M`, `128G`). */
function bytes(size: string): bigint {
  const match = /^(\d+)([KMGT]?)$/.exec(size);
  const [, digits = '', unit = ''] = match ?? [];
  const scale = SCALE[unit];
  if (match === null || scale === undefined) throw new Error(`not an lspci size: ${JSON.stringify(size)}`);
  return BigInt(digits) * scale;
}

/** PCI memory BARs are naturally aligned powers of two of at least 16 bytes. */
function isBarSize(size: bigint): boolean {
  return size >= 16n && (size & (size - 1n)) === 0n;
}

/** The PCI classes lspci names in a device's own line; only the first is VGA (class 0300). */
const CLASSES = [
  'VGA compatible controller',
  '3D controller',
  'Display controller',
  'Ethernet controller',
  'Network controller',
  'Non-Volatile memory controller',
] as const;

/**
 * Classes named by the lspci device lines quoted in some text: a slot address (optionally with a domain),
 * the class, an optional `[code]` (lspci -nn), then a colon, e.g.
 * `01:00.0 VGA compatible controller: NVIDIA Corporation Device 2684 (rev a1)`.
 */
function quotedClasses(text: string): string[] {
  const line = new RegExp(
    `(?:[0-9a-f]{4}:)?[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7] (${CLASSES.map(literal).join('|')})(?: \\[[0-9a-f]{4}\\])?: `,
    'g',
  );
  return [...text.matchAll(line)].map((match) => match[1] ?? '');
}

/** Escapes text for use inside a RegExp. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the local lspci size reader', () => {
  it.each([
    ['16', 16n],
    ['16K', 16_384n],
    ['256M', 268_435_456n],
    ['128G', 137_438_953_472n],
    ['1T', 1_099_511_627_776n],
  ])('reads %s as %d bytes (suffixes are powers of 1024)', (size, expected) => {
    expect(bytes(size)).toBe(expected);
  });

  it('rejects what lspci never prints', () => {
    expect(() => bytes('16 KiB')).toThrow('not an lspci size: "16 KiB"');
  });

  it('reads the class from quoted lspci device lines, with or without a domain or class code, and nothing else', () => {
    expect(
      quotedClasses(
        "'01:00.0 VGA compatible controller: NVIDIA Corporation Device 2684 (rev a1)', " +
          "'0000:01:00.0 3D controller: NVIDIA Corporation Device 26b9 (rev a1)', " +
          "'03:00.0 VGA compatible controller [0300]: Advanced Micro Devices, Inc. [AMD/ATI] Navi 31'",
      ),
    ).toEqual(['VGA compatible controller', '3D controller', 'VGA compatible controller']);
    expect(quotedClasses("'Class:  Ethernet controller [0200]', 'Capabilities: [60] Express (v2) Legacy Endpoint'")).toEqual([]);
  });

  it('tells BAR sizes from sizes no BAR can have', () => {
    expect([bytes('16'), bytes('16K'), bytes('128G')].map(isBarSize)).toEqual([true, true, true]);
    expect([bytes('8'), bytes('48G'), 0n].map(isBarSize)).toEqual([false, false, false]);
  });
});

describe('presets/devices', () => {
  it('holds the presets the folder README lists, and no others', () => {
    const readme = readFileSync(new URL('README.md', dir), 'utf8');
    const listed = [...readme.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((row) => row[1]).sort();
    expect(files.length).toBeGreaterThanOrEqual(8);
    expect(listed).toEqual(files.map((file) => basename(file, '.json')));
  });

  it.each(presets)('%s has exactly the preset fields, a lowercase name equal to the file name and 4-digit hex IDs', (file, preset) => {
    const optional = 'vga' in preset ? ['vga'] : [];
    expect(Object.keys(preset).sort()).toEqual(['bars', 'description', 'deviceId', 'name', 'sources', 'vendorId', ...optional].sort());
    expect(preset.name).toBe(basename(file, '.json'));
    expect(preset.name).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(preset.description).not.toBe('');
    expect([preset.vendorId, preset.deviceId]).toEqual([expect.stringMatching(/^[0-9a-f]{4}$/), expect.stringMatching(/^[0-9a-f]{4}$/)]);
  });

  it.each(presets.filter(([, preset]) => 'vga' in preset))(
    '%s has a boolean vga right after deviceId, matching the class of the lspci device line it quotes',
    (_file, preset) => {
      const keys = Object.keys(preset);
      expect(keys.indexOf('vga')).toBe(keys.indexOf('deviceId') + 1);
      expect(typeof preset.vga).toBe('boolean');
      // Every quoted device line is this card's own, so they all name one class; edk2 never rejects class 0300.
      const classes = new Set(quotedClasses(preset.sources.join('\n')));
      expect(classes.size, 'classes quoted').toBe(1);
      const [quoted] = classes;
      expect(preset.vga).toBe(quoted === 'VGA compatible controller');
    },
  );

  it.each(presets)('%s has BARs with indices 0-5, each used once, and power-of-two sizes of at least 16 bytes', (_file, preset) => {
    expect(preset.bars.length).toBeGreaterThan(0);
    for (const bar of preset.bars) {
      expect(Object.keys(bar).sort()).toEqual(['bits', 'index', 'prefetchable', 'size']);
      expect([0, 1, 2, 3, 4, 5]).toContain(bar.index);
      expect([32, 64]).toContain(bar.bits);
      expect(typeof bar.prefetchable).toBe('boolean');
      expect(isBarSize(bytes(bar.size)), `BAR ${bar.index} size ${bar.size}`).toBe(true);
    }
    const indices = preset.bars.map((bar) => bar.index);
    expect(new Set(indices).size).toBe(indices.length);
  });

  it.each(presets)('%s has every 64-bit BAR take two registers: the next index exists and is unused', (_file, preset) => {
    // A 64-bit BAR may start at any register 0-4 (NVIDIA's BAR 1 and BAR 3 are 64-bit); the upper half of the
    // address sits in the following register, which is therefore not a BAR of its own.
    const used = new Set(preset.bars.map((bar) => bar.index));
    for (const bar of preset.bars.filter((b) => b.bits === 64)) {
      expect(bar.index, `64-bit BAR ${bar.index}`).toBeLessThanOrEqual(4);
      expect(used.has(bar.index + 1), `register ${bar.index + 1} after 64-bit BAR ${bar.index}`).toBe(false);
    }
  });

  it.each(presets)('%s cites at least one public address', (_file, preset) => {
    expect(preset.sources.length).toBeGreaterThan(0);
    expect(preset.sources.some((source) => source.includes('http'))).toBe(true);
  });

  it.each(presets)('%s quotes each BAR from its dump with the same size, width, prefetchability and Region number', (_file, preset) => {
    const quoted = preset.sources.join('\n');
    // lspci -vv prints "Region N: Memory at …"; lspci -v lists the regions without their numbers.
    const numbered = quoted.includes('Region ');
    for (const bar of preset.bars) {
      const kind = bar.prefetchable ? 'prefetchable' : 'non-prefetchable';
      const region = numbered ? `Region ${bar.index}: ` : '';
      const line = new RegExp(
        `${literal(region)}Memory at \\S+ \\(${bar.bits}-bit, ${kind}\\)(?: \\[[a-z]+\\])* \\[size=${literal(bar.size)}\\]`,
      );
      expect(quoted, `BAR ${bar.index}`).toMatch(line);
    }
  });
});
