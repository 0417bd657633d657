import type { RemoteCopyReference } from '../check/remote-copy-reference.ts';
import { isModelError } from '../errors.ts';
import type { Violation } from '../model/invariants.ts';
import type { RunContext } from '../trace/context.ts';
import { onCheck } from '../trace/handlers/observation.ts';

/**
 * The invariants of spec/ that do not hold now, as `"ID: message"` (empty when all hold).
 * It runs the trace op `check`'s own handler, so the list is exactly what a `check` step
 * here would report.
 *
 * Observing must not change the run: the remote-copy checker hands out the RC-INV-5
 * violations it found at a takeover only once (to the next `check`), so they are put back
 * after looking, and a later `check` step of the trace still sees them.
 */
export function invariantViolations(ctx: RunContext): string[] {
  const pending = takeoverViolations(ctx.remoteCopyReference);
  const kept = [...pending];
  try {
    onCheck(ctx, { op: 'check' });
    return [];
  } catch (e) {
    if (!isModelError(e)) throw e;
    const listed = (e as { violations?: readonly Violation[] }).violations;
    if (listed === undefined) return [`${e.code}: ${e.message}`]; // a checker refused outright
    return listed.map((v) => `${v.invariant}: ${v.message}`);
  } finally {
    pending.splice(0, pending.length, ...kept);
  }
}

/** The checker's private queue of violations found at takeovers (RemoteCopyReference.atTakeover). */
function takeoverViolations(reference: RemoteCopyReference): Violation[] {
  const queue = (reference as unknown as { atTakeover?: Violation[] }).atTakeover;
  if (!Array.isArray(queue)) throw new Error('RemoteCopyReference no longer keeps atTakeover: update invariant-violations.ts');
  return queue;
}
