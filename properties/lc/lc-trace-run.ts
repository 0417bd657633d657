/** The system under test as a trace run, and failures as trace lines (properties/lc/lc-model.ts). */
import { ScratchBuffer } from '../../src/check/scratch-buffer.ts';
import type { ErrorCode } from '../../src/errors.ts';
import type { LocalPair } from '../../src/local-copy/local-pair.ts';
import { newContext, type RunContext } from '../../src/trace/context.ts';
import { runStep, type StepOutcome } from '../../src/trace/runner.ts';
import type { TraceStep } from '../../src/trace/schema.ts';
import { CommandFailure } from '../harness/trace-failure.ts';
import { dataOf, json, type Step, SYSTEM, type Variant } from './lc-vocabulary.ts';

// ---------------------------------------------------------------------------
// The system under test, as a trace run

/** What the harness reads volumes into (one per module, so a run allocates none). */
const scratch = new ScratchBuffer();

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

  /** A volume's bytes as the host reads them, in a scratch buffer: valid until the next call. */
  readVolume(volume: string, offset: number, length: number): Uint8Array {
    const v = this.ctx.model.system(SYSTEM).volume(volume);
    const out = scratch.take(length);
    this.ctx.model.localCopy.readInto(v, offset, length, out);
    return out;
  }
}

// ---------------------------------------------------------------------------
// Failures: the shared scaffold (properties/harness/trace-failure.ts)

export { CommandFailure, TraceError, withTrace, type Witness } from '../harness/trace-failure.ts';

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
  throw new CommandFailure(`${json(s)}: ${out.expectFailed}`, [{ actual, expected: s }], true);
}
