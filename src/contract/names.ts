/**
 * The names of the JSON documents the CLI prints: the `schema` field a document carries, and the `$id` of its
 * published JSON Schema (schemas/*.schema.json). No zod here: the renderers import these on the CLI's start path.
 */
export const PLAN_SCHEMA = 'gpa-planner/plan/v1';
export const REVERSE_SCHEMA = 'gpa-planner/reverse/v1';
export const POOL_SCHEMA = 'gpa-planner/pool/v2';

/** `gpa-planner/plan/v1` → `urn:gpa-planner:plan/v1`: a URN, since the package has no web home to name (RFC 8141). */
export function schemaId(name: string): string {
  return `urn:${name.replace(/^gpa-planner\//, 'gpa-planner:')}`;
}
