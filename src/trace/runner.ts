import { isModelError } from '../errors.ts';
import { newContext, type RunContext } from './context.ts';
import { HANDLERS } from './handlers/index.ts';
import { parseTrace, TraceSyntaxError } from './parse.ts';
import type { OpName, TraceHeader, TraceStep } from './schema.ts';

/** One result line (spec/trace-format.md, "Results and exit codes"). */
export interface StepOutcome {
  readonly line: number;
  readonly op: string;
  readonly ok: boolean;
  readonly error?: { code: string; message: string };
  /** Present when the step's expectation (`expect`, `expectError`) did not hold. */
  readonly expectFailed?: string;
  readonly [field: string]: unknown;
}

export interface TraceRun {
  readonly header: TraceHeader | null;
  readonly results: StepOutcome[];
  /** 0: all ran and held; 1: an expectation failed or a step was refused unexpectedly; 2: invalid trace. */
  readonly exitCode: 0 | 1 | 2;
}

/** Parses and runs a trace against a fresh model; never throws for a bad trace. */
export function runTrace(text: string): TraceRun {
  let parsed;
  try {
    parsed = parseTrace(text);
  } catch (e) {
    if (!(e instanceof TraceSyntaxError)) throw e;
    const error = { code: 'TRACE_INVALID', message: e.message };
    return { header: null, results: [{ line: e.line, op: 'trace', ok: false, error }], exitCode: 2 };
  }
  const ctx = newContext(parsed.header.variant ?? 'corrected');
  const results = parsed.steps.map(({ line, step }) => runStep(ctx, line, step));
  const exitCode = results.some((r) => r.expectFailed !== undefined) ? 1 : 0;
  return { header: parsed.header, results, exitCode };
}

/** Runs one step; a refusal becomes an `ok: false` line, and expectations are judged. */
export function runStep(ctx: RunContext, line: number, step: TraceStep): StepOutcome {
  try {
    return runHandler(ctx, line, step);
  } finally {
    ctx.remoteCopyReference.observe(ctx.model); // RC-INV-1: the checker sees each pair's state after each step
  }
}

function runHandler(ctx: RunContext, line: number, step: TraceStep): StepOutcome {
  const op = step.op as OpName;
  const expectError = (step as { expectError?: string }).expectError;
  try {
    const { fields, mismatch } = HANDLERS[op](ctx, step);
    const outcome: StepOutcome = { line, op, ok: true, ...fields };
    if (expectError !== undefined) return { ...outcome, expectFailed: `expected ${expectError}, but the step was accepted` };
    return mismatch ? { ...outcome, expectFailed: mismatch } : outcome;
  } catch (e) {
    if (!isModelError(e)) throw e;
    const extra = 'violations' in e ? { violations: (e as { violations: unknown }).violations } : {};
    const outcome: StepOutcome = { line, op, ok: false, error: { code: e.code, message: e.message }, ...extra };
    if (expectError === e.code) return outcome;
    const why = expectError === undefined ? `refused with ${e.code}` : `expected ${expectError}, got ${e.code}`;
    return { ...outcome, expectFailed: why };
  }
}
