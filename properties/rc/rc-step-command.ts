/**
 * A trace step as a fast-check command for the copy-side failure properties
 * (properties/rc/rc-f-storage-lost.ts, properties/lc/lc-f-storage-lost.ts): run with `exec`
 * (its outcome must be one of `allowed`), its pairs' state changes counted as witnesses.
 */
import type fc from 'fast-check';
import { bump, type Counters } from '../harness/support.ts';
import { traced } from '../harness/trace-failure.ts';
import { exec, type Outcome, type Step, type TraceRun } from './rc-trace.ts';

/** What these commands share of a property's reference: its witness counters, and the pair states the model shows. */
export interface StepReference {
  readonly reached: Counters | undefined;
  /** Each pair's id and state, as the model has them now. */
  readonly states: (r: TraceRun) => Map<string, string>;
  /** The state a deleted pair reports (`simplex`, `deleted`). */
  readonly gone: string;
}

/** A command whose every failure carries the trace so far (`traced`): subclasses say what it does in `apply`. */
export abstract class TraceCommand<M extends object> implements fc.Command<M, TraceRun> {
  check(): boolean {
    return true;
  }
  run(m: M, r: TraceRun): void {
    traced(r, () => this.apply(m, r));
  }
  protected abstract apply(m: M, r: TraceRun): void;
  abstract toString(): string;
}

/** One trace step whose outcome is one of `allowed`; `after` sees the model once it ran. */
export class StepCommand<M extends StepReference> extends TraceCommand<M> {
  constructor(
    readonly step: Step,
    readonly allowed: (r: TraceRun) => Outcome[],
    readonly label: string,
    readonly after?: (m: M, r: TraceRun, before: Map<string, string>) => void,
  ) {
    super();
  }
  protected apply(m: M, r: TraceRun): void {
    const before = m.states(r);
    exec(r, this.step, this.allowed(r));
    bump(m.reached, 'commands');
    this.after?.(m, r, before);
  }
  toString(): string {
    return this.label;
  }
}

/** Several commands run as one, in order (an operator's routine, e.g. repair then resynchronise): raises how often a long chain is drawn. */
export class SequenceCommand<M extends object> implements fc.Command<M, TraceRun> {
  constructor(readonly commands: readonly fc.Command<M, TraceRun>[], readonly label: string) {}
  check(): boolean {
    return true;
  }
  run(m: M, r: TraceRun): void {
    for (const c of this.commands) c.run(m, r);
  }
  toString(): string {
    return this.label;
  }
}

/** The pairs a step or request moved, as witnesses: `via:<was>-<op>-><now>`, and `storageLost:<op>:<was>` into `suspendedByError`. */
export function transitions(m: StepReference, r: TraceRun, before: Map<string, string>, op: string): void {
  const now = m.states(r);
  for (const [id, was] of before) {
    const state = now.get(id) ?? m.gone;
    if (was !== state) bump(m.reached, `via:${was}-${op}->${state}`);
    if (was !== 'suspendedByError' && state === 'suspendedByError') bump(m.reached, `storageLost:${op}:${was}`);
  }
}
