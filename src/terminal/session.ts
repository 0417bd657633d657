/**
 * One live model that terminals act on (spec/terminals.md TERM-S-1): the maintenance
 * terminal's `shell` and the remote terminal's `serve` both apply one trace op at a time to a
 * Session, which keeps every step it ran as a trace-v1 line, so a session saved is a
 * regression seed and a saved session loaded reaches the same state.
 */
import { newContext, type RunContext } from '../trace/context.ts';
import { crashOutcome, isInternalError } from '../trace/internal-error.ts';
import { KnownNames, parseStepLine, parseTrace, TraceSyntaxError } from '../trace/parse.ts';
import { runStep, type StepOutcome } from '../trace/runner.ts';
import { REQUEST_OPS, type RequestSource, type TraceHeader, type TraceStep, type Variant } from '../trace/schema.ts';

const REQUESTS: ReadonlySet<string> = new Set(REQUEST_OPS);

/** The answer to a line that is not one valid op: the trace contract's code and message. */
export interface Invalid {
  readonly ok: false;
  readonly op: string;
  readonly error: { readonly code: 'TRACE_INVALID' | 'INTERNAL_ERROR'; readonly message: string };
}

export class Session {
  ctx: RunContext;
  /** Every step run so far, as the trace line that replays it (TERM-S-2). */
  readonly steps: Record<string, unknown>[] = [];
  private names = new KnownNames();
  /** Set once a step crashed the model (LIM-9): it takes no further step. */
  crashed: string | null = null;

  constructor(readonly header: TraceHeader = { trace: 1 }) {
    this.ctx = newContext((header.variant ?? 'corrected') as Variant);
  }

  /** Lines of the steps kept, as they were run (a loaded file's own numbers, then one more each). */
  private readonly lines: number[] = [];

  /** The line number the next step gets: one past the last step's (the header is line 1). */
  get nextLine(): number {
    return (this.lines[this.lines.length - 1] ?? 1) + 1;
  }

  /** TERM-S-2: takes back the last step kept (a `pairevtwait` step that changed nothing). */
  dropLast(): void {
    this.steps.pop();
    this.lines.pop();
  }

  /**
   * TERM-S-1: one op, as a JSON text or a parsed object. A request without `from` gets
   * `defaultFrom`. Bad input answers TRACE_INVALID and changes nothing.
   */
  apply(op: string | Record<string, unknown>, defaultFrom: RequestSource = 'host'): StepOutcome | Invalid {
    let step: TraceStep;
    try {
      const value = typeof op === 'string' ? JSON.parse(op) : op;
      const withFrom = addFrom(value, defaultFrom);
      step = parseStepLine(JSON.stringify(withFrom), this.nextLine, this.names);
    } catch (e) {
      if (e instanceof SyntaxError) return invalid('trace', `invalid JSON: ${e.message}`);
      if (e instanceof TraceSyntaxError) return invalid(opOf(op), e.detail);
      throw e;
    }
    return this.run(step);
  }

  /**
   * Runs a parsed step and logs it (TERM-S-2); a crash stops the session (LIM-9). `line` is
   * the step's line in the trace it came from (a loaded file's own line numbers).
   */
  run(step: TraceStep, line = this.nextLine): StepOutcome | Invalid {
    if (this.crashed !== null) return { ok: false, op: step.op, error: { code: 'INTERNAL_ERROR', message: `the model crashed earlier (${this.crashed}); save the session and start a new one` } };
    this.steps.push(logged(step, null));
    this.lines.push(line);
    try {
      const out = runStep(this.ctx, line, step);
      this.steps[this.steps.length - 1] = logged(step, out);
      return out;
    } catch (e) {
      if (!isInternalError(e)) throw e;
      this.crashed = e.message;
      return crashOutcome(e);
    }
  }

  /** The session so far as a trace-v1 file. */
  toTrace(): string {
    return [this.header, ...this.steps].map((l) => JSON.stringify(l)).join('\n') + '\n';
  }

  /**
   * TERM-S-3: a session from a trace's text, every step (up to line `atLine`) run as `run`
   * runs it; a bad trace is an error.
   */
  static load(text: string, atLine = Infinity): { session: Session; results: StepOutcome[] } | { error: string; line: number } {
    let parsed;
    try {
      parsed = parseTrace(text);
    } catch (e) {
      if (!(e instanceof TraceSyntaxError)) throw e;
      return { error: e.message, line: e.line };
    }
    const session = new Session(parsed.header);
    const results: StepOutcome[] = [];
    for (const { line, step } of parsed.steps) {
      if (line > atLine) break;
      session.names.note(step);
      const out = session.run(step, line);
      results.push(out as StepOutcome);
      if (session.crashed !== null) break;
    }
    return { session, results };
  }
}

/** A request op without `from` gets the terminal's source (TERM-R-1); other values pass as they are. */
function addFrom(value: unknown, from: RequestSource): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const v = value as Record<string, unknown>;
  if (typeof v.op !== 'string' || !REQUESTS.has(v.op) || Object.hasOwn(v, 'from') || from === 'host') return v;
  return { ...v, from };
}

/**
 * The step as it held (TERM-S-2): refused, it carries the code it was refused with, so the
 * saved trace replays with exit 0; accepted, it carries no `expectError`. `expect` stays only
 * where it held.
 */
function logged(step: TraceStep, out: StepOutcome | null): Record<string, unknown> {
  const { expectError: _e, expect: x, ...rest } = step as TraceStep & { expectError?: string; expect?: unknown };
  const kept = out === null || out.expectFailed === undefined ? (x === undefined ? {} : { expect: x }) : {};
  if (out !== null && !out.ok) return { ...rest, expectError: out.error!.code };
  return { ...rest, ...(out !== null && out.ok ? kept : {}) };
}

function invalid(op: string, message: string): Invalid {
  return { ok: false, op, error: { code: 'TRACE_INVALID', message } };
}

function opOf(op: string | Record<string, unknown>): string {
  try {
    const v = typeof op === 'string' ? JSON.parse(op) : op;
    return typeof v?.op === 'string' ? v.op : 'trace';
  } catch {
    return 'trace';
  }
}
