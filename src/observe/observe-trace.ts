import { type TakenTransition, withTransitionSink } from '../../machines/inspection.ts';
import { newContext, type RunContext } from '../trace/context.ts';
import { parseTrace, TraceSyntaxError, type ParsedTrace } from '../trace/parse.ts';
import { crashOutcome, isInternalError } from '../trace/internal-error.ts';
import { runStep, type StepOutcome } from '../trace/runner.ts';
import type { TraceStep } from '../trace/schema.ts';
import { invariantViolations } from './invariant-violations.ts';
import { DefinedLinks } from './link-snapshots.ts';
import { pairSnapshots } from './pair-snapshots.ts';
import { processSnapshots } from './process-snapshots.ts';
import { readAgain } from './read-again.ts';
import { readMismatch } from '../trace/read-mismatch.ts';
import type { StepSnapshot, TraceSnapshots } from './snapshot.ts';
import { systemSnapshots } from './system-snapshots.ts';
import { volumeSnapshots } from './volume-snapshots.ts';
import { writePlanLines } from './write-plan-lines.ts';

/**
 * Runs a trace as `run` does (same parser, same `runStep`, same exit code) and, after each
 * step, takes a snapshot of what a person would want to see: the machine transitions the
 * step caused, every pair and its bitmaps, every process and its pointer, the volumes whose
 * host view differs from the checker's reference, the systems with their RAID groups' device
 * health and the paths between them, and the invariants that no longer hold.
 * The data of `replay`'s narrative and of the report's trace viewer. Never throws for a bad
 * trace: an invalid one gives exit 2 and one step carrying the TRACE_INVALID result.
 */
export function observeTrace(text: string, name: string): TraceSnapshots {
  let parsed: ParsedTrace;
  try {
    parsed = parseTrace(text);
  } catch (e) {
    if (!(e instanceof TraceSyntaxError)) throw e;
    return invalidTrace(name, e);
  }
  const ctx = newContext(parsed.header.variant ?? 'corrected');
  const links = new DefinedLinks();
  const steps: StepSnapshot[] = [];
  const crashed = withStepTransitions((taken) => {
    for (const { line, step } of parsed.steps) {
      try {
        steps.push(observeStep(ctx, links, line, step, taken));
      } catch (e) {
        if (!isInternalError(e)) throw e;
        steps.push(crashedStep(line, step, crashOutcome(e))); // LIM-9: the trace stops here
        return true;
      }
    }
    return false;
  });
  const exitCode = crashed ? 4 : steps.some((s) => s.result.expectFailed !== undefined) ? 1 : 0;
  return { name, header: { ...parsed.header }, steps, exitCode };
}

/** LIM-9: the step that crashed the model; nothing after it is observed (the model is suspect). */
function crashedStep(line: number, step: TraceStep, result: StepOutcome): StepSnapshot {
  return { line, step: { ...step }, result, transitions: [], pairs: [], processes: [], volumes: [], violations: [] };
}

/** The transitions taken since the last call, in order. */
type TakeTransitions = () => TakenTransition[];

/**
 * One sink for the whole run, not one per step: an actor keeps the sink that listened when
 * it was created (machines/inspection.ts `transitionInspector`), so a pair created at step 5 reports
 * its later transitions to this same sink, and each step takes what arrived meanwhile.
 */
function withStepTransitions<T>(run: (take: TakeTransitions) => T): T {
  let arrived: TakenTransition[] = [];
  const take: TakeTransitions = () => {
    const out = arrived;
    arrived = [];
    return out;
  };
  return withTransitionSink((t) => arrived.push(t), () => run(take));
}

function observeStep(ctx: RunContext, links: DefinedLinks, line: number, step: TraceStep, take: TakeTransitions): StepSnapshot {
  take(); // nothing between steps belongs to this one
  ctx.lastWrite = null;
  const result: StepOutcome = runStep(ctx, line, step);
  const planned = result.ok && ctx.lastWrite ? writePlanLines(ctx.lastWrite) : [];
  links.note(step, result);
  const mismatch = failedReadDetail(ctx, step, result);
  return {
    line,
    step: { ...step },
    result,
    transitions: take(),
    pairs: pairSnapshots(ctx.model),
    processes: processSnapshots(ctx.model),
    volumes: volumeSnapshots(ctx.model, ctx.reference),
    systems: systemSnapshots(ctx.model),
    links: links.snapshots(ctx.model),
    violations: invariantViolations(ctx),
    ...(mismatch === null ? {} : { readMismatch: mismatch }),
    ...(planned.length === 0 ? {} : { writePlan: planned }),
  };
}

/**
 * An accepted read whose data expectation failed: where the bytes first differ. The result
 * carries the bytes' hex only when the read had no expectation, so they are read again
 * (side-effect free, read-again.ts) right after the step, before anything else can run.
 */
function failedReadDetail(ctx: RunContext, step: TraceStep, result: StepOutcome): string | null {
  if (step.op !== 'read' || !result.ok || result.expectFailed === undefined || step.expect === undefined) return null;
  const actual = typeof result.hex === 'string' ? Uint8Array.from(Buffer.from(result.hex, 'hex')) : readAgain(ctx.model, step.system, step.volume, step.offset, step.length);
  return actual === null ? null : readMismatch(step.expect, actual, step.offset);
}

function invalidTrace(name: string, e: TraceSyntaxError): TraceSnapshots {
  const result: StepOutcome = { line: e.line, op: 'trace', ok: false, error: { code: 'TRACE_INVALID', message: e.message } };
  const step: StepSnapshot = { line: e.line, step: {}, result, transitions: [], pairs: [], processes: [], volumes: [], violations: [] };
  return { name, header: null, steps: [step], exitCode: 2 };
}
