/**
 * Schemas of the trace format, version 1 (spec/trace-format.md).
 *
 * These check JSON *types* and field names only: every object is strict (an unknown field is
 * a trace error), and numbers are any JSON number, so a value such as -1 or 1.5 or 1e400
 * passes here and the model refuses it with a code (INVALID_ARGUMENT, OUT_OF_RANGE, ...).
 * Likewise names with a fixed vocabulary that the model interprets (`level`, `emulation`,
 * `allocate`, `fence`) are any string here; an unknown one is a value the model refuses.
 * The only closed vocabularies checked here are those that decide which fields a line may
 * have (`op`, pairCreate's `kind`), the header's `variant`, and `expectError`.
 *
 * Defaults (`tracks` 1, `extend` true, `allocate` "extent", `fence` "never",
 * `trackBytes` 65536, `pairTables` unbounded, `variant` "corrected") are not filled in here:
 * an absent optional field stays absent and the runner applies the default.
 */
import { z } from 'zod';
import { DataSchema, ExpectDataSchema } from './data.ts';
import {
  ExtentListSchema, ExtentSchema, JsonNumber, JsonObjectSchema, RaidGroupSpecSchema, REQUEST_SOURCES, requestSchema, stepSchema, VARIANTS, VolumeAreaSchema,
} from './schema-parts.ts';
import {
  BackupStepSchema, HostStepSchema, LanStepSchema, NotifyStepSchema, RestoreStepSchema, TapeInfoStepSchema, TapeLoadStepSchema,
} from './schema-backup.ts';

export * from './schema-parts.ts';
export * from './schema-backup.ts';

// ---------------------------------------------------------------------------------------
// Header

export const TraceHeaderSchema = z.strictObject({
  trace: z.literal(1),
  name: z.string().optional(),
  description: z.string().optional(),
  /** fast-check replay seed; a header has no step to refuse, so a fractional seed is a trace error. */
  seed: z.number().int().optional(),
  /** fast-check replay path. */
  path: z.string().optional(),
  variant: z.enum(VARIANTS).optional(),
  /** Added: the property (its id in properties/index.ts) whose counterexample this trace is. */
  property: z.string().optional(),
  /** Added: the deliberately broken variant (properties/harness/planted.ts) the trace was found on. */
  planted: z.string().optional(),
});
export type TraceHeader = z.infer<typeof TraceHeaderSchema>;

// ---------------------------------------------------------------------------------------
// Ops: configuration

export const SystemStepSchema = stepSchema('system', {
  id: z.string(),
  ldevBytes: JsonNumber,
  raidGroups: z.array(RaidGroupSpecSchema),
  pairTables: JsonNumber.optional(),
  /** Added (spec/trace-format.md): "ldev" (default, Fig. 3) or "group" (Figs. 10, 11). */
  tables: z.string().optional(),
});

export const VolumeStepSchema = stepSchema('volume', {
  system: z.string(),
  id: z.string(),
  /** `OPEN-V` or a 3390 type; another string is refused by the model. */
  emulation: z.string(),
  bytes: JsonNumber.optional(),
  trackBytes: JsonNumber.optional(),
  raidGroup: z.string().optional(),
  areas: z.array(VolumeAreaSchema).optional(),
});

export const LinkStepSchema = stepSchema('link', {
  between: z.tuple([z.string(), z.string()]),
});

export const DatasetStepSchema = stepSchema('dataset', {
  system: z.string(),
  volume: z.string(),
  name: z.string(),
  extents: ExtentListSchema,
});

// ---------------------------------------------------------------------------------------
// Ops: host I/O

export const WriteStepSchema = stepSchema('write', {
  system: z.string(),
  volume: z.string(),
  offset: JsonNumber,
  data: DataSchema,
});

export const ReadStepSchema = stepSchema('read', {
  system: z.string(),
  volume: z.string(),
  offset: JsonNumber,
  length: JsonNumber,
  expect: ExpectDataSchema.optional(),
});

// ---------------------------------------------------------------------------------------
// Ops: pairs and requests

export const LocalPairCreateStepSchema = requestSchema('pairCreate', {
  id: z.string(),
  kind: z.literal('local'),
  /** "SYSTEM:VOLUME" */
  original: z.string(),
  /** "SYSTEM:VOLUME" */
  copy: z.string(),
  extents: ExtentListSchema.optional(),
  /** Added: CG-G-1, the consistency group the pair joins. */
  group: z.string().optional(),
});

