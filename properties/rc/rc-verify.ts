/**
 * After every command of the remote-copy harness (properties/rc/rc-model.ts): everything the
 * reference model predicts, compared with the system — the pairs, the source's pair tables
 * (RC-INV-6), T's volumes and every known byte — and the trace's `check` op.
 */
import { type CheckScope, type TrackScope } from '../../src/check/check-scope.ts';
import { hostReadInto } from '../../src/model/host-io.ts';
import { ScratchBuffer } from '../../src/check/scratch-buffer.ts';
import { attempt, checkWitness, CommandFailure, diffWitness, firstDiff, json, type Step, type TraceRun, type Witness } from './rc-trace.ts';
import { active, S, T } from './rc-scenario.ts';
import type { RcModel } from './rc-reference.ts';

export const STATUS = (pair: string, expect: Record<string, unknown>): Step => ({ op: 'status', pair, expect });

/** What the checker's reads of known tracks land in (valid until the next one). */
const scratch = new ScratchBuffer();

/** Longest read the checker makes at once (a track more when one track is longer): the buffers stay small and warm. */
const VERIFY_READ_BYTES = 65536;

/** Reads of runs of known tracks (all of them, or the scoped ones: CHK-1); the first difference becomes a witness. */
function verifyKnown(
  m: RcModel, r: TraceRun, system: string, volume: string, known: readonly (Uint8Array | null)[], what: string,
  note: (message: string, w: Witness | null) => void, tracks: TrackScope,
): boolean {
  const tb = m.tb;
  const pick = tracks === 'all' ? null : new Set(tracks);
  const wanted = (t: number) => known[t] !== null && known[t] !== undefined && (pick === null || pick.has(t));
  for (let t = 0; t < known.length; ) {
    if (!wanted(t)) {
      t = pick === null ? t + 1 : nextIn(tracks as readonly number[], t + 1, known.length);
      continue;
    }
    let end = t + 1;
    while (end < known.length && wanted(end) && (end + 1 - t) * tb <= VERIFY_READ_BYTES) end++;
    const got = attempt(() => {
      const out = scratch.take((end - t) * tb);
      hostReadInto(r.ctx.model, system, volume, t * tb, (end - t) * tb, out);
      return out;
    });
    if (!got.ok) {
      note(`${what} tracks ${t}..${end - 1}: refused with ${got.code}: ${got.message}`, null);
      return false;
    }
    for (let u = t; u < end; u++) {
      const want = known[u]!;
      const g = got.value.subarray((u - t) * tb, (u - t + 1) * tb);
      const i = firstDiff(g, want);
      if (i >= 0) {
        note(`${what} track ${u} byte ${i} is ${g[i]}, expected ${want[i]}`, diffWitness(system, volume, u * tb, g, want));
        return false;
      }
    }
    t = end;
  }
  return true;
}

/** The first of the ascending `tracks` at or after `from` (`limit` when none). */
function nextIn(tracks: readonly number[], from: number, limit: number): number {
  for (const t of tracks) if (t >= from) return Math.min(t, limit);
  return limit;
}

/** Records a difference: its message, and its witness when it has one. */
type Note = (message: string, w: Witness | null) => void;

/** Every pair exists iff the model says so, in the model's state, pointer, bitmap, consistency, reason and target. */
function verifyPairs(m: RcModel, r: TraceRun, note: Note): void {
  const real = r.ctx.model.remote.pairs;
  for (const p of m.dataOnly ? [] : m.pairs) {
    const q = real.get(p.id);
    if (!q) {
      note(`pair ${p.id} is gone`, { actual: { op: 'status', pair: p.id, expectError: 'NOT_FOUND' }, expected: STATUS(p.id, { state: p.state }) });
      continue;
    }
    if (q.state !== p.state) {
      note(`pair ${p.id} is ${q.state}, expected ${p.state}`, { actual: STATUS(p.id, { state: q.state }), expected: STATUS(p.id, { state: p.state }) });
      continue;
    }
    if (q.pointer !== p.pointer) note(`pair ${p.id} (${p.state}): pointer ${q.pointer}, expected ${p.pointer}`, { actual: STATUS(p.id, { copy: { pointer: q.pointer } }), expected: STATUS(p.id, { copy: { pointer: p.pointer } }) });
    const diff = p.bits.findIndex((b, t) => (q.bits.get(t) ? 1 : 0) !== b);
    if (diff >= 0) {
      const want = p.bits.reduce((n, b) => n + b, 0);
      const got = q.bits.count();
      note(`pair ${p.id} (${p.state}): difference bit of track ${diff} is ${q.bits.get(diff) ? 1 : 0}, expected ${p.bits[diff]}`,
        got === want ? null : { actual: STATUS(p.id, { bits: { difference: got } }), expected: STATUS(p.id, { bits: { difference: want } }) });
    }
    if (q.consistent !== p.consistent) note(`pair ${p.id}: consistent ${q.consistent}, expected ${p.consistent}`, { actual: STATUS(p.id, { consistent: q.consistent }), expected: STATUS(p.id, { consistent: p.consistent }) });
    if (p.state === 'suspended' && q.suspendReason !== p.reason) {
      note(`pair ${p.id}: suspended for ${q.suspendReason}, expected ${p.reason}`, { actual: STATUS(p.id, { suspendReason: q.suspendReason }), expected: STATUS(p.id, { suspendReason: p.reason }) });
    }
    if (q.takenOverWith !== p.takenOverWith) note(`pair ${p.id}: taken over with ${q.takenOverWith}, expected ${p.takenOverWith}`, null);
    if (q.targetKey !== `${T}:${p.tvol.name}`) note(`pair ${p.id}: target ${q.targetKey}, expected ${T}:${p.tvol.name}`, null);
    const copy = p.state === 'takingOver' ? p.tvol.copy : null;
    const qc = q.takeoverCopy;
    if (copy && (!qc || qc.pointer !== copy.pointer || qc.pending.count() !== copy.pending.size)) {
      const want = { pointer: copy.pointer, pending: copy.pending.size };
      note(`pair ${p.id}: takeover copy ${json(qc ? { pointer: qc.pointer, pending: qc.pending.count() } : null)}, expected ${json(want)}`, null);
    }
  }
  for (const id of m.dataOnly ? [] : real.keys()) if (!m.pair(id)) note(`pair ${id} exists, the model deleted it`, { actual: STATUS(id, { state: real.get(id)!.state }), expected: { op: 'status', pair: id, expectError: 'NOT_FOUND' } });
}

