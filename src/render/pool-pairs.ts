/**
 * `pool check --pairs FILE`: every (boot, destination) pair of groups as NDJSON, one object a line
 * (`{"boot":"g1","destination":"g2","ok":false,"findings":["pool_migration_width_shrinks"]}`), boot-major, in chunks
 * made as they are written: the list is never held in memory.
 */
import type { PoolReport } from '../core/pool/check.js';
import type { PoolPair } from '../contract/pool.js';

/** Chunks of about this many characters. */
const CHUNK = 1 << 16;

export function* pairLines(report: PoolReport): Generator<string> {
  let chunk = '';
  for (const pair of report.eachPair()) {
    // Written field by field (the same text as JSON.stringify(line)), typed by the contract's line.
    const line: PoolPair = { boot: pair.boot, destination: pair.destination, ok: pair.ok, findings: pair.findings.map((f) => f.code) };
    chunk += `{"boot":${JSON.stringify(line.boot)},"destination":${JSON.stringify(line.destination)},"ok":${line.ok},"findings":${JSON.stringify(line.findings)}}\n`;
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}
