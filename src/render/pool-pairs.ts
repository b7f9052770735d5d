/**
 * `pool check --pairs FILE`: every (boot, destination) pair of groups as NDJSON, one object a line
 * (`{"boot":"g1","destination":"g2","ok":false,"findings":["pool_migration_width_shrinks"]}`), boot-major, in chunks
 * made as they are written: the list is never held in memory.
 */
import type { PoolReport } from '../core/pool/check.js';

/** Chunks of about this many characters. */
const CHUNK = 1 << 16;

export function* pairLines(report: PoolReport): Generator<string> {
  let chunk = '';
  for (const pair of report.eachPair()) {
    chunk += `{"boot":${JSON.stringify(pair.boot)},"destination":${JSON.stringify(pair.destination)},"ok":${pair.ok},"findings":${JSON.stringify(pair.findings.map((f) => f.code))}}\n`;
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}