/** RC-INV-6: one table of the source's pool per copying/duplex/suspended pair. */
function verifyTables(m: RcModel, r: TraceRun, note: Note): void {
  const pool = r.ctx.model.systems.get(S)!.pairTablePool;
  const held = m.activePairs().length;
  if (!m.dataOnly && pool.inUse !== held) note(`RC-INV-6: ${pool.inUse} pair tables of ${S} in use, the live copying/duplex/suspended pairs hold ${held}`, null);
  for (const p of m.dataOnly ? [] : m.pairs) if (pool.heldBy(p.id) !== (active(p.state) ? 1 : 0)) note(`RC-INV-6: pair ${p.id} (${p.state}) holds ${pool.heldBy(p.id)} tables`, null);
}

/** Source volumes read back what the host wrote. */
function verifySources(m: RcModel, r: TraceRun, scope: CheckScope, note: Note): void {
  if (!m.sFailed) {
    const system = r.ctx.model.systems.get(S)!;
    for (const v of m.vols) {
      const tracks = scope.tracks(system.volume(v.id));
      if (tracks !== 'all' && tracks.length === 0) continue;
      verifyKnown(m, r, S, v.id, m.srcKnown(v), `source ${v.key}`, note, tracks);
    }
  }
}

/** T's volumes: names, mappings, capacities, known bytes. */
function verifyTargets(m: RcModel, r: TraceRun, scope: CheckScope, note: Note): void {
  if (!m.tFailed) {
    const system = r.ctx.model.systems.get(T)!;
    const names = [...system.volumes.keys()].sort();
    const want = [...m.tvols.keys()].sort();
    if (json(names) !== json(want)) note(`${T} holds volumes ${json(names)}, expected ${json(want)}`, null);
    for (const tv of m.tvols.values()) {
      const v = system.volumes.get(tv.name);
      if (!v) continue;
      const tracks = scope.tracks(v);
      if (tracks === 'all' || tracks.length > 0) {
        const mapped = v.mappedRanges();
        if (json(mapped) !== json(tv.mapped)) note(`RC-INV-4/5: ${T}:${tv.name} maps ${json(mapped)}, expected ${json(tv.mapped)}`, null);
        if (v.capacityBytes !== tv.capacityBytes) {
          note(`RC-INV-4/5: ${T}:${tv.name} holds ${v.capacityBytes} bytes, expected ${tv.capacityBytes}`,
            { actual: { op: 'volumeInfo', system: T, volume: tv.name, expect: { bytes: v.capacityBytes } }, expected: { op: 'volumeInfo', system: T, volume: tv.name, expect: { bytes: tv.capacityBytes } } });
        }
        verifyKnown(m, r, T, tv.name, tv.known, `${T}:${tv.name}`, note, tracks);
      }
    }
  }
}

/**
 * Everything the model predicts, compared with the system; the volumes' bytes under `scope`
 * (CHK-1: the tracks either side changed since the last command; FULL: all of them).
 */
export function verify(m: RcModel, r: TraceRun, scope: CheckScope): void {
  const witnesses: Witness[] = [];
  const why: string[] = [];
  const note = (message: string, w: Witness | null) => {
    why.push(message);
    if (w) witnesses.push(w);
  };
  verifyPairs(m, r, note);
  verifyTables(m, r, note);
  verifySources(m, r, scope, note);
  verifyTargets(m, r, scope, note);
  const c = checkWitness(r, scope);
  if (c) note(c.message, c.witness);
  if (why.length > 0) throw new CommandFailure(why.join('; '), witnesses, false);
}
