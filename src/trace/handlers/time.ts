import type { Handler } from '../context.ts';
import type { SettleStep, StepStep } from '../schema.ts';

/** `step`: advance one background process by up to `tracks` units. */
export const onStep: Handler<StepStep> = (ctx, step) => {
  const name = 'pair' in step ? ctx.model.localCopy.livePair(step.pair).id : step.process;
  const { process, advanced } = ctx.model.step(name, step.tracks ?? 1);
  return { fields: { process: process.name, advanced, done: process.done, ...process.progress() } };
};

/** `settle`: run every background process to completion. */
export const onSettle: Handler<SettleStep> = (ctx) => ({ fields: { processes: ctx.model.settle() } });
