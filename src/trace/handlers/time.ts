import { fail } from '../../errors.ts';
import type { Handler } from '../context.ts';
import type { SettleStep, StepStep } from '../schema.ts';

/** `step`: advance one background process by up to `tracks` units. */
export const onStep: Handler<StepStep> = (ctx, step) => {
  if ('pair' in step) fail('NOT_IMPLEMENTED', `pairs are not built yet (step of pair ${step.pair})`);
  const { process, advanced } = ctx.model.step(step.process, step.tracks ?? 1);
  return { fields: { process: process.name, advanced, done: process.done, ...process.progress() } };
};

/** `settle`: run every background process to completion. */
export const onSettle: Handler<SettleStep> = (ctx) => ({ fields: { processes: ctx.model.settle() } });
