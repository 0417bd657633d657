/**
 * The commands of the remote-copy harness (properties/rc/rc-model.ts), each one trace step:
 * their base classes (every command, and one naming a pair) and the helpers they share to
 * run a request and judge a read.
 */
import type fc from 'fast-check';
import { FULL } from '../../src/check/check-scope.ts';
import type { ErrorCode } from '../../src/errors.ts';
import { sha256Hex } from '../../src/trace/data.ts';
import type { StepOutcome } from '../../src/trace/runner.ts';
import { CommandFailure, dataOf, exec, json, type Outcome, type Step, type TraceRun } from './rc-trace.ts';
import { bump } from '../harness/support.ts';
import type { RefPair } from './rc-reference-core.ts';
import type { RcModel } from './rc-reference.ts';
import { verify } from './rc-verify.ts';
import { traced } from '../harness/trace-failure.ts';

export abstract class RcCommand implements fc.Command<RcModel, TraceRun> {
  /** Setup steps run through the same code but are not counted as commands. */
  setup = false;
  /** Compare every volume, not only those the model changed. */
  protected readonly full: boolean = false;

  check(_m: Readonly<RcModel>): boolean {
    return true;
  }

  run(m: RcModel, r: TraceRun): void {
    const before = m.stateMap();
    traced(r, () => {
      this.apply(m, r);
      const scope = r.ctx.changes.take();
      verify(m, r, this.full ? FULL : scope);
    });
    const after = m.stateMap();
    m.commandsRun++;
    for (const [id, s] of after) if (s === 'suspended' && before.get(id) !== 'suspended') m.suspendedAt.set(id, m.commandsRun);
    const reached = m.reached;
    if (!reached || this.setup) return;
    bump(reached, 'commands');
    const op = r.log[r.log.length - 1]?.op ?? '?';
    for (const [id, b] of before) {
      const a = after.get(id) ?? 'simplex';
      if (a !== b) {
        bump(reached, `transition:${b}->${a}`);
        bump(reached, `via:${b}-${op}->${a}`);
        if (a === 'simplex') bump(reached, 'state:simplex');
        if (a === 'suspended') bump(reached, `suspended:${m.pair(id)?.reason}`);
      }
    }
    for (const [id, a] of after) if (!before.has(id)) bump(reached, `transition:none->${a}`);
    for (const p of m.pairs) bump(reached, `state:${p.state}`);
  }

  protected abstract apply(m: RcModel, r: TraceRun): void;
  abstract toString(): string;
}

function outcomeOf(out: StepOutcome): Outcome {
  return out.ok ? 'ok' : (out.error!.code as ErrorCode);
}

/** A request: counted as accepted or refused with its code. */
export function request(m: RcModel, r: TraceRun, step: Step, allowed: readonly Outcome[], count = true): Outcome {
  const got = outcomeOf(exec(r, step, allowed));
  if (count) bump(m.reached, got === 'ok' ? `accepted:${step.op}` : `refused:${step.op}:${got}`);
  return got;
}

/** Compares a read's bytes (by sha256) with the model's, when it knows them. */
export function judgeRead(out: StepOutcome, step: Step, want: Uint8Array | null): void {
  if (!out.ok || !want) return;
  const sha = sha256Hex(want);
  if (out.sha256 === sha) return;
  const actual = typeof out.hex === 'string' ? dataOf(Buffer.from(out.hex, 'hex')) : { sha256: out.sha256 };
  throw new CommandFailure(`${json(step)}: read ${json(actual)}, expected ${json(dataOf(want))}`, [{ actual: { ...step, expect: actual }, expected: { ...step, expect: dataOf(want) } }], true);
}

/** Which pairs a request prefers (`smart`), so that most requests are ones the state accepts. */
export type Prefer = (p: RefPair) => boolean;

export abstract class PairCommand extends RcCommand {
  constructor(
    readonly pick: number,
    readonly smart: boolean,
  ) {
    super();
  }

  protected abstract readonly prefer: Prefer;

  protected target(m: RcModel): { id: string; pair: RefPair | undefined } {
    return m.pickPair(this.pick, this.smart ? this.prefer : undefined);
  }
}