export const RemotePairCreateStepSchema = requestSchema('pairCreate', {
  id: z.string(),
  kind: z.literal('remote'),
  /** "SYSTEM:VOLUME" */
  source: z.string(),
  /** the target system */
  target: z.string(),
  extents: ExtentListSchema,
  /** "extent" (default) or "full"; another string is refused by the model. */
  allocate: z.string().optional(),
  targetVolume: z.string().optional(),
  /** "never" (default) or "data"; another string is refused by the model. */
  fence: z.string().optional(),
  /** Added: CG-G-1, the consistency group the pair joins. */
  group: z.string().optional(),
});

export const MigrationPairCreateStepSchema = requestSchema('pairCreate', {
  id: z.string(),
  kind: z.literal('migration'),
  /** "SYSTEM:VOLUME" */
  source: z.string(),
  /** "SYSTEM:VOLUME", already defined */
  target: z.string(),
  extents: ExtentListSchema,
});

export const PAIR_CREATE_KIND_SCHEMAS = {
  local: LocalPairCreateStepSchema,
  remote: RemotePairCreateStepSchema,
  migration: MigrationPairCreateStepSchema,
} as const;

export const PairCreateStepSchema = z.discriminatedUnion('kind', [
  LocalPairCreateStepSchema,
  RemotePairCreateStepSchema,
  MigrationPairCreateStepSchema,
]);

/** CG-R-1: an op that names one `pair`, or (added) a consistency `group`, with the same other fields. */
function pairOrGroup<const O extends string, S extends z.ZodRawShape>(op: O, shape: S) {
  return { pair: stepSchema(op, { pair: z.string(), ...shape }), group: stepSchema(op, { group: z.string(), ...shape }) };
}

/** A request (TERM-R-1) that names one `pair` or a consistency `group` (CG-R-1). */
function requestPairOrGroup<const O extends string, S extends z.ZodRawShape>(op: O, shape: S) {
  return pairOrGroup(op, { ...shape, from: z.enum(REQUEST_SOURCES).optional() });
}

export const PAIR_DIVIDE_FORMS = requestPairOrGroup('pairDivide', { extents: ExtentListSchema.optional() });
export const PairDivideStepSchema = z.union([PAIR_DIVIDE_FORMS.pair, PAIR_DIVIDE_FORMS.group]);

export const ExtentUpdateStepSchema = requestSchema('extentUpdate', {
  pair: z.string(),
  extents: ExtentListSchema,
});

export const ExtentDivideStepSchema = requestSchema('extentDivide', {
  pair: z.string(),
  extents: ExtentListSchema,
});

export const ExtentCoupleStepSchema = requestSchema('extentCouple', { pair: z.string() });
export const PAIR_SUSPEND_FORMS = requestPairOrGroup('pairSuspend', {});
export const PairSuspendStepSchema = z.union([PAIR_SUSPEND_FORMS.pair, PAIR_SUSPEND_FORMS.group]);
export const PAIR_RESYNC_FORMS = requestPairOrGroup('pairResync', {});
export const PairResyncStepSchema = z.union([PAIR_RESYNC_FORMS.pair, PAIR_RESYNC_FORMS.group]);
export const PAIR_DELETE_FORMS = requestPairOrGroup('pairDelete', {});
export const PairDeleteStepSchema = z.union([PAIR_DELETE_FORMS.pair, PAIR_DELETE_FORMS.group]);

export const TakeoverStepSchema = requestSchema('takeover', {
  pair: z.string(),
  extend: z.boolean().optional(),
});

export const RelocateStepSchema = requestSchema('relocate', {
  system: z.string(),
  volume: z.string(),
  tracks: ExtentSchema,
  raidGroup: z.string(),
});

export const RebalanceStepSchema = requestSchema('rebalance', {
  system: z.string(),
  /** PL-P-2 (added): run a round by itself after every N host I/Os; 0 stops it. */
  every: JsonNumber.optional(),
});

// ---------------------------------------------------------------------------------------
// Ops: time and faults

export const PairStepStepSchema = stepSchema('step', {
  pair: z.string(),
  tracks: JsonNumber.optional(),
});

