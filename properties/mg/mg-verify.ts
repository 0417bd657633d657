/**
 * After every command of the migration harness (properties/mg/mg-model.ts): the migrations
 * that exist are the model's, with its state, pointer and pending tracks; N's pool holds one
 * table per running migration; N's own bytes of the target are the model's (MG-INV-2); the
 * host's view of the target is the reference volume whenever O can be reached (MG-INV-1); O's
 * bytes of the source are the model's; and the trace's `check` op passes.
 */
import { type CheckScope, FULL } from '../../src/check/check-scope.ts';
import { hostRead } from '../../src/model/host-io.ts';
import { areaTracks } from '../rc/rc-area.ts';
import { attempt, checkWitness, CommandFailure, diffWitness, firstDiff, json, type Step, type TraceRun, type Witness } from '../rc/rc-trace.ts';
import type { MgModel } from './mg-reference.ts';
import { N, O, SRC, SRC_KEY, TGT, TGT_KEY } from './mg-scenario.ts';

export const STATUS = (pair: string, expect: Record<string, unknown>): Step => ({ op: 'status', pair, expect });

function compareBytes(
  got: Uint8Array, want: Uint8Array, tb: number, system: string, volume: string, what: string, skip: (t: number) => boolean,
  note: (message: string, w: Witness | null) => void,
): boolean {
  for (let t = 0; t * tb < want.length; t++) {
    if (skip(t)) continue;
    const g = got.subarray(t * tb, (t + 1) * tb);
    const w = want.subarray(t * tb, (t + 1) * tb);
    const i = firstDiff(g, w);
    if (i < 0) continue;
    note(`${what} track ${t} byte ${i} is ${g[i]}, expected ${w[i]}`, diffWitness(system, volume, t * tb, g, w));
    return false;
  }
  return true;
}

/** After every command; the `check` part under `scope` (CHK-1: what changed since the last command). */
export function verifyMg(m: MgModel, r: TraceRun, scope: CheckScope = FULL): void {
  const witnesses: Witness[] = [];
  const why: string[] = [];
  const note = (message: string, w: Witness | null) => {
    why.push(message);
    if (w) witnesses.push(w);
  };
  const real = r.ctx.model.migration.pairs;
  const want = [...(m.mig ? [m.mig.id] : []), ...m.completed].sort();
  const have = [...real.keys()].sort();
  if (json(have) !== json(want)) note(`migrations ${json(have)}, expected ${json(want)}`, null);
  for (const id of m.completed) {
    const q = real.get(id);
    if (q && q.state !== 'simplex') note(`migration ${id} is ${q.state}, expected simplex`, { actual: STATUS(id, { state: q.state }), expected: STATUS(id, { state: 'simplex' }) });
  }
  const mig = m.mig;
  const q = mig ? real.get(mig.id) : undefined;
  if (mig && q && !m.dataOnly) {
    if (q.state !== 'migrating') note(`migration ${mig.id} is ${q.state}, expected migrating`, { actual: STATUS(mig.id, { state: q.state }), expected: STATUS(mig.id, { state: 'migrating' }) });
    else {
      if (q.pointer !== mig.pointer) note(`migration ${mig.id}: pointer ${q.pointer}, expected ${mig.pointer}`, { actual: STATUS(mig.id, { copy: { pointer: q.pointer } }), expected: STATUS(mig.id, { copy: { pointer: mig.pointer } }) });
      const pending = areaTracks(mig.area).filter((t) => q.pending.get(t));
      if (json(pending) !== json([...mig.pending].sort((a, b) => a - b))) {
        const got = q.pending.count();
        note(`migration ${mig.id}: pending tracks ${json(pending)}, expected ${json([...mig.pending].sort((a, b) => a - b))}`,
          got === mig.pending.size ? null : { actual: STATUS(mig.id, { bits: { pending: got } }), expected: STATUS(mig.id, { bits: { pending: mig.pending.size } }) });
      }
    }
  }
  const pool = r.ctx.model.systems.get(N)!.pairTablePool;
  if (pool.inUse !== (mig ? 1 : 0)) note(`RC-INV-6: ${pool.inUse} pair tables of ${N} in use, expected ${mig ? 1 : 0}`, null);
  // MG-INV-2: what N stores (copied tracks hold the host's view; pending ones N's stale bytes).
  const volume = r.ctx.model.systems.get(N)!.volume(TGT);
  const own = attempt(() => volume.read(0, m.own.length));
  if (!own.ok) note(`${TGT_KEY} refused with ${own.code}`, null);
  else if (!m.dataOnly) compareBytes(own.value, m.own, m.tb, N, TGT, `MG-INV-2: ${TGT_KEY} stores`, () => false, (message) => note(message, null));
  // MG-INV-1: the host's view, whenever the old system can serve the pending tracks.
  const view = attempt(() => hostRead(r.ctx.model, N, TGT, 0, m.view.length));
  if (view.ok) compareBytes(view.value, m.view, m.tb, N, TGT, `MG-INV-1: the host reads ${TGT_KEY}`, () => false, note);
  else if (mig && m.reachable) note(`MG-R-1: reading ${TGT_KEY} refused with ${view.code}`, null);
  else if (!mig || mig.pending.size === 0 || !['SYSTEM_FAILED', 'LINK_DOWN'].includes(view.code)) note(`reading ${TGT_KEY} refused with ${view.code}`, null);
  // The source keeps what the host wrote (read directly: it is off line while it migrates).
  if (!m.oFailed) {
    const src = attempt(() => r.ctx.model.systems.get(O)!.volume(SRC).read(0, m.src.length));
    if (!src.ok) note(`${SRC_KEY} refused with ${src.code}`, null);
    else compareBytes(src.value, m.src, m.tb, O, SRC, `${SRC_KEY}`, () => false, (message) => note(message, null));
  }
  const c = checkWitness(r, scope);
  if (c) note(c.message, c.witness);
  if (why.length > 0) throw new CommandFailure(why.join('; '), witnesses, false);
}
