/** What the local-copy harness compares after every command (properties/lc/lc-model.ts; spec/checking.md). */
import { isModelError } from '../../src/errors.ts';
import { type CheckScope, FULL } from '../../src/check/check-scope.ts';
import { violationsNow } from '../../src/trace/handlers/observation.ts';
import { COPY, dataOf, json, ORIG, sameExtents, type Step, SYSTEM } from './lc-vocabulary.ts';
import { LcModel, positionOf } from './lc-reference.ts';
import { CommandFailure, LcReal, type Witness } from './lc-trace-run.ts';
import { firstDiff } from '../harness/bytes.ts';

// ---------------------------------------------------------------------------
// After every command

export const STATUS = (pair: string, expect: Record<string, unknown>): Step => ({ op: 'status', pair, expect });

export function procsOf(m: LcModel): { kind: string; position: number }[] {
  return (m.pair?.procs ?? []).map((p) => ({ kind: p.kind, position: positionOf(p) }));
}

export function procsEqual(a: readonly { kind: string; position: number }[], b: readonly { kind: string; position: number }[]): boolean {
  return a.length === b.length && a.every((x, i) => x.kind === b[i]!.kind && x.position === b[i]!.position);
}


export function copyRead(m: LcModel, t: number, n = 1): Step {
  return { op: 'read', system: SYSTEM, volume: COPY, offset: t * m.tb, length: n * m.tb };
}

/**
 * Everything the model predicts, compared with the system; under a partial scope (CHK-1) the
 * bytes of the tracks either side changed since the last command only.
 */
export function verify(m: LcModel, r: LcReal, scope: CheckScope = FULL): void {
  const witnesses: Witness[] = [];
  const why: string[] = [];
  const note = (message: string, w: Witness) => {
    why.push(message);
    witnesses.push(w);
  };
  const p = m.pair;
  const real = p ? r.pair(p.id) : undefined;
  if (p && !real) {
    note(`pair ${p.id} is gone`, { actual: { op: 'status', pair: p.id, expectError: 'NOT_FOUND' }, expected: STATUS(p.id, { state: p.state }) });
  }
  if (!p && m.lastId && r.pair(m.lastId)) {
    note(`pair ${m.lastId} still exists`, { actual: STATUS(m.lastId, { state: r.stateOf(m.lastId) }), expected: { op: 'status', pair: m.lastId, expectError: 'NOT_FOUND' } });
  }
  if (p && real) {
    const state = real.machineState;
    if (state !== p.state) note(`state is ${state}, expected ${p.state}`, { actual: STATUS(p.id, { state }), expected: STATUS(p.id, { state: p.state }) });
    const procs = real.processes.map((x) => ({ kind: x.kind, position: x.position }));
    const want = procsOf(m);
    if (!procsEqual(procs, want)) {
      note(`processes ${json(procs)}, expected ${json(want)}`, { actual: STATUS(p.id, { processes: procs }), expected: STATUS(p.id, { processes: want }) });
    }
    if (p.state !== 'formationCompleted') {
      if (!sameExtents(real.updateExtents, p.updateExtents) || !sameExtents(real.dividedExtents, p.dividedExtents)) {
        const actual = { updateExtents: real.updateExtents, dividedExtents: real.dividedExtents };
        const expected = { updateExtents: p.updateExtents, dividedExtents: p.dividedExtents };
        note(`extent information ${json(actual)}, expected ${json(expected)}`, { actual: STATUS(p.id, actual), expected: STATUS(p.id, expected) });
      }
    }
    const hygiene = p.area !== null || p.state === 'generating' || p.state === 'generated' ||
      (p.state === 'formationCompleted' && !m.avoids('LC-E-4'));
    if (m.checkBits && hygiene) {
      const bits = { div: real.bits.div.count(), upd: real.bits.upd.count() };
      if (bits.div !== 0 || bits.upd !== 0) {
        note(`${state}: bitmaps the state does not read hold ${json(bits)}`, { actual: STATUS(p.id, { bits }), expected: STATUS(p.id, { bits: { div: 0, upd: 0 } }) });
      }
    }
  }
  // LC-INV-6: tables in use are the live pair's.
  const pool = r.ctx.model.system(SYSTEM).pairTablePool;
  const held = p ? (p.area ? p.area.length : 1) : 0;
  if (pool.inUse !== held) why.push(`LC-INV-6: ${pool.inUse} tables in use, the live pair holds ${held}`);
  if (m.lastId && m.lastId !== p?.id && pool.heldBy(m.lastId) !== 0) why.push(`LC-INV-6: deleted pair ${m.lastId} still holds tables`);
  verifyOriginal(m, r, scope, note);
  verifyCopy(m, r, scope, note);
  // The trace's own check op (CHK-1: what it finds under the scope, it finds in full too).
  const violations = violationsNow(r.ctx, true, scope);
  if (violations.length > 0) {
    const first = violations[0]!;
    note(`check: ${first.invariant}: ${first.message}`, { actual: { op: 'check', expectError: 'INVARIANT_VIOLATED' }, expected: { op: 'check' } });
  }
  if (why.length > 0) throw new CommandFailure(why.join('; '), witnesses, false);
}

