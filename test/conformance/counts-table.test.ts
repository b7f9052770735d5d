/** docs/model.md's and conformance/README.md's tables of real boots per QEMU × OVMF pair are the fixtures' own counts. */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = `${root}test/conformance/fixtures`;
type Fixture = { vm: { qemuVersion: string; firmware: { edk2: string; backports?: string[] } } };
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as Fixture);
const column = (f: Fixture) => `${f.vm.firmware.edk2.slice('edk2-stable'.length, -2)}.${f.vm.firmware.edk2.slice(-2)}${f.vm.firmware.backports?.length ? ` + ${f.vm.firmware.backports.join(' + ')}` : ''}`;

/** The rows of the table whose header starts with `head`: QEMU release → OVMF column → count. */
function table(text: string, head: string): Map<string, Map<string, number>> {
  const lines = text.split('\n').map((l) => l.trim());
  const start = lines.findIndex((l) => l.startsWith(head));
  const columns = lines[start]!.split('|').slice(2, -1).map((c) => c.trim());
  const rows = new Map<string, Map<string, number>>();
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const [qemu, ...cells] = line.split('|').slice(1, -1).map((c) => c.trim());
    rows.set(qemu!, new Map(cells.map((c, i) => [columns[i]!, c === '–' ? 0 : Number(c)])));
  }
  return rows;
}

describe('the tables of real boots per QEMU and OVMF release', () => {
  const counts = new Map<string, number>();
  for (const f of fixtures) counts.set(`${f.vm.qemuVersion}|${column(f)}`, (counts.get(`${f.vm.qemuVersion}|${column(f)}`) ?? 0) + 1);
  for (const [file, head] of [['docs/model.md', '| real boots replayed'], ['conformance/README.md', '| QEMU \\ OVMF']] as const) {
    it(`${file} shows every pair's count`, () => {
      const shown = table(readFileSync(`${root}${file}`, 'utf8'), head);
      const listed = [...shown].flatMap(([qemu, cells]) => [...cells].filter(([, n]) => n > 0).map(([ovmf, n]) => [`${qemu}|${ovmf}`, n] as const));
      expect(new Map(listed)).toEqual(counts);
    });
  }
});
