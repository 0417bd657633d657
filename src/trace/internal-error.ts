/**
 * LIM-9 (spec/limits.md; spec/trace-format.md, "A crash is its own outcome"): an exception that escapes the
 * model during a step is a bug of the model, never a refusal. `runStep` rethrows it as an
 * InternalError naming the step, so a property that drives the model fails (and its
 * counterexample is saved like any other); `runTrace` and `replay` turn it into an
 * INTERNAL_ERROR result line, stop the trace and exit 4.
 */
export class InternalError extends Error {
  readonly code = 'INTERNAL_ERROR';
  readonly line: number;
  readonly op: string;

  constructor(line: number, op: string, cause: unknown) {
    super(`line ${line} (op "${op}"): ${describeCrash(cause)} (a bug of the model, not a refusal: please report it with this trace)`, { cause });
    this.name = 'InternalError';
    this.line = line;
    this.op = op;
  }
}

export function isInternalError(e: unknown): e is InternalError {
  return e instanceof InternalError;
}

/** The exception's name and message, and the first place in the model's code it came from. */
function describeCrash(cause: unknown): string {
  if (!(cause instanceof Error)) return `non-error thrown: ${String(cause)}`;
  const frame = (cause.stack ?? '').split('\n').find((l) => /^\s+at /.test(l) && /\/(src|machines|properties)\//.test(l));
  const where = frame === undefined ? '' : ` at ${frame.replace(/^.*?\/((src|machines|properties)\/[^:)]+:\d+).*$/, '$1')}`;
  return `${cause.name}: ${cause.message}${where}`;
}

/** The result line of a crashed step (LIM-9). */
export function crashOutcome(e: InternalError): { line: number; op: string; ok: false; error: { code: string; message: string } } {
  return { line: e.line, op: e.op, ok: false, error: { code: e.code, message: e.message } };
}