export const ProcessStepStepSchema = stepSchema('step', {
  /** "rebuild:SYSTEM:RAIDGROUP", "relocate:SYSTEM:VOLUME", or a pair id */
  process: z.string(),
  tracks: JsonNumber.optional(),
});

/** `step` takes exactly one of `pair` or `process`. */
export const StepStepSchema = z.union([PairStepStepSchema, ProcessStepStepSchema]);

export const SettleStepSchema = stepSchema('settle', {});

export const DeviceFailStepSchema = stepSchema('deviceFail', {
  system: z.string(),
  raidGroup: z.string(),
  /** index of the device in its RAID group (0-based) */
  device: JsonNumber,
});

export const DeviceReplaceStepSchema = stepSchema('deviceReplace', {
  system: z.string(),
  raidGroup: z.string(),
  /** index of the device in its RAID group (0-based) */
  device: JsonNumber,
});

export const LinkDownStepSchema = stepSchema('linkDown', {
  between: z.tuple([z.string(), z.string()]),
});

export const LinkUpStepSchema = stepSchema('linkUp', {
  between: z.tuple([z.string(), z.string()]),
});

export const SystemFailStepSchema = stepSchema('systemFail', { system: z.string() });

// ---------------------------------------------------------------------------------------
// Ops: observation

export const STATUS_FORMS = pairOrGroup('status', { expect: JsonObjectSchema.optional() });
export const StatusStepSchema = z.union([STATUS_FORMS.pair, STATUS_FORMS.group]);

export const VolumeInfoStepSchema = stepSchema('volumeInfo', {
  system: z.string(),
  volume: z.string(),
  expect: JsonObjectSchema.optional(),
});

export const DatasetsStepSchema = stepSchema('datasets', {
  system: z.string(),
  volume: z.string(),
  /** an array (e.g. the sorted names) or a partial object; its meaning is the runner's */
  expect: z
    .union([z.array(z.unknown()), JsonObjectSchema], { error: 'expected an array or an object' })
    .optional(),
});

export const CheckStepSchema = stepSchema('check', {});

// ---------------------------------------------------------------------------------------
// All ops

/** Every op's schema, keyed by op name, in the contract's order. */
export const OP_SCHEMAS = {
  system: SystemStepSchema,
  volume: VolumeStepSchema,
  link: LinkStepSchema,
  dataset: DatasetStepSchema,
  write: WriteStepSchema,
  read: ReadStepSchema,
  pairCreate: PairCreateStepSchema,
  pairDivide: PairDivideStepSchema,
  extentUpdate: ExtentUpdateStepSchema,
  extentDivide: ExtentDivideStepSchema,
  extentCouple: ExtentCoupleStepSchema,
  pairSuspend: PairSuspendStepSchema,
  pairResync: PairResyncStepSchema,
  pairDelete: PairDeleteStepSchema,
  takeover: TakeoverStepSchema,
  relocate: RelocateStepSchema,
  rebalance: RebalanceStepSchema,
  step: StepStepSchema,
  settle: SettleStepSchema,
  deviceFail: DeviceFailStepSchema,
  deviceReplace: DeviceReplaceStepSchema,
  linkDown: LinkDownStepSchema,
  linkUp: LinkUpStepSchema,
  systemFail: SystemFailStepSchema,
  status: StatusStepSchema,
  volumeInfo: VolumeInfoStepSchema,
  datasets: DatasetsStepSchema,
  check: CheckStepSchema,
  host: HostStepSchema,
  lan: LanStepSchema,
  notify: NotifyStepSchema,
  backup: BackupStepSchema,
  restore: RestoreStepSchema,
  tapeLoad: TapeLoadStepSchema,
  tapeInfo: TapeInfoStepSchema,
} as const;

export type OpName = keyof typeof OP_SCHEMAS;
export const OP_NAMES = Object.keys(OP_SCHEMAS) as OpName[];

export function isOpName(s: string): s is OpName {
  return Object.hasOwn(OP_SCHEMAS, s);
}

/**
 * Any step. (`step` is a plain union on `pair`/`process`, and the ops of CG-R-1 on
 * `pair`/`group`, which zod cannot nest inside a discriminated union, hence the outer union.)
 */
