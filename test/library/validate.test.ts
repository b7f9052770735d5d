// The validation example of docs/json-schemas.md, run as written: the shipped schema, loaded by its package path,
// checks a plan document with Ajv's draft 2020-12 class. test/package/install.test.ts runs it from an installed package.
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { plan, planToJson, vmSpec } from 'gpa-planner';

const require = createRequire(import.meta.url);
// allowUnionTypes: a migration class's values are `"type": ["string", "number", "boolean", "null"]`.
const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
const validatePlan = ajv.compile(require('gpa-planner/schemas/plan-v1.schema.json'));

describe('plan-v1.schema.json', () => {
  it('accepts what gpa-planner prints, and names the field it refuses', async () => {
    const document = JSON.parse(JSON.stringify(planToJson(plan(await vmSpec({ memory: '4G' })))));
    expect(validatePlan(document)).toBe(true);

    document.qemu.maxUsedGpa = 4831838207; // a number where the contract has a hex string
    expect(validatePlan(document)).toBe(false);
    expect(validatePlan.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual(['/qemu/maxUsedGpa must be string']);
  });
});
