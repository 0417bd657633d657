import type { Handler } from '../context.ts';
import type { LinkDownStep, LinkStep, LinkUpStep, SystemFailStep } from '../schema.ts';

/** `link`: an inter-controller path between two systems (SYS-4). */
export const onLink: Handler<LinkStep> = (ctx, step) => {
  ctx.model.defineLink(step.between[0], step.between[1]);
  return { fields: { between: step.between, up: true } };
};

/** `linkDown`: the path fails (SYS-4). */
export const onLinkDown: Handler<LinkDownStep> = (ctx, step) => {
  ctx.model.setLink(step.between[0], step.between[1], false);
  return { fields: { between: step.between, up: false } };
};

/** `linkUp`: the path returns (SYS-4). */
export const onLinkUp: Handler<LinkUpStep> = (ctx, step) => {
  ctx.model.setLink(step.between[0], step.between[1], true);
  return { fields: { between: step.between, up: true } };
};

/** `systemFail`: the whole system becomes unusable (SYS-5). */
export const onSystemFail: Handler<SystemFailStep> = (ctx, step) => {
  ctx.model.failSystem(step.system);
  return { fields: { system: step.system, failed: true } };
};
