import { fail } from '../../errors.ts';
import type { LocalPair } from '../../local-copy/local-pair.ts';
import type { RunContext } from '../context.ts';

/** LC-INV-1: after a division (LC-R-1, CG-R-2) the copy's settled image is the original now. */
export function captureDivision(ctx: RunContext, pair: LocalPair): void {
  ctx.localCopyReference.capture(pair, originalKey(ctx, pair), pair.area ?? [[0, pair.original.tracks - 1]], 'divide');
}

/** The trace name of the pair's original, "SYSTEM:VOLUME". */
export function originalKey(ctx: RunContext, pair: LocalPair): string {
  for (const [sid, system] of ctx.model.systems) {
    for (const [vid, volume] of system.volumes) if (volume === pair.original) return `${sid}:${vid}`;
  }
  return fail('NOT_FOUND', `pair ${pair.id}: original volume has no system`);
}

/** `status` of a local pair: state, extents, copy processes and the set bits of each bitmap. */
export function localStatus(pair: LocalPair): Record<string, unknown> {
  return {
    pair: pair.id,
    kind: 'local',
    state: pair.machineState,
    ...(pair.suspendReason && pair.machineState === 'suspendedByError' ? { suspendReason: pair.suspendReason } : {}),
    ...(pair.group !== null ? { group: pair.group } : {}),
    // Copies: a result line must keep what was true at its step.
    ...(pair.area ? { extents: pair.area.map((e) => [...e]) } : {}),
    updateExtents: pair.updateExtents.map((e) => [...e]),
    dividedExtents: pair.dividedExtents.map((e) => [...e]),
    processes: pair.processes.map((p) => ({ kind: p.kind, position: p.position, examined: p.examined, total: p.total })),
    bits: { gen: pair.bits.gen.count(), div: pair.bits.div.count(), upd: pair.bits.upd.count() },
  };
}
