import { isModelError } from '../errors.ts';
import type { RunContext } from '../trace/context.ts';
import { violationsNow } from '../trace/handlers/observation.ts';

/**
 * The invariants of spec/ that do not hold now, as `"ID: message"` (empty when all hold):
 * what a `check` step here would report. Observing must not change the run, so the RC-INV-5
 * findings of a takeover, which `check` hands out once, are only peeked at.
 */
export function invariantViolations(ctx: RunContext): string[] {
  try {
    return violationsNow(ctx, false).map((v) => `${v.invariant}: ${v.message}`);
  } catch (e) {
    if (!isModelError(e)) throw e;
    return [`${e.code}: ${e.message}`]; // a checker refused outright
  }
}
