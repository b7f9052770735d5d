// Fleet-scale sweep: every template gets a full pool check (with its own phys-bits) and a recommendation, against a
// generated fleet. Also reports how the time grows with the number of hosts. Uses the built library (bundle/index.js).
import { checkPool, groupHosts, recommend, vmSpec } from '../bundle/index.js';
import { fleet, templates } from './fleet.mjs';

export async function sweep(hostCount, templateCount) {
  const pool = fleet(hostCount);
  const vms = await Promise.all(templates(templateCount).map((t) => vmSpec(t)));
  const start = process.hrtime.bigint();
  let passes = 0;
  let recommended = 0;
  for (const vm of vms) {
    const report = checkPool(vm, pool, { kind: 'fixed', physBits: vm.cpu.physBits });
    if (report.verdict === 'pass') passes++;
    if (recommend(vm, pool).best) recommended++;
  }
  const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { hosts: hostCount, groups: groupHosts(pool).length, templates: templateCount, wallSeconds, evaluationsPerSecond: Math.round(templateCount / wallSeconds), passes, recommended };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const hosts = Number(process.argv[2] ?? 100000);
  const count = Number(process.argv[3] ?? 1000);
  const result = await sweep(hosts, count);
  console.log(JSON.stringify({ ...result, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
}
