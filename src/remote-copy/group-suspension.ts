import type { RemotePair } from './remote-pair.ts';
import type { RemoteWritePlan } from './remote-write.ts';

/** CG-R-1: the members of a remote pair's consistency group, in creation order (just the pair outside a group). */
export function membersOf(pair: RemotePair, pairs: Iterable<RemotePair>): RemotePair[] {
  if (pair.group === null) return [pair];
  return [...pairs].filter((p) => p.group === pair.group && p.inGroup);
}

/**
 * CG-F-1: every group with a suspended member suspends its live members, reason `group`.
 * Called at the end of every step that can suspend a pair, so no later write is transferred.
 */
export function holdGroups(pairs: Iterable<RemotePair>): void {
  const all = [...pairs];
  const held = new Set(all.filter((p) => p.inGroup && p.suspended).map((p) => p.group));
  for (const p of all) {
    if (p.group === null || !held.has(p.group) || !p.live) continue;
    p.send({ type: 'GROUP_SUSPEND' });
    p.suspendReason = 'group';
  }
}

/**
 * CG-F-1: a write whose transfer suspends a member by error (RC-F-3) transfers to none of
 * that group's targets: the other members' shares record instead (RC-W-5); `holdGroups`
 * suspends them before the write is acknowledged.
 */
export function holdGroupShares(plan: RemoteWritePlan): RemoteWritePlan {
  if (!plan.some((s) => s.lost && s.pair.group !== null)) return plan;
  const lost = new Set(plan.filter((s) => s.lost && s.pair.group !== null).map((s) => s.pair.group));
  return plan.map((s) => (s.lost || !lost.has(s.pair.group) ? s : recorded(s)));
}

function recorded(s: RemoteWritePlan[number]): RemoteWritePlan[number] {
  return { pair: s.pair, transfer: [], record: [...s.record, ...s.transfer].sort((a, b) => a - b), whole: false };
}
