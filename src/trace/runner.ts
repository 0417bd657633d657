import { isModelError } from '../errors.ts';
import { type LimitDetail, LimitError } from '../limits.ts';
import { newContext, type RunContext } from './context.ts';
import { HANDLERS } from './handlers/index.ts';
import { capResultLists, hasLongList } from './result-lists.ts';
import { crashOutcome, InternalError, isInternalError } from './internal-error.ts';
import { parseTrace, TraceSyntaxError } from './parse.ts';
import type { OpName, TraceHeader, TraceStep } from './schema.ts';
import { requestRecord } from './request-log.ts';

/** One result line (spec/trace-format.md, "Results and exit codes"). */
export interface StepOutcome {
  readonly line: number;
  readonly op: string;
  readonly ok: boolean;
  readonly error?: { code: string; message: string; limit?: LimitDetail };
  /** Present when the step's expectation (`expect`, `expectError`) did not hold. */
  readonly expectFailed?: string;
  readonly [field: string]: unknown;
}

export type TraceExitCode = 0 | 1 | 2 | 4;

export interface TraceRun {
  readonly header: TraceHeader | null;
  readonly results: StepOutcome[];
  /**
   * 0: all ran and held; 1: an expectation failed or a step was refused unexpectedly; 2: invalid
   * trace; 4: a step crashed the model (LIM-9: an INTERNAL_ERROR line, the last one).
   */
  readonly exitCode: TraceExitCode;
}

/** Parses and runs a trace against a fresh model; never throws for a bad trace. */
export function runTrace(text: string): TraceRun {
  return runTraceIn(text).run;
}

/** `runTrace`, with the context the steps ran on (null for a trace that did not parse): what `run --tapes` writes out. */
export function runTraceIn(text: string): { run: TraceRun; ctx: RunContext | null } {
  let parsed;
  try {
    parsed = parseTrace(text);
  } catch (e) {
    if (!(e instanceof TraceSyntaxError)) throw e;
    const error = { code: 'TRACE_INVALID', message: e.message };
    return { run: { header: null, results: [{ line: e.line, op: 'trace', ok: false, error }], exitCode: 2 }, ctx: null };
  }
  const ctx = newContext(parsed.header.variant ?? 'corrected');
  const results: StepOutcome[] = [];
  for (const { line, step } of parsed.steps) {
    try {
      results.push(runStep(ctx, line, step));
    } catch (e) {
      if (!isInternalError(e)) throw e;
      results.push(crashOutcome(e)); // LIM-9: the crash is the trace's last line
      return { run: { header: parsed.header, results, exitCode: 4 }, ctx };
    }
  }
  const exitCode = results.some((r) => r.expectFailed !== undefined) ? 1 : 0;
  return { run: { header: parsed.header, results, exitCode }, ctx };
}

/**
 * Runs one step; a refusal becomes an `ok: false` line, and expectations are judged. An
 * exception that is not a refusal is a crash of the model: it leaves as an InternalError
 * naming the line and op (LIM-9), and the model is not to be used further.
 */
export function runStep(ctx: RunContext, line: number, step: TraceStep): StepOutcome {
  ctx.line = line;
  try {
    const outcome = runHandler(ctx, line, step);
    ctx.remoteCopyReference.observe(ctx.model); // RC-INV-1: the checker sees each pair's state after each step
    return outcome;
  } catch (e) {
    throw new InternalError(line, String((step as { op?: unknown }).op), e);
  }
}

function runHandler(ctx: RunContext, line: number, step: TraceStep): StepOutcome {
  const op = step.op as OpName;
  const expectError = (step as { expectError?: string }).expectError;
  try {
    const { fields, mismatch } = HANDLERS[op](ctx, step);
    const request = requestRecord(line, step);
    if (request) ctx.requests.push(request); // TERM-R-2
    const outcome: StepOutcome = { line, op, ok: true, ...(hasLongList(fields) ? capResultLists(fields) : fields) }; // LIM-7
    if (expectError !== undefined) return { ...outcome, expectFailed: `expected ${expectError}, but the step was accepted` };
    return mismatch ? { ...outcome, expectFailed: mismatch } : outcome;
  } catch (e) {
    if (!isModelError(e)) throw e;
    const extra = 'violations' in e ? { violations: (e as { violations: unknown }).violations } : {};
    const limit = e instanceof LimitError ? { limit: e.limit } : {}; // LIM-2: which limit, its maximum, the value
    const outcome: StepOutcome = { line, op, ok: false, error: { code: e.code, message: e.message, ...limit }, ...extra };
    if (expectError === e.code) return outcome;
    const why = expectError === undefined ? `refused with ${e.code}` : `expected ${expectError}, got ${e.code}`;
    return { ...outcome, expectFailed: why };
  }
}
