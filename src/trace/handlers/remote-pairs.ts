import type { Handler } from '../context.ts';
import type { ByPair, PairResyncStep, PairSuspendStep, RemotePairCreateStep, TakeoverStep } from '../schema.ts';
import { onGroupSuspend, requireGroupJoin } from './group-requests.ts';
import { datasetsNow } from './observation.ts';
import { requirePairKind } from './pair-kind.ts';
import { remoteStatus } from './remote-status.ts';

export { remoteStatus };

/** `pairCreate` kind `remote` (RC-G-1..RC-G-5). */
export const onRemotePairCreate: Handler<RemotePairCreateStep> = (ctx, step) => {
  ctx.model.requireNewPairId(step.id);
  if (step.group !== undefined) requireGroupJoin(ctx, step.group, 'remote');
  const pair = ctx.model.remote.create(step, (v) => ctx.model.migration.roleOf(v));
  ctx.reference.forget(pair.targetKey); // its bytes come from the pair now (RC-INV-1..3)
  return { fields: remoteStatus(pair) };
};

/** `pairSuspend` (RC-R-1); of a group member, of its group (CG-R-3). */
export const onPairSuspend: Handler<PairSuspendStep> = (ctx, step) => {
  if ('group' in step) return onGroupSuspend(ctx, step); // CG-R-1
  requirePairKind(ctx, step.pair, 'remote', 'pairSuspend');
  ctx.model.remote.suspend(step.pair);
  return { fields: remoteStatus(ctx.model.remote.pair(step.pair)) };
};

/** `pairResync` of a remote pair (RC-R-2); of a group member, of its group (CG-R-3). */
export const onRemotePairResync: Handler<ByPair<PairResyncStep>> = (ctx, step) => {
  ctx.model.remote.resync(step.pair);
  return { fields: remoteStatus(ctx.model.remote.pair(step.pair)) };
};

/** `takeover` (RC-T-1..RC-T-6): operation switching at the target. */
export const onTakeover: Handler<TakeoverStep> = (ctx, step) => {
  requirePairKind(ctx, step.pair, 'remote', 'takeover');
  const result = ctx.model.remote.takeover(step.pair, step.extend ?? true);
  const pair = ctx.model.remote.pair(step.pair);
  ctx.remoteCopyReference.tookOver(ctx.model, result.pairs, pair.targetKey, (key) => datasetsNow(ctx, key));
  const volume = pair.target;
  return {
    fields: {
      ...remoteStatus(pair),
      takenOver: result.pairs,
      volume: result.volume,
      bytes: volume.capacityBytes,
      datasetsKept: result.kept,
      datasetsErased: result.erased,
    },
  };
};