export const TraceStepSchema = z.union([
  z.discriminatedUnion('op', [
    SystemStepSchema,
    VolumeStepSchema,
    LinkStepSchema,
    DatasetStepSchema,
    WriteStepSchema,
    ReadStepSchema,
    PairCreateStepSchema,
    ExtentUpdateStepSchema,
    ExtentDivideStepSchema,
    ExtentCoupleStepSchema,
    TakeoverStepSchema,
    RelocateStepSchema,
    RebalanceStepSchema,
    SettleStepSchema,
    DeviceFailStepSchema,
    DeviceReplaceStepSchema,
    LinkDownStepSchema,
    LinkUpStepSchema,
    SystemFailStepSchema,
    VolumeInfoStepSchema,
    DatasetsStepSchema,
    CheckStepSchema,
    HostStepSchema,
    LanStepSchema,
    NotifyStepSchema,
    BackupStepSchema,
    RestoreStepSchema,
    TapeLoadStepSchema,
    TapeInfoStepSchema,
  ]),
  StepStepSchema,
  PairDivideStepSchema,
  PairSuspendStepSchema,
  PairResyncStepSchema,
  PairDeleteStepSchema,
  StatusStepSchema,
]);

export type SystemStep = z.infer<typeof SystemStepSchema>;
export type VolumeStep = z.infer<typeof VolumeStepSchema>;
export type LinkStep = z.infer<typeof LinkStepSchema>;
export type DatasetStep = z.infer<typeof DatasetStepSchema>;
export type WriteStep = z.infer<typeof WriteStepSchema>;
export type ReadStep = z.infer<typeof ReadStepSchema>;
export type LocalPairCreateStep = z.infer<typeof LocalPairCreateStepSchema>;
export type RemotePairCreateStep = z.infer<typeof RemotePairCreateStepSchema>;
export type MigrationPairCreateStep = z.infer<typeof MigrationPairCreateStepSchema>;
export type PairCreateStep = z.infer<typeof PairCreateStepSchema>;
export type PairDivideStep = z.infer<typeof PairDivideStepSchema>;
export type ExtentUpdateStep = z.infer<typeof ExtentUpdateStepSchema>;
export type ExtentDivideStep = z.infer<typeof ExtentDivideStepSchema>;
export type ExtentCoupleStep = z.infer<typeof ExtentCoupleStepSchema>;
export type PairSuspendStep = z.infer<typeof PairSuspendStepSchema>;
export type PairResyncStep = z.infer<typeof PairResyncStepSchema>;
export type PairDeleteStep = z.infer<typeof PairDeleteStepSchema>;
export type TakeoverStep = z.infer<typeof TakeoverStepSchema>;
export type RelocateStep = z.infer<typeof RelocateStepSchema>;
export type RebalanceStep = z.infer<typeof RebalanceStepSchema>;
export type PairStepStep = z.infer<typeof PairStepStepSchema>;
export type ProcessStepStep = z.infer<typeof ProcessStepStepSchema>;
export type StepStep = z.infer<typeof StepStepSchema>;
export type SettleStep = z.infer<typeof SettleStepSchema>;
export type DeviceFailStep = z.infer<typeof DeviceFailStepSchema>;
export type DeviceReplaceStep = z.infer<typeof DeviceReplaceStepSchema>;
export type LinkDownStep = z.infer<typeof LinkDownStepSchema>;
export type LinkUpStep = z.infer<typeof LinkUpStepSchema>;
export type SystemFailStep = z.infer<typeof SystemFailStepSchema>;
export type StatusStep = z.infer<typeof StatusStepSchema>;
export type VolumeInfoStep = z.infer<typeof VolumeInfoStepSchema>;
export type DatasetsStep = z.infer<typeof DatasetsStepSchema>;
export type CheckStep = z.infer<typeof CheckStepSchema>;

export type TraceStep = z.infer<typeof TraceStepSchema>;
/** CG-R-1: the form of an op that names one pair, and the form that names a consistency group. */
export type ByPair<T> = Extract<T, { pair: string }>;
export type ByGroup<T> = Extract<T, { group: string }>;
/** The step type of one op, e.g. `StepOf<'write'>` is `WriteStep`. */
export type StepOf<O extends OpName> = Extract<TraceStep, { op: O }>;
