/**
 * LIM-INV-1.noCrashNoChange (issue #12, "Fuzzing as a property"; spec/limits.md): mutated
 * example traces (properties/fuzz/fuzz-mutations.ts) never crash the model, and a refused step
 * changes nothing observable.
 *
 * Each run renders one mutated trace. If the parser rejects it, `runTrace` must exit 2 with one
 * TRACE_INVALID line naming the parser's line. Otherwise the steps run one by one against a fresh
 * context (`newContext` + `runStep`, as `runTrace` does), and for each:
 *
 * - no InternalError escapes (exit 4, LIM-9: an exception that is not a refusal);
 * - its result names its line, and a refusal carries a code of ERROR_CODES and a message; a
 *   limit refusal names a limit of LIMITS with its maximum and a value over it;
 * - a refusal leaves the fingerprint (properties/fuzz/fuzz-observe.ts: pairs, volumes, devices,
 *   placement statistics, the bytes the host wrote) as it was, and so does an accepted
 *   observation (`status`, `volumeInfo`, `datasets`, `check`: observation is not I/O);
 * - it takes less than stepMsBound of wall time and grows heap plus external memory (typed
 *   arrays, WebAssembly memories) by less than STEP_MEMORY_BYTES_MAX.
 *
 * Counted: refusals per code and per limit, parser rejections, prototype names tried, the deep
 * states accepted steps reach (a pair divided, suspended, taken over), refusals met there, and
 * the slowest step and largest memory growth seen.
 */
import { getHeapStatistics } from 'node:v8';
import fc from 'fast-check';
import { ERROR_CODES } from '../../src/errors.ts';
import { LIMITS, type LimitName } from '../../src/limits.ts';
import type { Model } from '../../src/model/model.ts';
import { newContext } from '../../src/trace/context.ts';
import { isInternalError } from '../../src/trace/internal-error.ts';
import { parseTrace, type ParsedTrace, TraceSyntaxError } from '../../src/trace/parse.ts';
import { runStep, runTrace, type StepOutcome } from '../../src/trace/runner.ts';
import { fingerprint, fingerprintDiff, WrittenRanges } from './fuzz-observe.ts';
import { type FuzzTrace, fuzzTraceArb } from './fuzz-mutations.ts';
import { bump, type Counters, type PropertyDefinition } from '../harness/support.ts';

export const LIM_INV_1_ID = 'LIM-INV-1.noCrashNoChange';

/** Generous bounds: a step near them is a bug of the model, not a slow machine. */
export const STEP_MS_MAX = 2000;
/**
 * More time per MiB of the trace's largest volume: a `check` of two 512 MiB volumes on RAID6
 * with 16 MiB tracks reads them whole (LIM-8 skips only what no device holds), about 3 s
 * here, which is work, not a hang.
 */
export const STEP_MS_PER_VOLUME_MIB = 20;

/** The wall-time bound of one step of `parsed`: STEP_MS_MAX, and STEP_MS_PER_VOLUME_MIB for each MiB of its largest volume up to 1 GiB (a sparse volume reads little). */
export function stepMsBound(parsed: ParsedTrace): number {
  const bytes = parsed.steps.map(({ step }) => (step.op === 'volume' && typeof step.bytes === 'number' && Number.isFinite(step.bytes) ? step.bytes : 0));
  return STEP_MS_MAX + STEP_MS_PER_VOLUME_MIB * Math.min(1024, Math.max(0, ...bytes) / 2 ** 20);
}
export const STEP_MEMORY_BYTES_MAX = 512 * 1024 * 1024;

/** Runs per `npm test` (about 1 s on one core at the default seed). */
export const FUZZ_RUNS = 100;

export type FuzzFailureKind = 'crash' | 'trace' | 'result' | 'changed' | 'slow' | 'memory';

/** A run that broke LIM-INV-1: what, where, and the whole trace (the shrunk counterexample prints it too). */
export class FuzzFailure extends Error {
  constructor(
    readonly kind: FuzzFailureKind,
    readonly line: number,
    readonly op: string,
    detail: string,
    readonly trace: string,
  ) {
    super(`${kind} at line ${line} (op "${op}"): ${detail}\n--- trace (long lines cut) ---\n${abridged(trace)}`);
    this.name = 'FuzzFailure';
  }
}

