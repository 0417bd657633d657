/**
 * Parser and validator of trace files (spec/trace-format.md, "File" and "Parser").
 * It executes nothing: it turns the text into a header and typed steps, or throws a
 * TraceSyntaxError naming the line (the runner's exit 2).
 */
import type { z } from 'zod';
import {
  OP_NAMES,
  OP_SCHEMAS,
  PAIR_CREATE_KIND_SCHEMAS,
  PAIR_KINDS,
  PairStepStepSchema,
  ProcessStepStepSchema,
  PAIR_DIVIDE_FORMS,
  PAIR_SUSPEND_FORMS,
  PAIR_RESYNC_FORMS,
  PAIR_DELETE_FORMS,
  STATUS_FORMS,
  TraceHeaderSchema,
  isOpName,
  type TraceHeader,
  type TraceStep,
} from './schema.ts';
import { didYouMean, nearestNames, opHint, qualifiedForms } from './hints.ts';
import { ERROR_CODES } from '../errors.ts';

/** An invalid trace. `line` is the 1-based physical line of the file; the message starts `line N: `. */
export class TraceSyntaxError extends Error {
  readonly line: number;
  /** The message without its `line N: ` prefix. */
  readonly detail: string;
  constructor(line: number, detail: string) {
    super(`line ${line}: ${detail}`);
    this.name = 'TraceSyntaxError';
    this.line = line;
    this.detail = detail;
  }
}

export interface ParsedStep {
  /** 1-based physical line of the step in the file. */
  line: number;
  step: TraceStep;
}

export interface ParsedTrace {
  header: TraceHeader;
  steps: ParsedStep[];
}

/**
 * Parses a whole trace file. Blank lines and `//` comment lines are skipped; the first other
 * line is the header, every later one a step. Throws TraceSyntaxError for bad JSON, a line
 * that is not an object, a missing, wrong or repeated header, an unknown op or field, a
 * missing required field and a field of the wrong JSON type.
 */
export function parseTrace(text: string): ParsedTrace {
  const lines = text.split('\n');
  let header: TraceHeader | undefined;
  const steps: ParsedStep[] = [];
  const names = new KnownNames();

  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    let src = lines[i] ?? '';
    if (src.endsWith('\r')) src = src.slice(0, -1);
    if (i === 0 && src.startsWith('\uFEFF')) src = src.slice(1);
    const trimmed = src.trim();
    if (trimmed === '' || trimmed.startsWith('//')) continue;

    const value = parseObject(src, line);
    if (header === undefined) {
      header = parseHeader(value, line);
    } else {
      steps.push({ line, step: parseStep(value, line, names) });
    }
  }

  if (header === undefined) {
    throw new TraceSyntaxError(
      Math.max(1, lines.length),
      'missing header {"trace": 1} (the file has no line other than blanks and comments)',
    );
  }
  return { header, steps };
}

/**
 * The systems and volumes a trace defines, as far as the parser has read (TERM-H-2): what it
 * suggests for a volume named without its system.
 */
export class KnownNames {
  readonly systems: string[] = [];
  /** Volume id → the systems that define a volume of that id. */
  readonly volumes = new Map<string, string[]>();

  note(step: TraceStep): void {
    if (step.op === 'system') this.systems.push(step.id);
    if (step.op === 'volume') this.volumes.set(step.id, [...(this.volumes.get(step.id) ?? []), step.system]);
  }
}

/** One line that must be a JSON object. */
function parseObject(src: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(src);
  } catch (e) {
    throw new TraceSyntaxError(line, `invalid JSON: ${(e as Error).message}`);
  }
  if (!isPlainObject(value)) {
    throw new TraceSyntaxError(line, `expected a JSON object, got ${jsonType(value)}`);
  }
  return value;
}

/**
 * One step line on its own (the shell's and the remote terminal's JSON requests), validated as
 * a trace step at `line`; `names` gives the hints for an unqualified volume.
 */
