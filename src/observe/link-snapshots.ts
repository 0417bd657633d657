import type { Model } from '../model/model.ts';
import type { StepOutcome } from '../trace/runner.ts';
import type { TraceStep } from '../trace/schema.ts';
import type { LinkSnapshot } from './snapshot.ts';

/**
 * The inter-controller paths a trace defined (SYS-4), and whether each is up now. The model
 * keeps its paths to itself and answers only `linkUp(a, b)`; every path comes from an
 * accepted `link` step and none is ever removed, so the steps seen so far name them all, in
 * definition order, as the trace wrote them.
 */
export class DefinedLinks {
  private readonly between: Array<readonly [string, string]> = [];

  /** Takes note of a path the step defined, if it did. */
  note(step: TraceStep, result: StepOutcome): void {
    if (step.op === 'link' && result.ok) this.between.push([step.between[0], step.between[1]]);
  }

  /** Each path with its state now (`Model.linkUp`: a read, no side effect). */
  snapshots(model: Model): LinkSnapshot[] {
    return this.between.map(([a, b]) => ({ between: [a, b], up: model.linkUp(a, b) }));
  }
}
