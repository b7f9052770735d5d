// The README's picture: `gpa-planner plan --preset small-desktop` as a terminal would show it, drawn as an SVG, with
// each region of the address map coloured by who places it (QEMU, OVMF, the platform). Run after `npm run build`:
//   node scripts/address-map-svg.mjs      → docs/img/address-map.svg
// test/readme-picture.test.ts checks that the committed picture is what this script draws from today's output.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const PICTURE_COMMAND = ['plan', '--preset', 'small-desktop'];

const CELL_WIDTH = 8.4;
const LINE_HEIGHT = 18;
const PAD = 16;
/** Region rows of the map, by the "by" column the text map prints. */
const OWNER_COLOURS = { QEMU: '#7fb4ff', OVMF: '#8fe388', platform: '#d0a8ff' };
const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The text as a dark terminal window; the lines of the map's table tinted by owner, headings bold. */
export function terminalSvg(command, text) {
  const lines = [`$ gpa-planner ${command.join(' ')}`, ...text.replace(/\n$/, '').split('\n')];
  const columns = Math.max(...lines.map((l) => [...l].length));
  const width = Math.ceil(columns * CELL_WIDTH + 2 * PAD);
  const height = lines.length * LINE_HEIGHT + 2 * PAD;
  const rows = lines.map((line, i) => {
    const owner = /^ {2}0x[0-9a-f]{16} {2}0x[0-9a-f]{16} +\S+ \S+ {2}(\S+)/.exec(line)?.[1];
    const colour = i === 0 ? '#a0a0a0' : OWNER_COLOURS[owner] ?? (/^  0x[0-9a-f]{16}  0x/.test(line) ? '#808080' : '#e8e8e8');
    const bold = /^[A-Z][^ ].*:|^Guest physical address map$/.test(line) && i > 0 ? ' font-weight="bold"' : '';
    return `  <text x="${PAD}" y="${PAD + (i + 1) * LINE_HEIGHT - 5}" fill="${colour}"${bold} xml:space="preserve">${escape(line)}</text>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="14">`,
    `  <rect width="${width}" height="${height}" rx="8" fill="#1e1e1e"/>`,
    ...rows,
    '</svg>',
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const cli = fileURLToPath(new URL('../bundle/cli.cjs', import.meta.url));
  const result = spawnSync(process.execPath, [cli, ...PICTURE_COMMAND], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (result.status !== 0) throw new Error(`gpa-planner ${PICTURE_COMMAND.join(' ')} exited ${result.status}: ${result.stderr}`);
  writeFileSync(new URL('../docs/img/address-map.svg', import.meta.url), terminalSvg(PICTURE_COMMAND, result.stdout));
}