export function parseStepLine(src: string, line: number, names: KnownNames = new KnownNames()): TraceStep {
  return parseStep(parseObject(src, line), line, names);
}

function parseHeader(obj: Record<string, unknown>, line: number): TraceHeader {
  if (!Object.hasOwn(obj, 'trace')) {
    if (Object.hasOwn(obj, 'op')) {
      throw new TraceSyntaxError(line, 'missing header: the first line must be {"trace": 1}, found a step');
    }
    throw new TraceSyntaxError(line, 'missing field "trace" in header (the first line must be {"trace": 1})');
  }
  if (typeof obj.trace === 'number' && obj.trace !== 1) {
    throw new TraceSyntaxError(
      line,
      `unsupported trace version ${obj.trace} (this parser reads version 1)`,
    );
  }
  return validate(TraceHeaderSchema, obj, line, 'header');
}

function parseStep(obj: Record<string, unknown>, line: number, names: KnownNames): TraceStep {
  const step = parseFields(obj, line);
  requireQualifiedVolumes(step, line, names);
  names.note(step);
  return step;
}

/** The step fields that name a volume as "SYSTEM:VOLUME" (pairCreate's, by kind). */
const VOLUME_REF_FIELDS: Readonly<Record<string, readonly string[]>> = {
  local: ['original', 'copy'],
  remote: ['source'],
  migration: ['source', 'target'],
};

/**
 * TERM-H-2: a volume reference that is not "SYSTEM:VOLUME" is a trace error before anything
 * runs, with the qualified forms as a hint. A step that expects a refusal keeps its run-time
 * refusal (INVALID_ARGUMENT), so traces that test bad input run as before.
 */
function requireQualifiedVolumes(step: TraceStep, line: number, names: KnownNames): void {
  if (step.op !== 'pairCreate' || step.expectError !== undefined) return;
  for (const field of VOLUME_REF_FIELDS[step.kind] ?? []) {
    const ref = (step as unknown as Record<string, string>)[field]!;
    const i = ref.indexOf(':');
    if (i > 0 && i < ref.length - 1) continue;
    const name = i < 0 ? ref : ref.slice(i + 1) || ref.slice(0, i);
    const hint = didYouMean(qualifiedForms(name, names.volumes, names.systems));
    throw new TraceSyntaxError(line, `field "${field}": volume ${JSON.stringify(ref)} must be named "SYSTEM:VOLUME"${hint} (op "pairCreate", kind "${step.kind}")`);
  }
}

function parseFields(obj: Record<string, unknown>, line: number): TraceStep {
  if (!Object.hasOwn(obj, 'op')) {
    if (Object.hasOwn(obj, 'trace')) {
      throw new TraceSyntaxError(line, 'second header line (the header {"trace": 1} must appear once, before every step)');
    }
    throw new TraceSyntaxError(line, 'missing field "op"');
  }
  const op = obj.op;
  if (typeof op !== 'string') {
    throw new TraceSyntaxError(line, `field "op": expected string, got ${jsonType(op)}`);
  }
  if (!isOpName(op)) {
    throw new TraceSyntaxError(line, `unknown op ${JSON.stringify(op)}${opHint(op, OP_NAMES)}`);
  }

  if (op === 'pairCreate') {
    const where = 'op "pairCreate"';
    if (!Object.hasOwn(obj, 'kind')) throw new TraceSyntaxError(line, `missing field "kind" in ${where}`);
    const kind = obj.kind;
    if (typeof kind !== 'string') {
      throw new TraceSyntaxError(line, `field "kind": expected string, got ${jsonType(kind)} (${where})`);
    }
    if (!(PAIR_KINDS as readonly string[]).includes(kind)) {
      throw new TraceSyntaxError(
        line,
        `unknown kind ${JSON.stringify(kind)} in ${where} (expected "local", "remote" or "migration")`,
      );
    }
    const schema = PAIR_CREATE_KIND_SCHEMAS[kind as keyof typeof PAIR_CREATE_KIND_SCHEMAS];
    return validate<TraceStep>(schema, obj, line, `${where} (kind ${JSON.stringify(kind)})`);
  }

  const forms = ONE_OF[op];
  if (forms) {
    const where = `op ${JSON.stringify(op)}`;
    const [a, b] = forms.fields;
    const hasA = Object.hasOwn(obj, a);
    const hasB = Object.hasOwn(obj, b);
    if (hasA && hasB) throw new TraceSyntaxError(line, `${where} takes exactly one of "${a}" or "${b}", got both`);
    if (!hasA && !hasB) throw new TraceSyntaxError(line, `missing field "${a}" or "${b}" in ${where}`);
    return validate<TraceStep>(hasA ? forms.schemas[0] : forms.schemas[1], obj, line, where);
  }

  return validate<TraceStep>(OP_SCHEMAS[op], obj, line, `op ${JSON.stringify(op)}`);
}

