/**
 * The trace side of the remote-copy and migration harnesses (properties/rc/rc-model.ts,
 * properties/mg/mg-model.ts): every command is one trace-v1 step run by `runStep`
 * (src/trace/runner.ts) on a fresh `newContext(variant)`, logged as it would appear in a trace
 * file, so a shrunk counterexample is, line for line, a trace (spec/trace-format.md).
 *
 * Unlike the local-copy harness, a step here is judged against a *set* of outcomes the spec
 * allows: where the spec lists several refusals that can hold at once (the path is down and
 * the target system has failed), it names no precedence, so any of them is right. The step is
 * run bare and logged with the `expectError` it actually got, so the trace replays as run.
 */
import { type ErrorCode, isModelError } from '../../src/errors.ts';
import { newContext, type RunContext } from '../../src/trace/context.ts';
import { runStep, type StepOutcome } from '../../src/trace/runner.ts';
import { type CheckScope, FULL } from '../../src/check/check-scope.ts';
import { violationsNow } from '../../src/trace/handlers/observation.ts';
import type { TraceStep } from '../../src/trace/schema.ts';
import { CommandFailure, dataOf, json, type Step, type Variant, type Witness } from '../harness/trace-failure.ts';
import { firstDiff } from '../harness/bytes.ts';

export { firstDiff } from '../harness/bytes.ts';

export { CommandFailure, dataOf, json, ranCommands, renderTrace, type Step, TraceError, type Variant, withTrace, type Witness } from '../harness/trace-failure.ts';

/** What a step may come to: accepted, or refused with a code. */
export type Outcome = 'ok' | ErrorCode;


/**
 * A read witness for the first run of differing bytes of one track (`base` is the track's offset
 * in the volume): short enough that both forms show their bytes.
 */
export function diffWitness(system: string, volume: string, base: number, got: Uint8Array, want: Uint8Array): Witness | null {
  const i = firstDiff(got, want);
  if (i < 0) return null;
  let end = i + 1;
  while (end < got.length && got[end] !== want[end]) end++;
  const step: Step = { op: 'read', system, volume, offset: base + i, length: end - i };
  return { actual: { ...step, expect: dataOf(got.subarray(i, end)) }, expected: { ...step, expect: dataOf(want.subarray(i, end)) } };
}

/** The step without its expectations. */
export function bare(step: Step): Step {
  const { expectError: _e, expect: _x, ...rest } = step as Step & { expectError?: unknown; expect?: unknown };
  return { ...rest, op: step.op };
}

/** The system under test, as a trace run: the context the steps act on and the steps so far. */
export class TraceRun {
  readonly ctx: RunContext;
  /** Steps run so far, as they appear in a trace (setup included). */
  readonly log: Step[] = [];

  constructor(readonly variant: Variant) {
    this.ctx = newContext(variant);
  }
}

/** The step as it holds with `outcome`. */
export function stepWith(step: Step, outcome: Outcome): Step {
  return outcome === 'ok' ? bare(step) : { ...bare(step), expectError: outcome };
}

/**
 * Runs one step and judges it against the outcomes the spec allows (`allowed[0]` is what a
 * witness shows as expected). The step is logged with the code it was refused with, if any.
 * `expect` (a status's or read's) is checked by the runner as usual.
 */
export function exec(r: TraceRun, step: Step, allowed: readonly Outcome[]): StepOutcome {
  const { expectError: _e, ...plain } = step as Step & { expectError?: unknown };
  const out = runStep(r.ctx, r.log.length + 2, plain as unknown as TraceStep);
  const got: Outcome = out.ok ? 'ok' : (out.error!.code as ErrorCode);
  r.log.push(got === 'ok' ? (plain as Step) : { ...plain, op: step.op, expectError: got });
  if (out.ok && out.expectFailed !== undefined) {
    // An `expect` that did not hold: the witness is the step without it (what was observed is in the result).
    throw new CommandFailure(`${json(step)}: ${out.expectFailed}`, [{ actual: bare(step), expected: step }], true);
  }
  if (!allowed.includes(got)) {
    const why = got === 'ok' ? 'accepted' : `refused with ${got}: ${out.error!.message}`;
    throw new CommandFailure(`${json(plain)}: ${why}; the spec allows ${allowed.join(' or ')}`, [{ actual: stepWith(step, got), expected: stepWith(step, allowed[0]!) }], true);
  }
  return out;
}

/** Runs `fn`; a model refusal is returned as its code, anything else is rethrown. */
export function attempt<T>(fn: () => T): { ok: true; value: T } | { ok: false; code: ErrorCode; message: string } {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (!isModelError(e)) throw e;
    return { ok: false, code: e.code, message: e.message };
  }
}

/**
 * `check` (not logged): the model's own invariants hold now; under a partial scope (CHK-1),
 * where something changed. What it finds there, the `check` op of the witness finds in full.
 */
export function checkWitness(r: TraceRun, scope: CheckScope = FULL): { message: string; witness: Witness } | null {
  const violations = violationsNow(r.ctx, true, scope);
  if (violations.length === 0) return null;
  const first = violations[0]!;
  return { message: `check: ${first.invariant}: ${first.message}`, witness: { actual: { op: 'check', expectError: 'INVARIANT_VIOLATED' }, expected: { op: 'check' } } };
}

