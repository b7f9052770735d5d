/**
 * `gpa-planner pool check --json` and `pool recommend --json`: the `gpa-planner/pool/v2` document
 * (render/pool-json.ts poolToJson). Each plan in `plans` is a whole plan/v1 document.
 */
import { z } from 'zod';
import { Bits, Count, type Document, Hex, LabelledSetting, OvmfBuild, Vendor, Version } from './common.js';
import { Edk2Tag, VmInput } from './vm-input.js';
import { FindingCodeEnum, findingUnion } from './findings.js';
import { PlanDocumentSchema } from './plan.js';
import { MIGRATION_RULES } from '../core/pool/migration.js';
import { POOL_SCHEMA } from './names.js';

const GroupId = z.string().regex(/^g\d+$/);
const PlanId = z.string().regex(/^p\d+$/);

/** A group's host kind (render/pool-json.ts hostToJson): the pool file's host entry without its name and count. */
const GroupHost = z.strictObject({
  vendor: Vendor, physBits: Bits, guestPhysBits: Bits, pdpe1gb: z.boolean(), la57: z.boolean(), iommuBits: Bits.nullable(),
  qemu: Version, firmware: Edk2Tag, ovmfBuild: OvmfBuild,
  backports: z.array(z.string().regex(/^[0-9a-f]{12}$/)).optional(), package: z.string().optional(),
});

const Group = z.strictObject({
  id: GroupId,
  /** the names of the pool file's hosts in the group */
  hosts: z.array(z.string()),
  /** machines: the hosts' counts added up */
  count: Count,
  host: GroupHost,
  mappableBits: Bits,
  boots: z.boolean(),
  highestAddress: Hex.nullable(),
  /** the id of its plan in `plans`; null when its QEMU lacks the machine type */
  plan: PlanId.nullable(),
});

/** What a migration rule reads of one side (core/pool/migration.ts Side), bigints in hex. */
const SideClass = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
const MoveSide = z.strictObject({ class: SideClass, groups: Count, machines: Count, examples: z.array(GroupId) });
const RuleName = z.enum(MIGRATION_RULES.map((r) => r.name) as [string, ...string[]]);

/** A pool finding: the plan finding's fields, the first 10 hosts, groups (and pairs, moves) it concerns, the counts. */
const PoolFinding = findingUnion({
  hosts: z.array(z.string()), hostCount: Count, machines: Count, groups: z.array(GroupId), groupCount: Count,
  /** migration findings only */
  pairs: z.array(z.string().regex(/^g\d+->g\d+$/)).optional(),
  pairCount: Count.optional(),
  moves: z.array(z.strictObject({ rule: RuleName, pairs: Count, boot: MoveSide, destination: MoveSide })).optional(),
  moveCount: Count.optional(),
}).meta({ id: 'pool-finding', description: 'a finding across the pool, listed once, with what it concerns' });

const Applied = { args: z.array(z.string()), qemu: z.string(), libvirt: z.string() };

/** core/pool/recommend-explain.ts FailureExplanation: why no setting passes. */
const Explanation = z.strictObject({
  blocking: z.array(z.strictObject({ hosts: z.array(z.string()), machines: Count, physBits: Bits, reasons: z.array(FindingCodeEnum) })),
  rest: z.array(z.string()),
  restBest: z.strictObject({ setting: LabelledSetting, args: z.array(z.string()), worstAperture: Hex }).nullable(),
  restMigrationReasons: z.array(FindingCodeEnum),
  knobCombinations: z.array(z.strictObject({ physBits: Bits, pci64Mb: z.string().regex(/^\d+$/), size: Hex })),
});

const Recommendation = z.union([
  z.strictObject({
    setting: LabelledSetting, ...Applied, reason: z.string(), worstAperture: Hex, trustedMachines: Count,
    runnerUp: z.strictObject({ setting: LabelledSetting, args: z.array(z.string()), worstAperture: Hex, trustedMachines: Count }).nullable(),
    evaluated: Count, passing: Count, explanation: Explanation.optional(),
  }),
  z.strictObject({ setting: z.null(), reason: z.string(), evaluated: Count, passing: Count, explanation: Explanation.optional() }),
]);

export const PoolDocumentSchema = z.strictObject({
  schema: z.literal(POOL_SCHEMA),
  input: VmInput,
  verdict: z.enum(['pass', 'fail']),
  setting: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('fixed'), physBits: Bits, label: z.string(), ...Applied }),
    z.strictObject({ kind: z.literal('host'), limit: Bits.nullable(), label: z.string(), ...Applied }),
  ]),
  groups: z.array(Group),
  /** in the order the groups meet them; groups of one QEMU, OVMF and guest CPU share one */
  plans: z.array(z.strictObject({ id: PlanId, plan: PlanDocumentSchema })),
  migration: z.strictObject({ pairs: Count, failing: Count, warning: Count, ok: Count }),
  findings: z.array(PoolFinding),
  /** pool recommend only */
  recommendation: Recommendation.optional(),
}).meta({ title: POOL_SCHEMA, description: 'gpa-planner pool check --json and pool recommend --json: one VM across a migration pool' });

export type PoolDocument = Document<typeof PoolDocumentSchema>;

/** `pool check --pairs FILE`: one line of the NDJSON (render/pool-pairs.ts pairLines). */
export const PoolPairSchema = z.strictObject({
  boot: GroupId,
  destination: GroupId,
  ok: z.boolean(),
  findings: z.array(FindingCodeEnum),
}).meta({ title: 'gpa-planner pool --pairs line', description: 'one (boot, destination) pair of host groups, one JSON object per line' });

export type PoolPair = Document<typeof PoolPairSchema>;
