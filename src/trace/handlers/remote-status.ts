import type { RemotePair } from '../../remote-copy/remote-pair.ts';
import { areaTracks, tracksBelow } from '../../remote-copy/area.ts';

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
    ...(pair.group !== null ? { group: pair.group } : {}),
    ...(pair.suspendReason && (pair.state === 'suspended' || pair.state === 'suspendedByError') ? { suspendReason: pair.suspendReason } : {}),
    copy: { pointer: pair.pointer, copied: tracksBelow(pair.area, pair.pointer), total: areaTracks(pair.area) },
    bits: { difference: pair.bits.count() },
    ...(pair.takenOverWith ? { takenOverWith: pair.takenOverWith } : {}),
    ...(copy ? { takeoverCopy: { pointer: copy.pointer, pending: copy.pending.count(), total: areaTracks(copy.area) } } : {}),
  };
}
