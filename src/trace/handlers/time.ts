import type { Handler, RunContext } from '../context.ts';
import { requirePairKind } from './pair-kind.ts';
import type { SettleStep, StepStep } from '../schema.ts';

/** `step`: advance one background process by up to `tracks` units. */
export const onStep: Handler<StepStep> = (ctx, step) => {
  const name = 'pair' in step ? pairProcess(ctx, step.pair) : step.process;
  const { process, advanced } = ctx.model.step(name, step.tracks ?? 1);
  return { fields: { process: process.name, advanced, done: process.done, ...process.progress() } };
};

/** `settle`: run every background process to completion. */
export const onSettle: Handler<SettleStep> = (ctx) => ({ fields: { processes: ctx.model.settle() } });

/** A pair's copy is the process named by its id (local pairs: refused when their system failed). */
function pairProcess(ctx: RunContext, id: string): string {
  const kind = requirePairKind(ctx, id, ['local', 'remote', 'migration'], 'step');
  return kind === 'local' ? ctx.model.localCopy.livePair(id).id : id;
}
