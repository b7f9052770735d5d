/** `gpa-planner explain --json` and `explain CODE --json` (cli/help-commands.ts, render/finding-explanations.ts). */
import { z } from 'zod';
import type { Document } from './common.js';
import { FindingCodeEnum, SeverityEnum } from './findings.js';
import { FINDING_CODES } from '../render/finding-explanations.js';

const Words = { means: z.string(), why: z.string(), change: z.string(), source: z.string() };

/** `explain CODE --json`: one code. */
export const ExplanationDocumentSchema = z.strictObject({ code: FindingCodeEnum, severity: SeverityEnum, ...Words })
  .meta({ title: 'gpa-planner explain CODE --json', description: 'what one finding code means, why, what to change, and its source' });

/** `explain --json`: every code, in explain's order, to its severity and words. */
export const ExplanationsDocumentSchema = z.strictObject(Object.fromEntries(FINDING_CODES.map((code) => [code, z.strictObject({ severity: SeverityEnum, ...Words })])))
  .meta({ title: 'gpa-planner explain --json', description: 'every finding code: its severity, what it means, why, what to change, and its source' });

export type ExplanationDocument = Document<typeof ExplanationDocumentSchema>;