/** Ops that take exactly one of two fields, each with its schema: `step` (pair or process), CG-R-1 (pair or group). */
const ONE_OF: Partial<Record<string, { fields: [string, string]; schemas: [z.ZodType<TraceStep>, z.ZodType<TraceStep>] }>> = {
  step: { fields: ['pair', 'process'], schemas: [PairStepStepSchema, ProcessStepStepSchema] },
  pairDivide: { fields: ['pair', 'group'], schemas: [PAIR_DIVIDE_FORMS.pair, PAIR_DIVIDE_FORMS.group] },
  pairSuspend: { fields: ['pair', 'group'], schemas: [PAIR_SUSPEND_FORMS.pair, PAIR_SUSPEND_FORMS.group] },
  pairResync: { fields: ['pair', 'group'], schemas: [PAIR_RESYNC_FORMS.pair, PAIR_RESYNC_FORMS.group] },
  pairDelete: { fields: ['pair', 'group'], schemas: [PAIR_DELETE_FORMS.pair, PAIR_DELETE_FORMS.group] },
  status: { fields: ['pair', 'group'], schemas: [STATUS_FORMS.pair, STATUS_FORMS.group] },
};

function validate<T>(schema: z.ZodType<T>, obj: Record<string, unknown>, line: number, where: string): T {
  const r = schema.safeParse(obj);
  if (r.success) return r.data;
  throw new TraceSyntaxError(line, describeIssues(r.error.issues, obj, [], where));
}

// ---------------------------------------------------------------------------------------
// Turning zod issues into one short message

type Path = ReadonlyArray<PropertyKey>;

/** Unknown fields first (a typo shows up as both an unknown and a missing field), then missing fields, then the rest. */
function rank(issue: z.core.$ZodIssue, root: unknown, base: Path): number {
  if (issue.code === 'unrecognized_keys') return 0;
  if (isMissing(root, [...base, ...issue.path])) return 1;
  return 2;
}

function describeIssues(issues: readonly z.core.$ZodIssue[], root: unknown, base: Path, where: string): string {
  let best = issues[0];
  for (const iss of issues) if (best === undefined || rank(iss, root, base) < rank(best, root, base)) best = iss;
  if (best === undefined) return `invalid ${where}`;
  return describeIssue(best, root, base, where);
}

