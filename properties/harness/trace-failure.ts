/**
 * The scaffold every trace-driven harness shares (local copy, remote copy, migration,
 * placement): a command is one trace-v1 step, so a failure is a trace. A command that finds
 * the system under test and the spec disagreeing throws a `CommandFailure` with its witnesses;
 * the harness's `run` attaches the steps so far with `withTrace`, and the shrunk counterexample
 * is, line for line, a trace file (spec/trace-format.md).
 */
import { sha256Hex, toHex } from '../../src/trace/data.ts';

/** Which model the trace runs on: the corrected spec, or the seed's literal flows. */
export type Variant = 'corrected' | 'literal';
/** A trace step as JSON (op plus the op's fields). */
export type Step = { readonly op: string } & Record<string, unknown>;

export const json = (v: unknown): string => JSON.stringify(v);

/** A Data value for the bytes: a fill when uniform, hex when short, else a sha256. */
export function dataOf(bytes: Uint8Array): Record<string, unknown> {
  if (bytes.length > 0 && isFill(bytes)) return { fill: bytes[0], length: bytes.length };
  if (bytes.length <= 1024) return { hex: toHex(bytes) };
  return { sha256: sha256Hex(bytes) };
}

function isFill(bytes: Uint8Array): boolean {
  for (let i = 1; i < bytes.length; i++) if (bytes[i] !== bytes[0]) return false;
  return true;
}

/** One observation where the system under test and the spec disagree. */
export interface Witness {
  /** The step as the system under test makes it hold (a trace of that variant passes with it). */
  readonly actual: Step;
  /** The step as the spec (the reference model) says it must hold. */
  readonly expected: Step;
}

/** A disagreement found while running a command (before the trace is attached). */
export class CommandFailure extends Error {
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
export class TraceError extends Error {
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

/** What `withTrace` needs of a harness's system under test: the steps run so far and the variant. */
export interface TracedRun {
  readonly log: readonly Step[];
  readonly variant: Variant;
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

/** Attaches the trace so far to a failure. */
export function withTrace(e: unknown, r: TracedRun): TraceError {
  if (e instanceof TraceError) return e;
  const failure = e instanceof CommandFailure ? e : null;
  const steps = failure?.replacesLast ? r.log.slice(0, -1) : [...r.log];
  const witnesses = failure?.witnesses ?? [];
  const label = r.variant === 'literal' ? 'corrected' : 'spec';
  const header = r.variant === 'literal' ? { variant: 'literal' } : {};
  const text = renderTrace(steps, witnesses, label, header);
  const why = e instanceof Error ? e.message : String(e);
  return new TraceError(`${why}\n--- trace (${steps.length} steps) ---\n${text}`, steps, witnesses, r.variant, e);
}

/** Runs `f` on the system under test; whatever it throws comes out with the trace so far. */
export function traced<T>(r: TracedRun, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw withTrace(e, r);
  }
}

/** CHK-1: once more in full at the end of a run, so that a change no scoped comparison looked at is still seen. */
export function finalCheck(r: TracedRun & { readonly ctx: { readonly changes: { take(): unknown } } }, verifyFull: () => void): void {
  traced(r, () => {
    r.ctx.changes.take();
    verifyFull();
  });
}

/** Commands of a shrunk counterexample that actually ran. */
export function ranCommands(cmds: Iterable<unknown>): string[] {
  return [...cmds].filter((c) => (c as { hasRan?: boolean }).hasRan !== false).map(String);
}
