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

/** Each code with its own severity: one branch per code, the code's details left open. */
const CodeAndSeverity = (() => {
  const [first, ...rest] = FINDING_CODES.map((code) => z.object({ code: z.literal(code), severity: z.literal(SEVERITY[code]) }).catchall(z.unknown()));
  return z.discriminatedUnion('code', [first!, ...rest]).meta({ id: 'finding-code', description: 'a finding code and its severity (explain CODE)' });
})();

/** A finding as a document lists it: `extra` holds the fields a document adds (the pool's counts). */
export function findingUnion<S extends z.core.$ZodLooseShape>(extra: S) {
  return z.intersection(z.object({ message: z.string(), ...extra }).catchall(z.unknown()), CodeAndSeverity);
}

export const Finding = findingUnion({}).meta({ id: 'finding', description: 'a finding: code, severity, message, then the code\'s details (explain CODE says what it means)' });
export type FindingDocument = Document<typeof Finding>;

