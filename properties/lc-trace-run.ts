/** The system under test as a trace run, and failures as trace lines (properties/lc-model.ts). */
import type { ErrorCode } from '../src/errors.ts';
import type { LocalPair } from '../src/local-copy/local-pair.ts';
import { newContext, type RunContext } from '../src/trace/context.ts';
import { runStep, type StepOutcome } from '../src/trace/runner.ts';
import type { TraceStep } from '../src/trace/schema.ts';
import { dataOf, json, type Step, SYSTEM, type Variant } from './lc-vocabulary.ts';

// ---------------------------------------------------------------------------
// The system under test, as a trace run

export class LcReal {
  readonly ctx: RunContext;
  /** Steps run so far, as they would appear in a trace (setup included). */
  readonly log: Step[] = [];

  constructor(readonly variant: Variant) {
    this.ctx = newContext(variant);
  }

  pair(id: string): LocalPair | undefined {
    return this.ctx.model.localCopy.pairs.get(id);
  }

  stateOf(id: string | null): string {
    return (id && this.pair(id)?.machineState) || 'none';
  }

  readVolume(volume: string, offset: number, length: number): Uint8Array {
    const v = this.ctx.model.system(SYSTEM).volume(volume);
    return this.ctx.model.localCopy.read(v, offset, length);
  }
}

// ---------------------------------------------------------------------------
// Failures: what the system did (the trace's last lines) and what the spec wanted

/** One observation where the system under test and the model disagree. */
export interface Witness {
  /** The step as the system under test makes it hold (a trace of that variant passes with it). */
  readonly actual: Step;
  /** The step as the spec (the model) says it must hold. */
  readonly expected: Step;
}

export class LcFailure extends Error {
  constructor(
    message: string,
    readonly witnesses: readonly Witness[],
    /** The failing step is the command's own (already in the log): the witness replaces it. */
    readonly replacesLast: boolean,
  ) {
    super(message);
  }
}

/** A failure with the trace that reproduces it. */
export class LcTraceError extends Error {
  constructor(
    message: string,
    readonly steps: readonly Step[],
    readonly witnesses: readonly Witness[],
    readonly variant: Variant,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/**
 * The trace lines: the steps, then each witness as it holds for the system under test,
 * preceded by a comment line `// <label>: <the step as the spec wants it>`.
 */
export function renderTrace(steps: readonly Step[], witnesses: readonly Witness[], label: string, header: Record<string, unknown> = {}): string {
  const lines = [json({ trace: 1, ...header })];
  for (const s of steps) lines.push(json(s));
  for (const w of witnesses) lines.push(`// ${label}: ${json(w.expected)}`, json(w.actual));
  return `${lines.join('\n')}\n`;
}

export function withTrace(e: unknown, r: LcReal): LcTraceError {
  if (e instanceof LcTraceError) return e;
  const failure = e instanceof LcFailure ? e : null;
  const steps = failure?.replacesLast ? r.log.slice(0, -1) : [...r.log];
  const witnesses = failure?.witnesses ?? [];
  const label = r.variant === 'literal' ? 'corrected' : 'spec';
  const header = r.variant === 'literal' ? { variant: 'literal' } : {};
  const text = renderTrace(steps, witnesses, label, header);
  const why = e instanceof Error ? e.message : String(e);
  return new LcTraceError(`${why}\n--- trace (${steps.length} steps) ---\n${text}`, steps, witnesses, r.variant, e);
}

/** Runs one step, expecting the model's code (null: accepted); a mismatch fails with the step as witness. */
export function exec(r: LcReal, step: Step, expectError: ErrorCode | null): StepOutcome {
  const s: Step = expectError ? { ...step, expectError } : step;
  r.log.push(s);
  const out = runStep(r.ctx, r.log.length + 1, s as unknown as TraceStep);
  if (out.expectFailed === undefined) return out;
  const { expectError: _e, expect: _x, ...bare } = step as Step & { expectError?: unknown; expect?: unknown };
  let actual: Step;
  if (!out.ok) actual = { ...bare, op: step.op, expectError: out.error!.code };
  else if (step.op === 'read' && 'expect' in step) {
    const got = r.readVolume(step.volume as string, step.offset as number, step.length as number);
    actual = { ...bare, op: step.op, expect: dataOf(got) };
  } else actual = { ...bare, op: step.op, ...('expect' in step ? { expect: step.expect } : {}) };
  throw new LcFailure(`${json(s)}: ${out.expectFailed}`, [{ actual, expected: s }], true);
}
