/**
 * The published JSON Schemas (schemas/*.schema.json), generated from the contracts' and the input files' zod schemas
 * with zod's toJSONSchema (draft 2020-12): `npm run schemas` writes them, test/contract/json-schemas.test.ts checks
 * that the committed files are what this produces.
 */
import { z } from 'zod';
import { HostSchema, PoolFileSchema, VmFileSchema } from '../input/schema.js';
import { PlanDocumentSchema } from './plan.js';
import { ReverseDocumentSchema } from './reverse.js';
import { PoolDocumentSchema, PoolPairSchema } from './pool.js';
import { PresetsDocumentSchema } from './presets.js';
import { ExplanationDocumentSchema, ExplanationsDocumentSchema } from './explain.js';
import { POOL_SCHEMA, PLAN_SCHEMA, REVERSE_SCHEMA, schemaId } from './names.js';

/** A title for an input schema (zod/mini's, which has no .meta()). */
const titled = (schema: z.core.$ZodType, title: string) => z.globalRegistry.add(schema, { title }) && schema;

export interface SchemaFile {
  /** the file name under schemas/ */
  readonly file: string;
  /** what prints or reads it */
  readonly covers: string;
  readonly json: Record<string, unknown>;
}

const SCHEMAS: readonly { file: string; id: string; covers: string; schema: z.core.$ZodType; io: 'input' | 'output' }[] = [
  { file: 'plan-v1.schema.json', id: schemaId(PLAN_SCHEMA), covers: 'plan --json', schema: PlanDocumentSchema, io: 'output' },
  { file: 'reverse-v1.schema.json', id: schemaId(REVERSE_SCHEMA), covers: 'reverse --json', schema: ReverseDocumentSchema, io: 'output' },
  { file: 'pool-v2.schema.json', id: schemaId(POOL_SCHEMA), covers: 'pool check --json, pool recommend --json', schema: PoolDocumentSchema, io: 'output' },
  { file: 'pool-pair.schema.json', id: schemaId('gpa-planner/pool-pair'), covers: 'each line of pool check|recommend --pairs', schema: PoolPairSchema, io: 'output' },
  { file: 'vm-file.schema.json', id: schemaId('gpa-planner/vm-file'), covers: 'import vm; --vm FILE, presets/vms/*.json, the TUI\'s NAME.vm.json', schema: titled(VmFileSchema, 'gpa-planner VM file'), io: 'input' },
  { file: 'pool-file.schema.json', id: schemaId('gpa-planner/pool-file'), covers: 'import host with several inputs; --pool FILE, presets/pools/*.json, the TUI\'s NAME.pool.json', schema: titled(PoolFileSchema, 'gpa-planner pool file'), io: 'input' },
  { file: 'host.schema.json', id: schemaId('gpa-planner/host'), covers: 'import host with one input: one entry of a pool file\'s hosts', schema: titled(HostSchema, 'gpa-planner pool file host entry'), io: 'input' },
  { file: 'presets.schema.json', id: schemaId('gpa-planner/presets'), covers: 'presets --json', schema: PresetsDocumentSchema, io: 'output' },
  { file: 'explain.schema.json', id: schemaId('gpa-planner/explain'), covers: 'explain --json', schema: ExplanationsDocumentSchema, io: 'output' },
  { file: 'explain-code.schema.json', id: schemaId('gpa-planner/explain-code'), covers: 'explain CODE --json', schema: ExplanationDocumentSchema, io: 'output' },
];

export function jsonSchemaFiles(): SchemaFile[] {
  return SCHEMAS.map(({ file, id, covers, schema, io }) => {
    const { $schema, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io });
    return { file, covers, json: { $schema, $id: id, ...rest } };
  });
}

/** A file's text as committed: two-space JSON and a final newline. */
export function schemaText(file: SchemaFile): string {
  return `${JSON.stringify(file.json, null, 2)}\n`;
}
