import { fail } from '../../errors.ts';
import type { LocalPair } from '../../local-copy/local-pair.ts';
import type { Handler, RunContext } from '../context.ts';
import { partialMismatch } from '../partial-match.ts';
import type {
  ExtentCoupleStep, ExtentDivideStep, ExtentUpdateStep, PairCreateStep, PairDeleteStep, PairDivideStep, StatusStep,
} from '../schema.ts';

/** `pairCreate`: kind `local` (seventh to ninth embodiments); the other kinds come later. */
export const onPairCreate: Handler<PairCreateStep> = (ctx, step) => {
  if (step.kind !== 'local') fail('NOT_IMPLEMENTED', `pairs of kind "${step.kind}" are not built yet`);
  const pair = ctx.model.localCopy.create(step.id, step.original, step.copy, step.extents);
  ctx.reference.forget(step.copy);
  return { fields: statusOf(pair) };
};

/** `pairDivide` (Figs. 17, 27): the copy's settled image is the original now. */
export const onPairDivide: Handler<PairDivideStep> = (ctx, step) => {
  const lc = ctx.model.localCopy;
  const pair = lc.livePair(step.pair);
  const extents = step.extents === undefined ? undefined : lc.extents(pair.id, step.extents);
  pair.divide(extents);
  ctx.localCopyReference.capture(pair, keyOf(ctx, pair), pair.area ?? [[0, pair.original.tracks - 1]], true);
  return { fields: statusOf(pair) };
};

/** `extentUpdate` (Fig. 18). */
export const onExtentUpdate: Handler<ExtentUpdateStep> = (ctx, step) => {
  const lc = ctx.model.localCopy;
  const extents = lc.extents(step.pair, step.extents);
  const pair = lc.livePair(step.pair);
  pair.extentUpdate(extents);
  ctx.localCopyReference.capture(pair, keyOf(ctx, pair), extents, false);
  return { fields: statusOf(pair) };
};

/** `extentDivide` (Fig. 35). */
export const onExtentDivide: Handler<ExtentDivideStep> = (ctx, step) => {
  const lc = ctx.model.localCopy;
  const extents = lc.extents(step.pair, step.extents);
  const pair = lc.livePair(step.pair);
  pair.extentDivide(extents);
  ctx.localCopyReference.capture(pair, keyOf(ctx, pair), extents, true);
  return { fields: statusOf(pair) };
};

/** `extentCouple` (Fig. 36): the divided extents are no longer a settled image. */
export const onExtentCouple: Handler<ExtentCoupleStep> = (ctx, step) => {
  const pair = ctx.model.localCopy.livePair(step.pair);
  pair.extentCouple();
  ctx.localCopyReference.drop(pair.id);
  return { fields: statusOf(pair) };
};

/** `pairDelete`: the tables return to the pool. */
export const onPairDelete: Handler<PairDeleteStep> = (ctx, step) => {
  ctx.model.localCopy.delete(step.pair);
  ctx.localCopyReference.drop(step.pair);
  return { fields: { pair: step.pair, state: 'deleted' } };
};

/** `status`: state, copy progress and the set bits of each bitmap. */
export const onStatus: Handler<StatusStep> = (ctx, step) => {
  const fields = statusOf(ctx.model.localCopy.livePair(step.pair));
  return { fields, mismatch: step.expect === undefined ? null : partialMismatch(fields, step.expect) };
};

function keyOf(ctx: RunContext, pair: LocalPair): string {
  for (const [sid, system] of ctx.model.systems) {
    for (const [vid, volume] of system.volumes) if (volume === pair.original) return `${sid}:${vid}`;
  }
  return fail('NOT_FOUND', `pair ${pair.id}: original volume has no system`);
}

function statusOf(pair: LocalPair): Record<string, unknown> {
  return {
    pair: pair.id,
    kind: 'local',
    state: pair.machineState,
    // Copies: a result line must keep what was true at its step.
    ...(pair.area ? { extents: pair.area.map((e) => [...e]) } : {}),
    updateExtents: pair.updateExtents.map((e) => [...e]),
    dividedExtents: pair.dividedExtents.map((e) => [...e]),
    processes: pair.processes.map((p) => ({ kind: p.kind, position: p.position, examined: p.examined, total: p.total })),
    bits: { gen: pair.bits.gen.count(), div: pair.bits.div.count(), upd: pair.bits.upd.count() },
  };
}
