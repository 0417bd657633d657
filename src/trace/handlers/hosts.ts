/**
 * The eleventh embodiment's hosts and LAN (spec/backup.md BK-H-1, BK-H-2, BK-N-1..3): `host`,
 * `lan`, `notify` — a host tells another over the LAN that a copy volume is formed.
 */
import { fail } from '../../errors.ts';
import { covers, formedArea } from '../../backup/formed-copy.ts';
import { trackList } from '../../backup/backup-manager.ts';
import { normalizeExtents } from '../../local-copy/extents.ts';
import type { LocalPair } from '../../local-copy/local-pair.ts';
import { partialMismatch } from '../partial-match.ts';
import type { Handler, RunContext } from '../context.ts';
import type { HostStep, LanStep, NotifyStep } from '../schema.ts';
import { type FormingRequest, pointsInTime } from '../../backup/points-in-time.ts';

/** `host`: a named host attached to a system (BK-H-1). */
export const onHost: Handler<HostStep> = (ctx, step) => {
  if (!ctx.model.systems.has(step.system)) fail('NOT_FOUND', `no system ${step.system}`);
  ctx.model.backup.addHost(step.id, step.system);
  return { fields: { host: step.id, system: step.system } };
};

/** `lan`: the LAN 4304 joins two hosts (BK-H-2). */
export const onLan: Handler<LanStep> = (ctx, step) => {
  ctx.model.backup.addLan(step.between[0], step.between[1]);
  return { fields: { between: [...step.between] } };
};

/** The requests that form a copy's image (BK-N-2, BK-T-2). */
const FORMING: ReadonlySet<string> = new Set(['pairDivide', 'extentDivide', 'extentUpdate', 'extentCouple', 'pairResync']);

/** The pair's forming requests in trace order, each with the extents it formed (null: the whole area). */
function formingRequests(ctx: RunContext, pair: LocalPair): FormingRequest[] {
  return ctx.requests
    .filter((q) => FORMING.has(q.op) && (q.pair === pair.id || (q.pair === undefined && pair.group !== null && q.group === pair.group)))
    .map((q) => ({ line: q.line, op: q.op, extents: q.extents ? q.extents.map(([a, b]) => [a, b] as const) : null }));
}

/** `notify`: BK-N-1, the seed's LAN message; refused unless the volume is a formed copy there. */
export const onNotify: Handler<NotifyStep> = (ctx, step) => {
  const b = ctx.model.backup;
  b.host(step.from);
  const toSystem = b.host(step.to);
  if (step.from !== step.to) b.requireLan(step.from, step.to); // "these hosts may be the same" (BK-N-1)
  const { system, volume } = ctx.model.volumeByKey(step.volume);
  if (system.id !== toSystem) fail('INVALID_STATE', `host ${step.to} is attached to system ${toSystem}: it cannot read ${step.volume}`);
  const pair = ctx.model.localCopy.pairOf(volume);
  if (!pair || pair.copy !== volume) fail('INVALID_STATE', `${step.volume} is not the copy volume of a local pair: there is no formed copy to back up`);
  const area = formedArea(pair);
  if (area === null) fail('INVALID_STATE', `pair ${pair.id} is ${pair.machineState}: its copy ${step.volume} is not formed (divide the pair, or divide extents, first)`);
  const extents = step.extents === undefined ? area : normalizeExtents(step.extents, volume.tracks);
  if (!covers(area, extents)) fail('INVALID_STATE', `pair ${pair.id} (${pair.machineState}) has formed only ${trackList(area)} of ${step.volume}, not all of ${trackList(extents)}`);
  const points = pointsInTime(formingRequests(ctx, pair), pair.area ?? [[0, volume.tracks - 1]], extents);
  const at = Math.max(0, ...points.map((p) => p.line));
  b.notifications.push({ from: step.from, to: step.to, volume: step.volume, pair, formation: pair.formations, extents, line: ctx.line, formedAt: at, pointsInTime: points });
  const fields = { from: step.from, to: step.to, volume: step.volume, pair: pair.id, extents: extents.map((e) => [...e]), formedAt: at, pointsInTime: points };
  return { fields, mismatch: step.expect === undefined ? null : partialMismatch(fields, step.expect) };
};
