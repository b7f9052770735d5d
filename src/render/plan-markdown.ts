/**
 * `plan --format markdown`: the plan as a wiki page section: the VM, the address map as a table, QEMU's and OVMF's
 * sizing, the findings and the verdict (FAIL when a finding is an error, as the exit code 1 says).
 */
import { hasError, qemuRefusal, SEVERITY } from '../core/findings.js';
import type { Plan } from '../core/plan.js';
import type { RefusalFixes } from '../core/qemu/refusal-fixes.js';
import { rangeEnd } from '../core/units.js';
import { mapEntries } from './address-map.js';
import { devicesText } from './devices-text.js';
import { formatSize, hex64 } from './format.js';
import { markdownCode, markdownList, markdownTable, markdownText } from './markdown.js';
import { findingMessage } from './messages.js';
import { header, ovmfSummary, qemuSummary, refusalFixLines } from './plan-text.js';

export function planToMarkdown(plan: Plan, fixes: RefusalFixes | null = null): string {
  const [vm, ...about] = header(plan);
  // A machine type QEMU does not register never gets a layout: QEMU exits before it builds one (as the text).
  const unsupported = qemuRefusal(plan.findings)?.code === 'qemu_machine_type_unsupported';
  const devices = devicesText(plan, null);
  return [
    `## ${markdownText(vm!)}`, '',
    ...markdownList(about, 0), '',
    ...(unsupported ? [] : ['### Guest physical address map', '', ...addressMap(plan), '']),
    '### QEMU', '',
    ...markdownList(unsupported ? qemuSummary(plan).slice(0, 1) : [...qemuSummary(plan), ...refusalFixLines(plan, fixes)], 0), '',
    '### OVMF', '',
    ...markdownList(ovmfSummary(plan), 0), '',
    ...(devices.length > 0 && !unsupported ? [`${markdownText(devices[0]!)}: ${markdownCode('--format text')} and ${markdownCode('--json')} show every BAR.`, ''] : []),
    '### Findings', '',
    ...(plan.findings.length === 0 ? ['None.'] : plan.findings.map((f) => `- **${SEVERITY[f.code]}** ${markdownCode(f.code)}: ${markdownText(findingMessage(f))}`)), '',
    `**Verdict: ${hasError(plan.findings) ? 'FAIL' : 'PASS'}**`,
  ].join('\n') + '\n';
}

/** Regions, gaps (`unused`) and the address-space limits, in address order; a limit has a start only. */
function addressMap(plan: Plan): string[] {
  const rows = mapEntries(plan).map(({ region, marker }) => (marker
    ? [markdownText(marker.what), markdownCode(hex64(marker.address)), '', '', '']
    : [markdownText(region.what), markdownCode(hex64(region.base)), markdownCode(hex64(rangeEnd(region))), markdownText(formatSize(region.size)), markdownText(region.by)]));
  return markdownTable(['region', 'start', 'end (exclusive)', 'size', 'by'], rows, ['left', 'left', 'left', 'right']);
}
