/**
 * The base of the migration harness's commands (properties/mg/mg-model.ts): every command is
 * one trace-v1 step, checked after it runs (mg-verify.ts) and counted in what it reached; and
 * the helpers the commands share (a request's outcome, a read's bytes judged).
 */
import fc from 'fast-check';
import { sha256Hex } from '../../src/trace/data.ts';
import type { StepOutcome } from '../../src/trace/runner.ts';
import { CommandFailure, dataOf, exec, json, type Outcome, type Step, type TraceRun } from '../rc/rc-trace.ts';
import { bump } from '../harness/support.ts';
import type { MgModel } from './mg-reference.ts';
import { verifyMg } from './mg-verify.ts';
import { traced } from '../harness/trace-failure.ts';

export abstract class MgCommand implements fc.Command<MgModel, TraceRun> {
  setup = false;

  check(_m: Readonly<MgModel>): boolean {
    return true;
  }

  run(m: MgModel, r: TraceRun): void {
    const before = m.mig?.id ?? null;
    traced(r, () => {
      this.apply(m, r);
      verifyMg(m, r, r.ctx.changes.take());
    });
    const reached = m.reached;
    if (!reached || this.setup) return;
    bump(reached, 'commands');
    const op = r.log[r.log.length - 1]?.op ?? '?';
    const after = m.mig?.id ?? null;
    if (before !== after) {
      if (before) {
        bump(reached, 'transition:migrating->simplex');
        bump(reached, `via:migrating-${op}->simplex`);
        bump(reached, 'state:simplex');
      }
      if (after) bump(reached, 'transition:none->migrating');
    }
    if (m.mig) bump(reached, 'state:migrating');
  }

  protected abstract apply(m: MgModel, r: TraceRun): void;
  abstract toString(): string;
}

function outcomeOf(out: StepOutcome): Outcome {
  return out.ok ? 'ok' : (out.error!.code as Outcome);
}

export function request(m: MgModel, r: TraceRun, step: Step, allowed: readonly Outcome[], count = true): Outcome {
  const got = outcomeOf(exec(r, step, allowed));
  if (count) bump(m.reached, got === 'ok' ? `accepted:${step.op}` : `refused:${step.op}:${got}`);
  return got;
}

export function judgeRead(out: StepOutcome, step: Step, want: Uint8Array): void {
  if (!out.ok) return;
  if (out.sha256 === sha256Hex(want)) return;
  const actual = typeof out.hex === 'string' ? dataOf(Buffer.from(out.hex, 'hex')) : { sha256: out.sha256 };
  throw new CommandFailure(`${json(step)}: read ${json(actual)}, expected ${json(dataOf(want))}`, [{ actual: { ...step, expect: actual }, expected: { ...step, expect: dataOf(want) } }], true);
}