/** The trace with each line over 400 characters cut (a 2000-extent list), for the message; `trace` keeps it whole. */
function abridged(text: string): string {
  return text.split('\n').map((l) => (l.length > 400 ? `${l.slice(0, 400)}… (${l.length} characters)` : l)).join('\n');
}

const CODES: ReadonlySet<string> = new Set(ERROR_CODES);

/** Ops that only observe: accepted or refused, they leave the fingerprint as it was. */
const OBSERVATIONS: ReadonlySet<string> = new Set(['status', 'volumeInfo', 'datasets', 'check']);

function memoryBytes(): number {
  const h = getHeapStatistics();
  return h.used_heap_size + h.external_memory;
}

function raise(max: Counters | undefined, key: string, value: number): void {
  if (max) max[key] = Math.max(max[key] ?? 0, Math.round(value));
}

/** The deep states LIM-INV-1 wants requests to meet: a local pair divided, a remote pair suspended or taken over. */
function deepStates(model: Model): string[] {
  const found: string[] = [];
  for (const p of model.localCopy.pairs.values()) if (['dividing', 'divided', 'extentDivided', 'extentDividing'].includes(p.machineState)) found.push('deepDivided');
  for (const p of model.remote.pairs.values()) {
    if (p.state === 'suspended') found.push('deepSuspended');
    if (p.state === 'takingOver' || p.state === 'takenOver') found.push('deepTakenOver');
  }
  for (const p of model.migration.pairs.values()) if (p.state === 'migrating') found.push('deepMigrating');
  return [...new Set(found)];
}

/** A refusal's shape: its line, a stable code, a message, and (LIM-2) the limit it names. */
function checkRefusal(t: FuzzTrace, line: number, op: string, outcome: StepOutcome, reached: Counters | undefined): void {
  const error = outcome.error;
  const fail = (what: string) => new FuzzFailure('result', line, op, what, t.text);
  if (!error) throw fail('a refusal without error');
  if (!CODES.has(error.code)) throw fail(`code ${JSON.stringify(error.code)} is not one of ERROR_CODES`);
  if (typeof error.message !== 'string' || error.message === '') throw fail(`${error.code} without a message`);
  bump(reached, 'refusals');
  bump(reached, `refused.${error.code}`);
  if (!error.limit) return;
  const { name, max, value } = error.limit;
  if (!Object.hasOwn(LIMITS, name)) throw fail(`error.limit names ${JSON.stringify(name)}, not a limit of LIMITS`);
  if (max !== LIMITS[name as LimitName]) throw fail(`error.limit ${name}: max ${max}, LIMITS says ${LIMITS[name as LimitName]}`);
  if (!(value > max)) throw fail(`error.limit ${name}: value ${value} is not over the maximum ${max}`);
  bump(reached, 'limitRefusals');
  bump(reached, `limit.${name}`);
}

/** The parser's rejection is the runner's exit 2, on the line the parser named. */
function checkRejected(t: FuzzTrace, e: TraceSyntaxError, reached: Counters | undefined): void {
  const run = runTrace(t.text);
  const lines = t.text.split('\n').length;
  const r = run.results[0];
  const fail = (what: string) => new FuzzFailure('trace', e.line, 'trace', what, t.text);
  if (run.exitCode !== 2) throw fail(`the parser rejected the trace (${e.message}) but runTrace exited ${run.exitCode}`);
  if (run.results.length !== 1 || r?.error?.code !== 'TRACE_INVALID') throw fail(`exit 2 without one TRACE_INVALID line: ${JSON.stringify(run.results).slice(0, 300)}`);
  if (r.line !== e.line) throw fail(`TRACE_INVALID on line ${r.line}, the parser named line ${e.line}`);
  if (!(Number.isInteger(r.line) && r.line >= 1)) throw fail(`TRACE_INVALID on line ${r.line}: not a line number`);
  if (r.line > lines) throw fail(`TRACE_INVALID on line ${r.line}, past the file's ${lines} lines`);
  bump(reached, 'parserRejections');
}

