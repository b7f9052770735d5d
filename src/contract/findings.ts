/**
 * Findings as the documents carry them (render/plan-json.ts findingToJson): the code, its severity (fixed per code,
 * core/findings.ts SEVERITY), the message, then the code's details with bigints in hex. One branch per code, so a
 * JSON Schema validator checks that a code carries its own severity; the codes are the ones `explain` lists.
 */
import { z } from 'zod';
import type { Document } from './common.js';
import { type FindingCode, SEVERITY } from '../core/findings.js';
import { FINDING_CODES } from '../render/finding-explanations.js';

export const FindingCodeEnum = z.enum(FINDING_CODES as [FindingCode, ...FindingCode[]]);
export const SeverityEnum = z.enum(['error', 'warning', 'info']);

/** Each code's branch: `extra` holds fields a document adds (the pool's counts); details stay open per code. */
function findingUnion<S extends z.core.$ZodLooseShape>(extra: S) {
  const branch = (code: FindingCode) => z.object({ code: z.literal(code), severity: z.literal(SEVERITY[code]), message: z.string(), ...extra }).catchall(z.unknown());
  const [first, ...rest] = FINDING_CODES.map(branch);
  return z.discriminatedUnion('code', [first!, ...rest]);
}

export const Finding = findingUnion({}).meta({ id: 'finding', description: 'a finding: code, severity, message, then the code\'s details (explain CODE says what it means)' });
export type FindingDocument = Document<typeof Finding>;

export { findingUnion };
