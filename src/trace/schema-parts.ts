/**
 * The building blocks of the trace-v1 schemas (src/trace/schema.ts): JSON numbers, extents,
 * closed vocabularies, and the step and request shapes every op schema is made of.
 */
import { z } from 'zod';
import { ERROR_CODES } from '../errors.ts';

// ---------------------------------------------------------------------------------------
// Building blocks

/**
 * Any JSON number. Unlike `z.number()` this also accepts ±Infinity, which is what
 * `JSON.parse` makes of a literal such as 1e400: it is a number of the right JSON type whose
 * value the model refuses (INVALID_ARGUMENT), not a trace error.
 */
export const JsonNumber = z.custom<number>((v) => typeof v === 'number' && !Number.isNaN(v), {
  params: { expected: 'number' },
});

/** An inclusive track range `[firstTrack, lastTrack]`. */
export const ExtentSchema = z.tuple([JsonNumber, JsonNumber]);
export const ExtentListSchema = z.array(ExtentSchema);

export const ErrorCodeSchema = z.enum(ERROR_CODES);

/**
 * A free JSON object (partial expectation of `status`/`volumeInfo`), passed through as parsed
 * (not copied, so even a `"__proto__"` key survives as an own property).
 */
export const JsonObjectSchema = z.custom<Record<string, unknown>>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  { params: { expected: 'object' } },
);

export const RAID_LEVELS = ['raid1', 'raid3', 'raid5', 'raid6'] as const;
export type RaidLevel = (typeof RAID_LEVELS)[number];
export const ALLOCATE_MODES = ['extent', 'full'] as const;
export type AllocateMode = (typeof ALLOCATE_MODES)[number];
export const FENCE_MODES = ['never', 'data', 'status'] as const;
export type FenceMode = (typeof FENCE_MODES)[number];
export const VARIANTS = ['literal', 'corrected'] as const;
export type Variant = (typeof VARIANTS)[number];
export const PAIR_KINDS = ['local', 'remote', 'migration'] as const;
export type PairKind = (typeof PAIR_KINDS)[number];

export const RaidGroupSpecSchema = z.strictObject({
  id: z.string(),
  /** One of RAID_LEVELS; another string is refused by the model (INVALID_ARGUMENT). */
  level: z.string(),
  /** Number of storage devices in the group. */
  devices: JsonNumber,
  deviceBytes: JsonNumber,
  stripeUnitBytes: JsonNumber.optional(),
});

export const VolumeAreaSchema = z.strictObject({
  tracks: ExtentSchema,
  raidGroup: z.string(),
});

export type Extent = z.infer<typeof ExtentSchema>;
export type RaidGroupSpec = z.infer<typeof RaidGroupSpecSchema>;
export type VolumeArea = z.infer<typeof VolumeAreaSchema>;

/** A step object: `op`, the op's fields, and the optional `expectError` every step may carry. */
export function stepSchema<const O extends string, S extends z.ZodRawShape>(op: O, shape: S) {
  return z.strictObject({
    op: z.literal(op),
    ...shape,
    expectError: ErrorCodeSchema.optional(),
  });
}

/** TERM-R-1 (added): who issued a request; the model treats them alike (Fig. 41). */
export const REQUEST_SOURCES = ['host', 'remoteTerminal', 'maintenanceTerminal'] as const;
export type RequestSource = (typeof REQUEST_SOURCES)[number];

/** A request op's step: a step that may also say where the request came from (`from`, default `host`). */
export function requestSchema<const O extends string, S extends z.ZodRawShape>(op: O, shape: S) {
  return stepSchema(op, { ...shape, from: z.enum(REQUEST_SOURCES).optional() });
}

/** The ops that are requests (TERM-R-1): they take `from`. */
export const REQUEST_OPS = [
  'pairCreate', 'pairDivide', 'extentUpdate', 'extentDivide', 'extentCouple', 'pairSuspend', 'pairResync', 'pairDelete',
  'takeover', 'relocate', 'rebalance',
] as const;