/** Runs the parsed steps one by one, checking each (LIM-INV-1). */
function runChecked(t: FuzzTrace, parsed: ParsedTrace, reached: Counters | undefined): void {
  const ctx = newContext(parsed.header.variant ?? 'corrected');
  const written = new WrittenRanges();
  let before = fingerprint(ctx, written);
  let deep: string[] = [];
  const reachedDeep = new Set<string>();
  const msBound = stepMsBound(parsed);
  for (const { line, step } of parsed.steps) {
    const op = String(step.op);
    const memory = memoryBytes();
    const started = performance.now();
    let outcome: StepOutcome;
    try {
      outcome = runStep(ctx, line, step);
    } catch (e) {
      if (!isInternalError(e)) throw e;
      throw new FuzzFailure('crash', line, op, `INTERNAL_ERROR: the step crashed the model (runTrace exits 4): ${e.message}`, t.text);
    }
    const ms = performance.now() - started;
    const grew = memoryBytes() - memory;
    bump(reached, 'commands');
    raise(reached, 'maxStepMs', ms);
    raise(reached, 'maxStepGrowthMiB', grew / 2 ** 20);
    if (ms > 100) bump(reached, 'stepsOver100ms');
    if (ms >= msBound) throw new FuzzFailure('slow', line, op, `the step took ${Math.round(ms)} ms (bound ${Math.round(msBound)} ms)`, t.text);
    if (grew >= STEP_MEMORY_BYTES_MAX) throw new FuzzFailure('memory', line, op, `heap and external memory grew by ${Math.round(grew / 2 ** 20)} MiB (bound ${STEP_MEMORY_BYTES_MAX / 2 ** 20} MiB)`, t.text);
    if (outcome.line !== line) throw new FuzzFailure('result', line, op, `the result names line ${outcome.line}`, t.text);
    if (!outcome.ok) {
      checkRefusal(t, line, op, outcome, reached);
      if (deep.length > 0) bump(reached, 'refusedInDeepState'); // steps
      if (op === 'check' && parsed.header.variant !== 'literal') bump(reached, 'correctedInvariantViolations');
      const changed = fingerprintDiff(before, fingerprint(ctx, written));
      if (changed) throw new FuzzFailure('changed', line, op, `refused with ${outcome.error!.code} (${outcome.error!.message}), yet ${changed}`, t.text);
      continue;
    }
    if (step.op === 'write' && typeof outcome.bytes === 'number') written.add(step.system, step.volume, step.offset, outcome.bytes);
    const after = fingerprint(ctx, written);
    // Observation is not I/O (issue #12): an accepted observation changes nothing either.
    const observed = OBSERVATIONS.has(op) ? fingerprintDiff(before, after) : null;
    if (observed) throw new FuzzFailure('changed', line, op, `an observation, accepted, yet ${observed}`, t.text);
    before = after;
    deep = deepStates(ctx.model);
    for (const d of deep) reachedDeep.add(d);
  }
  for (const d of reachedDeep) bump(reached, d); // runs that reached it
}

/** One run of LIM-INV-1: the trace is rejected as the parser says, or every step of it holds (above). */
export function checkFuzzTrace(t: FuzzTrace, reached: Counters | undefined): void {
  bump(reached, 'runs');
  for (const tag of t.tags) bump(reached, `mutation.${tag}`);
  let parsed: ParsedTrace;
  try {
    parsed = parseTrace(t.text);
  } catch (e) {
    if (!(e instanceof TraceSyntaxError)) throw new FuzzFailure('trace', 0, 'trace', `the parser threw ${String(e)}`, t.text);
    checkRejected(t, e, reached);
    return;
  }
  bump(reached, 'tracesRun');
  if (t.tags.has('prototypeName')) bump(reached, 'prototypeNamesTried');
  if (t.tags.has('transfer')) bump(reached, 'transferLengthsTried');
  runChecked(t, parsed, reached);
}

function fuzzProperty(reached?: Counters): fc.IProperty<[FuzzTrace]> {
  return fc.property(fuzzTraceArb(), (t) => {
    checkFuzzTrace(t, reached);
  });
}

export const limInvNoCrashNoChange: readonly PropertyDefinition[] = [
  {
    id: LIM_INV_1_ID,
    title: 'mutated example traces (extremes, limit edges, prototype names, repeated extents, wrong types, every request anywhere) never crash the model, and a refused step changes nothing',
    numRuns: FUZZ_RUNS,
    witnesses: ['parserRejections', 'limitRefusals', 'prototypeNamesTried', 'refusedInDeepState', 'deepDivided', 'deepSuspended', 'deepTakenOver'],
    property: () => fuzzProperty(),
    instrumented: (reached: Counters) => fuzzProperty(reached),
  },
];