function describeIssue(issue: z.core.$ZodIssue, root: unknown, base: Path, where: string): string {
  const path = [...base, ...issue.path];
  const field = `field "${formatPath(path)}"`;
  const value = valueAt(root, path);

  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((k) => `"${formatPath([...path, k])}"`).join(', ');
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${names} in ${where}`;
  }
  if (path.length > 0 && isMissing(root, path)) {
    return `missing field "${formatPath(path)}" in ${where}`;
  }

  switch (issue.code) {
    case 'invalid_type': {
      const expected = expectedName(issue.expected);
      const got = jsonType(value);
      if (expected !== got) return `${field}: expected ${expected}, got ${got} (${where})`;
      if (issue.expected === 'int') return `${field}: expected a whole number, got ${String(value)} (${where})`;
      return `${field}: invalid value ${JSON.stringify(value) ?? String(value)} (${where})`;
    }
    case 'custom': {
      const expected = (issue.params as { expected?: string } | undefined)?.expected;
      if (expected !== undefined && jsonType(value) !== expected) {
        return `${field}: expected ${expected}, got ${jsonType(value)} (${where})`;
      }
      return `${field}: ${issue.message}, got ${JSON.stringify(value) ?? String(value)} (${where})`;
    }
    case 'invalid_value': {
      const values = issue.values;
      const first = values[0];
      if (first !== undefined && jsonType(value) !== jsonType(first)) {
        return `${field}: expected ${jsonType(first)}, got ${jsonType(value)} (${where})`;
      }
      if (formatPath(path) === 'expectError') {
        const near = typeof value === 'string' ? didYouMean(nearestNames(value, ERROR_CODES)) : '';
        return `${field}: unknown error code ${JSON.stringify(value)}${near} (${where})`;
      }
      const options = values.map((v) => JSON.stringify(v)).join(', ');
      return `${field}: expected one of ${options}, got ${JSON.stringify(value)} (${where})`;
    }
    case 'too_small':
    case 'too_big': {
      if (issue.origin === 'array' && Array.isArray(value)) {
        const n = issue.code === 'too_small' ? issue.minimum : issue.maximum;
        return `${field}: expected ${String(n)} items, got ${value.length} (${where})`;
      }
      return `${field}: ${issue.message} (${where})`;
    }
    case 'invalid_union':
      return describeUnionIssue(issue, root, path, value, field, where);
    default:
      return `${path.length > 0 ? `${field}: ` : ''}${issue.message} (${where})`;
  }
}

/** A union of strict objects (a Data value): the option the value was evidently meant to be. */
function describeUnionIssue(issue: z.core.$ZodIssueInvalidUnion, root: unknown, path: Path, value: unknown, field: string, where: string): string {
  // Pick the one it misses by the fewest fields.
  if (isPlainObject(value) && issue.errors.length > 0) {
    const scored = issue.errors.map((errs) => ({
      errs,
      score: errs.filter((e) => e.code === 'unrecognized_keys' || isMissing(value, e.path)).length,
    }));
    const min = Math.min(...scored.map((s) => s.score));
    const winners = scored.filter((s) => s.score === min);
    if (winners.length === 1 && winners[0] !== undefined) {
      return describeIssues(winners[0].errs, root, path, where);
    }
  }
  if (isPlainObject(value) && Object.hasOwn(value, 'sha256') && !issue.message.includes('sha256')) {
    return `${field}: {"sha256"} is allowed only where data is expected (${where})`;
  }
  if (!isPlainObject(value) && value !== undefined) {
    const got = jsonType(value);
    if (got !== 'object') return `${field}: ${issue.message}, got ${got} (${where})`;
  }
  return `${field}: ${issue.message} (${where})`;
}

function expectedName(expected: string): string {
  switch (expected) {
    case 'record':
      return 'object';
    case 'tuple':
      return 'array';
    case 'int':
      return 'number';
    default:
      return expected;
  }
}

function formatPath(path: Path): string {
  let s = '';
  for (const k of path) {
    if (typeof k === 'number') s += `[${k}]`;
    else s += s === '' ? String(k) : `.${String(k)}`;
  }
  return s;
}

function valueAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** The last key of `path` is absent from an object that exists. */
function isMissing(root: unknown, path: Path): boolean {
  if (path.length === 0) return false;
  const parent = valueAt(root, path.slice(0, -1));
  const key = path[path.length - 1];
  return isPlainObject(parent) && key !== undefined && !Object.hasOwn(parent, key);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The JSON type of a parsed value: null, array, object, string, number, boolean. */
function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v === undefined) return 'nothing';
  return typeof v;
}
