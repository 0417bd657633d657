import { fail } from '../../errors.ts';
import { requireName } from '../../limits.ts';
import { requestsOf } from '../request-log.ts';
import type { LocalPair } from '../../local-copy/local-pair.ts';
import type { RemotePair } from '../../remote-copy/remote-pair.ts';
import type { Handler, HandlerResult, RunContext } from '../context.ts';
import { partialMismatch } from '../partial-match.ts';
import type { ByGroup, PairDeleteStep, PairDivideStep, PairResyncStep, PairSuspendStep, StatusStep } from '../schema.ts';
import { captureDivision, localStatus } from './local-status.ts';
import { remoteStatus } from './remote-status.ts';

type Members = { kind: 'local'; pairs: LocalPair[] } | { kind: 'remote'; pairs: RemotePair[] };

/** CG-G-1: a pair may join a group of its own kind only. */
export function requireGroupJoin(ctx: RunContext, group: string, kind: 'local' | 'remote'): void {
  requireName('a consistency group name', group); // LIM-2
  const other = kind === 'local' ? ctx.model.remote.pairs.values() : ctx.model.localCopy.pairs.values();
  for (const p of other) {
    if (p.group === group) fail('INVALID_ARGUMENT', `consistency group ${group} holds ${kind === 'local' ? 'remote' : 'local'} pair ${p.id}; a group's pairs are all local or all remote`);
  }
}

/** CG-R-1: a group's members in creation order, NOT_FOUND when it has none. */
function membersOf(ctx: RunContext, group: string): Members {
  const local = [...ctx.model.localCopy.pairs.values()].filter((p) => p.group === group);
  if (local.length > 0) return { kind: 'local', pairs: local };
  return { kind: 'remote', pairs: ctx.model.remote.group(group) };
}

function result(group: string, m: Members, pairs: Record<string, unknown>[]): HandlerResult {
  return { fields: { group, kind: m.kind, pairs } };
}

function refuseKind(group: string, m: Members, op: string, kind: 'local' | 'remote'): void {
  if (m.kind !== kind) fail('INVALID_STATE', `consistency group ${group} is a ${m.kind} group; ${op} is for ${kind} pairs`);
}

/** CG-R-2: an at-time split of every local member. */
export const onGroupDivide: Handler<ByGroup<PairDivideStep>> = (ctx, step) => {
  const m = membersOf(ctx, step.group);
  refuseKind(step.group, m, 'pairDivide', 'local');
  if (step.extents !== undefined) fail('INVALID_ARGUMENT', `pairDivide of consistency group ${step.group} divides each pair's whole area; "extents" names one pair's tracks`);
  const pairs = m.pairs as LocalPair[];
  for (const p of pairs) ctx.model.localCopy.livePair(p.id).requireAccepts({ type: 'PAIR_DIVIDE' }, 'pair division'); // CG-R-1: all checked first
  for (const p of pairs) {
    p.divide();
    captureDivision(ctx, p);
  }
  return result(step.group, m, pairs.map(localStatus));
};

/** CG-R-1, CG-R-3: a remote group suspends together. */
export const onGroupSuspend: Handler<ByGroup<PairSuspendStep>> = (ctx, step) => {
  const m = membersOf(ctx, step.group);
  refuseKind(step.group, m, 'pairSuspend', 'remote');
  return result(step.group, m, ctx.model.remote.suspendAll(m.pairs as RemotePair[]).map(remoteStatus));
};

/** CG-R-1: a remote group resumes together (RC-R-2); a local group's pairs suspended by error resync (LC-F-2). */
export const onGroupResync: Handler<ByGroup<PairResyncStep>> = (ctx, step) => {
  const m = membersOf(ctx, step.group);
  if (m.kind === 'remote') return result(step.group, m, ctx.model.remote.resyncAll(m.pairs).map(remoteStatus));
  for (const p of m.pairs) ctx.model.localCopy.livePair(p.id).requireAccepts({ type: 'PAIR_RESYNC' }, 'resynchronisation'); // CG-R-1
  for (const p of m.pairs) {
    p.resync();
    ctx.localCopyReference.drop(p.id);
  }
  return result(step.group, m, m.pairs.map(localStatus));
};

/** CG-R-1: every member is deleted, or none. */
export const onGroupDelete: Handler<ByGroup<PairDeleteStep>> = (ctx, step) => {
  const m = membersOf(ctx, step.group);
  if (m.kind === 'remote') {
    ctx.model.remote.deleteAll(m.pairs);
    return result(step.group, m, m.pairs.map((p) => ({ pair: p.id, kind: 'remote', state: 'simplex' })));
  }
  for (const p of m.pairs) ctx.model.localCopy.livePair(p.id); // CG-R-1: SYSTEM_FAILED before any is deleted
  for (const p of m.pairs) {
    ctx.model.localCopy.delete(p.id);
    ctx.localCopyReference.drop(p.id);
  }
  return result(step.group, m, m.pairs.map((p) => ({ pair: p.id, state: 'deleted' })));
};

/** CG-R-1 (`pairdisplay -g`): every member's status. */
export const onGroupStatus: Handler<ByGroup<StatusStep>> = (ctx, step) => {
  const m = membersOf(ctx, step.group);
  const pairs = (m.kind === 'remote' ? m.pairs.map(remoteStatus) : m.pairs.map((p) => localStatus(ctx.model.localCopy.livePair(p.id))))
    .map((f) => ({ ...f, requests: requestsOf(ctx.requests, String(f.pair), step.group) })); // TERM-R-2
  const { fields } = result(step.group, m, pairs);
  return { fields, mismatch: step.expect === undefined ? null : partialMismatch(fields, step.expect) };
};