/** LC-INV-5: the original reads back what the host wrote (the scoped tracks, in runs). */
export function verifyOriginal(m: LcModel, r: LcReal, scope: CheckScope, note: (message: string, w: Witness) => void): void {
  const tracks = scope.tracks(r.ctx.model.system(SYSTEM).volume(ORIG));
  for (const [first, end] of trackRuns(tracks, m.T)) {
    const o = r.readVolume(ORIG, first * m.tb, (end - first) * m.tb);
    const want = m.orig.subarray(first * m.tb, end * m.tb);
    const i = firstDiff(o, want);
    if (i < 0) continue;
    const d = first * m.tb + i;
    const t = Math.floor(d / m.tb);
    const step: Step = { op: 'read', system: SYSTEM, volume: ORIG, offset: t * m.tb, length: m.tb };
    note(`LC-INV-5: original byte ${d} is ${o[i]}, the host wrote ${m.orig[d]}`, {
      actual: { ...step, expect: dataOf(o.subarray((t - first) * m.tb, (t - first + 1) * m.tb)) },
      expected: { ...step, expect: dataOf(m.origTrack(t)) },
    });
    return;
  }
}

/** Runs [first, end) of consecutive tracks below `limit`: all of them, or the scoped ones. */
export function trackRuns(tracks: 'all' | readonly number[], limit: number): Array<[number, number]> {
  if (tracks === 'all') return limit > 0 ? [[0, limit]] : [];
  const runs: Array<[number, number]> = [];
  for (const t of tracks) {
    if (t >= limit) break;
    const last = runs[runs.length - 1];
    if (last && last[1] === t) last[1] = t + 1;
    else runs.push([t, t + 1]);
  }
  return runs;
}

/**
 * Every predictable copy track reads as predicted, in runs of tracks; one refused track is
 * refused (under a full scope: routing changes only with the control signature, CHK-4).
 */
export function verifyCopy(m: LcModel, r: LcReal, scope: CheckScope, note: (message: string, w: Witness) => void): void {
  const scoped = scope.tracks(r.ctx.model.system(SYSTEM).volume(COPY));
  if (scoped === 'all') {
    verifyCopyRun(m, r, 0, m.copyTracks, note, true);
    return;
  }
  for (const [first, end] of trackRuns(scoped, m.copyTracks)) if (!verifyCopyRun(m, r, first, end, note, false)) return;
}

/** verifyCopy over tracks [from, to); false once it has noted a difference. */
export function verifyCopyRun(m: LcModel, r: LcReal, from: number, to: number, note: (message: string, w: Witness) => void, refusals: boolean): boolean {
  let refusedAt = -1;
  for (let t = from; t < to; ) {
    const want = m.expectedCopyTrack(t);
    if (want === null) {
      if (refusals && refusedAt < 0 && m.route(t) === 'refused') refusedAt = t;
      t++;
      continue;
    }
    let end = t + 1;
    while (end < to && m.expectedCopyTrack(end) !== null) end++;
    let got: Uint8Array;
    try {
      got = r.readVolume(COPY, t * m.tb, (end - t) * m.tb);
    } catch (e) {
      if (!isModelError(e)) throw e;
      const code = e.code;
      const w = m.expectedCopyTrack(t)!;
      note(`copy tracks ${t}..${end - 1}: refused with ${code}`, { actual: { ...copyRead(m, t), expectError: code }, expected: { ...copyRead(m, t), expect: dataOf(w) } });
      return false;
    }
    for (let u = t; u < end; u++) {
      const w = m.expectedCopyTrack(u)!;
      const g = got.subarray((u - t) * m.tb, (u - t + 1) * m.tb);
      const i = firstDiff(g, w);
      if (i >= 0) {
        const inv = m.route(u) === 'image' ? 'LC-INV-1..3 (settled image)' : 'LC-R-6 (copy bytes)';
        note(`${inv}: copy track ${u} byte ${i} is ${g[i]}, expected ${w[i]} (${m.state})`, {
          actual: { ...copyRead(m, u), expect: dataOf(g) },
          expected: { ...copyRead(m, u), expect: dataOf(w) },
        });
        return false;
      }
    }
    t = end;
  }
  if (refusals && refusedAt >= 0) verifyRefused(m, r, refusedAt, note);
  return true;
}

/** LC-W-9: a copy track the state does not serve is refused with INVALID_STATE. */
export function verifyRefused(m: LcModel, r: LcReal, refusedAt: number, note: (message: string, w: Witness) => void): void {
  try {
    const got = r.readVolume(COPY, refusedAt * m.tb, m.tb);
    note(`LC-W-9: copy track ${refusedAt} was served in ${m.state}`, {
      actual: { ...copyRead(m, refusedAt), expect: dataOf(got) },
      expected: { ...copyRead(m, refusedAt), expectError: 'INVALID_STATE' },
    });
  } catch (e) {
    if (!isModelError(e)) throw e;
    if (e.code !== 'INVALID_STATE') {
      note(`LC-W-9: copy track ${refusedAt} refused with ${e.code}`, {
        actual: { ...copyRead(m, refusedAt), expectError: e.code },
        expected: { ...copyRead(m, refusedAt), expectError: 'INVALID_STATE' },
      });
    }
  }
}
