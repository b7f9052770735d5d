/** The README's picture (docs/img/address-map.svg) is what scripts/address-map-svg.mjs draws from today's output. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PICTURE_COMMAND, terminalSvg } from '../scripts/address-map-svg.mjs';
import { cli } from './cli/run-cli.js';

const committed = readFileSync(new URL('../docs/img/address-map.svg', import.meta.url), 'utf8');

describe('the README picture', () => {
  it('is the SVG the script draws from the command it names (run `node scripts/address-map-svg.mjs` after a change)', () => {
    const result = cli([...PICTURE_COMMAND]);
    expect(result.status).toBe(0);
    expect(committed).toBe(terminalSvg(PICTURE_COMMAND, result.stdout));
  });

  it('tints each region by who places it: RAM by QEMU, the aperture by OVMF, the flash by the platform', () => {
    const fill = (region: string) => new RegExp(`fill="(#[0-9a-f]{6})"[^>]*>[^<]*${region}`).exec(committed)?.[1];
    expect(fill('RAM below 4 GiB')).toBe('#7fb4ff');
    expect(fill('64-bit PCI aperture \\(dynamic window\\)')).toBe('#8fe388');
    expect(fill('IOAPIC, LAPIC, firmware flash')).toBe('#d0a8ff');
    // The address space QEMU and OVMF leave free is drawn dim.
    expect(fill('unused')).toBe('#808080');
  });

  it('escapes what XML would read as markup', () => {
    expect(terminalSvg(['x'], 'a <b> & c\n')).toContain('>a &lt;b&gt; &amp; c</text>');
  });
});
