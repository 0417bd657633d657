import type { RemotePair } from '../../remote-copy/remote-pair.ts';
import { areaTracks, tracksBelow } from '../../remote-copy/area.ts';
import type { Handler } from '../context.ts';
import type { PairResyncStep, PairSuspendStep, RemotePairCreateStep, TakeoverStep } from '../schema.ts';
import { datasetsNow } from './observation.ts';
import { requirePairKind } from './pair-kind.ts';

/** `pairCreate` kind `remote` (RC-G-1..RC-G-5). */
export const onRemotePairCreate: Handler<RemotePairCreateStep> = (ctx, step) => {
  ctx.model.requireNewPairId(step.id);
  const pair = ctx.model.remote.create(step, (v) => ctx.model.migration.roleOf(v));
  ctx.reference.forget(pair.targetKey); // its bytes come from the pair now (RC-INV-1..3)
  return { fields: remoteStatus(pair) };
};

/** `pairSuspend` (RC-R-1). */
export const onPairSuspend: Handler<PairSuspendStep> = (ctx, step) => {
  requirePairKind(ctx, step.pair, 'remote', 'pairSuspend');
  return { fields: remoteStatus(ctx.model.remote.suspend(step.pair)) };
};

/** `pairResync` of a remote pair (RC-R-2). */
export const onRemotePairResync: Handler<PairResyncStep> = (ctx, step) => {
  return { fields: remoteStatus(ctx.model.remote.resync(step.pair)) };
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

/** `status` of a remote pair: state, copy progress, the difference bitmap's set bits. */
export function remoteStatus(pair: RemotePair): Record<string, unknown> {
  const copy = pair.takeoverCopy;
  return {
    pair: pair.id,
    kind: 'remote',
    state: pair.state,
    source: pair.source.key,
    target: pair.targetKey,
    extents: pair.area.map((e) => [...e]),
    fence: pair.fence,
    allocate: pair.allocate,
    consistent: pair.consistent,
    ...(pair.suspendReason && (pair.state === 'suspended' || pair.state === 'suspendedByError') ? { suspendReason: pair.suspendReason } : {}),
    copy: { pointer: pair.pointer, copied: tracksBelow(pair.area, pair.pointer), total: areaTracks(pair.area) },
    bits: { difference: pair.bits.count() },
    ...(pair.takenOverWith ? { takenOverWith: pair.takenOverWith } : {}),
    ...(copy ? { takeoverCopy: { pointer: copy.pointer, pending: copy.pending.count(), total: areaTracks(copy.area) } } : {}),
  };
}
