import type { Handler } from '../context.ts';
import { onGroupDelete, onGroupDivide, onGroupResync, onGroupStatus, requireGroupJoin } from './group-requests.ts';
import { captureDivision, localStatus, originalKey } from './local-status.ts';
import { partialMismatch } from '../partial-match.ts';
import { deleteMigration, migrationStatus, onMigrationPairCreate } from './migration-pairs.ts';
import { requirePairKind } from './pair-kind.ts';
import { requestsOf } from '../request-log.ts';
import { onRemotePairCreate, onRemotePairResync, remoteStatus } from './remote-pairs.ts';
import type {
  ExtentCoupleStep, ExtentDivideStep, ExtentUpdateStep, PairCreateStep, PairDeleteStep, PairDivideStep, PairResyncStep, StatusStep,
} from '../schema.ts';

/** `pairCreate`: kind `local` (seventh to ninth embodiments), `remote` (RC-G-1), `migration` (MG-G-1). */
export const onPairCreate: Handler<PairCreateStep> = (ctx, step) => {
  if (step.kind === 'remote') return onRemotePairCreate(ctx, step);
  if (step.kind === 'migration') return onMigrationPairCreate(ctx, step);
  ctx.model.requireNewPairId(step.id);
  if (step.group !== undefined) requireGroupJoin(ctx, step.group, 'local');
  const pair = ctx.model.localCopy.create(step.id, step.original, step.copy, step.extents, step.group);
  ctx.reference.forget(step.copy);
  return { fields: localStatus(pair) };
};

/** `pairDivide` (Figs. 17, 27): the copy's settled image is the original now. */
export const onPairDivide: Handler<PairDivideStep> = (ctx, step) => {
  if ('group' in step) return onGroupDivide(ctx, step); // CG-R-2
  requirePairKind(ctx, step.pair, 'local', 'pairDivide');
  const lc = ctx.model.localCopy;
  const pair = lc.livePair(step.pair);
  const extents = step.extents === undefined ? undefined : lc.extents(pair.id, step.extents);
  pair.divide(extents);
  captureDivision(ctx, pair);
  return { fields: localStatus(pair) };
};

/** `extentUpdate` (Fig. 18). */
export const onExtentUpdate: Handler<ExtentUpdateStep> = (ctx, step) => {
  requirePairKind(ctx, step.pair, 'local', 'extentUpdate');
  const lc = ctx.model.localCopy;
  const extents = lc.extents(step.pair, step.extents);
  const pair = lc.livePair(step.pair);
  pair.extentUpdate(extents);
  ctx.localCopyReference.capture(pair, originalKey(ctx, pair), extents, 'extentUpdate');
  return { fields: localStatus(pair) };
};

/** `extentDivide` (Fig. 35). */
export const onExtentDivide: Handler<ExtentDivideStep> = (ctx, step) => {
  requirePairKind(ctx, step.pair, 'local', 'extentDivide');
  const lc = ctx.model.localCopy;
  const extents = lc.extents(step.pair, step.extents);
  const pair = lc.livePair(step.pair);
  pair.extentDivide(extents);
  ctx.localCopyReference.capture(pair, originalKey(ctx, pair), extents, 'extentDivide');
  return { fields: localStatus(pair) };
};

/** `extentCouple` (Fig. 36): the divided extents are no longer a settled image. */
export const onExtentCouple: Handler<ExtentCoupleStep> = (ctx, step) => {
  requirePairKind(ctx, step.pair, 'local', 'extentCouple');
  const pair = ctx.model.localCopy.livePair(step.pair);
  pair.extentCouple();
  ctx.localCopyReference.drop(pair.id, true);
  return { fields: localStatus(pair) };
};

/** `pairResync`: a remote pair (RC-R-2), or a local pair suspended by error (LC-F-2). */
export const onPairResync: Handler<PairResyncStep> = (ctx, step) => {
  if ('group' in step) return onGroupResync(ctx, step); // CG-R-1
  const kind = requirePairKind(ctx, step.pair, ['remote', 'local'], 'pairResync');
  if (kind === 'remote') return onRemotePairResync(ctx, step);
  const pair = ctx.model.localCopy.livePair(step.pair);
  pair.resync();
  ctx.localCopyReference.drop(pair.id);
  return { fields: localStatus(pair) };
};

/** `pairDelete`: the tables return to the pool (LC-R-6, RC-R-3, MG-R-2). */
export const onPairDelete: Handler<PairDeleteStep> = (ctx, step) => {
  if ('group' in step) return onGroupDelete(ctx, step); // CG-R-1
  const kind = requirePairKind(ctx, step.pair, ['local', 'remote', 'migration'], 'pairDelete');
  if (kind === 'remote') {
    ctx.model.remote.delete(step.pair);
    return { fields: { pair: step.pair, kind, state: 'simplex' } };
  }
  if (kind === 'migration') {
    deleteMigration(ctx, step.pair);
    return { fields: { pair: step.pair, kind, state: 'simplex' } };
  }
  ctx.model.localCopy.delete(step.pair);
  ctx.localCopyReference.drop(step.pair);
  return { fields: { pair: step.pair, state: 'deleted' } };
};

/** `status`: state, copy progress and the set bits of each bitmap. */
export const onStatus: Handler<StatusStep> = (ctx, step) => {
  if ('group' in step) return onGroupStatus(ctx, step); // CG-R-1
  const kind = requirePairKind(ctx, step.pair, ['local', 'remote', 'migration'], 'status');
  const fields =
    kind === 'remote' ? remoteStatus(ctx.model.remote.pair(step.pair))
    : kind === 'migration' ? migrationStatus(ctx.model.migration.pair(step.pair))
    : localStatus(ctx.model.localCopy.livePair(step.pair));
  const group = (fields as { group?: string }).group ?? null;
  fields.requests = requestsOf(ctx.requests, step.pair, group); // TERM-R-2
  return { fields, mismatch: step.expect === undefined ? null : partialMismatch(fields, step.expect) };
};
