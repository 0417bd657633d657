/**
 * TERM-T-3: `pairevtwait` on a model with no clock. CCI waits until a pair reaches a status
 * or a timeout passes; here nothing moves unless a step says so, so the wait *is* steps: the
 * pair's copy is stepped (each step logged in the session, so a saved session replays it)
 * until the status holds, the pair is suspended by a failure (PSUE: EX_EWSUSE), or no step
 * can move it (EX_EWSTOT).
 */
import type { Args } from './cci-args.ts';
import { pairRows, type PairRow } from './pair-rows.ts';
import { EX_EWSTOT, EX_EWSUSE, type Reply, usage } from './reply.ts';
import { KNOWN_STATUSES } from './cci-status.ts';
import type { Session } from './session.ts';

const STEPS_MAX_DEFAULT = 10000;
const TRACKS_PER_STEP_DEFAULT = 16;

/**
 * The status holds for a row: by CCI name on either side (the whole name, in any case: `PSUS`
 * is not reached while the split is still `PSUS(SP)`) or by the model's state.
 */
function holds(r: PairRow, want: string): boolean {
  const w = want.toUpperCase();
  return r.cci.pvol.toUpperCase() === w || r.cci.svol.toUpperCase() === w || r.state.toLowerCase() === want.toLowerCase(); // names in any case: CCI's -s pair works
}


function members(s: Session, t: { pair: string } | { group: string }): PairRow[] {
  return pairRows(s.ctx).filter((r) => ('pair' in t ? r.pair === t.pair : r.group === t.group));
}

export function pairevtwait(s: Session, a: Args): Reply {
  const d = a.options.get('d') ?? a.words[0];
  const g = a.options.get('g');
  const want = a.options.get('s');
  const t = typeof g === 'string' ? { group: g } : typeof d === 'string' ? { pair: d } : null;
  if (t === null || typeof want !== 'string') return usage('usage: pairevtwait (-d PAIR | -g GROUP) -s STATUS [-t STEPS] [-tracks N]');
  const max = Number(a.options.get('t') ?? STEPS_MAX_DEFAULT);
  const tracks = Number(a.options.get('tracks') ?? TRACKS_PER_STEP_DEFAULT);
  if (!Number.isSafeInteger(max) || max < 0 || !Number.isSafeInteger(tracks) || tracks < 1) return usage('pairevtwait: -t and -tracks take whole numbers');
  if (!KNOWN_STATUSES.has(want.toLowerCase())) return usage(`pairevtwait: unknown status ${want} (CCI's SMPL, COPY, COPY(RS), PAIR, PSUS, PSUS(SP), SSUS, PSUE, SSWS, or a state of the model)`);
  const start = members(s, t);
  if (start.length === 0 && want.toUpperCase() !== 'SMPL') return { lines: [`pairevtwait: no ${'pair' in t ? `pair ${t.pair}` : `group ${t.group}`}`], rc: 1 };
  for (let steps = 0; ; steps++) {
    const now = members(s, t);
    const waiting = now.filter((r) => !holds(r, want));
    if (waiting.length === 0) return { lines: [`pairevtwait : Wait status done (${steps} step${steps === 1 ? '' : 's'}).`], rc: 0 };
    const stuck = waiting.find((r) => r.cci.pvol === 'PSUE');
    if (stuck) return { lines: [`pairevtwait: ${stuck.pair} is suspended by a failure (PSUE, ${stuck.state}${stuck.suspendReason ? `: ${stuck.suspendReason}` : ''}) while waiting for ${want} [rc=${EX_EWSUSE}]`], rc: EX_EWSUSE };
    if (want.toUpperCase() === 'SMPL') return { lines: [`pairevtwait: SMPL comes from a request (pairsplit -S), never from a step [rc=${EX_EWSTOT}]`], rc: EX_EWSTOT };
    if (steps >= max) return { lines: [`pairevtwait: ${want} not reached after ${steps} step${steps === 1 ? '' : 's'} (-t) [rc=${EX_EWSTOT}]`], rc: EX_EWSTOT };
    if (!stepAll(s, waiting, tracks)) {
      const r = waiting[0]!;
      return { lines: [`pairevtwait: ${r.pair} is ${r.cci.pvol} (${r.state}) and no step moves it to ${want}: the model has no clock, only steps and requests change it [rc=${EX_EWSTOT}]`], rc: EX_EWSTOT };
    }
  }
}

/** One step of each waiting pair's copy; false when no step changed any pair (those steps are dropped). */
function stepAll(s: Session, rows: readonly PairRow[], tracks: number): boolean {
  let moved = false;
  for (const r of rows) {
    const before = fingerprint(s);
    const out = s.apply({ op: 'step', pair: r.pair, tracks }, 'maintenanceTerminal');
    if (out.ok && fingerprint(s) !== before) moved = true;
    else s.dropLast(); // a step that changed nothing stays out of the session's trace
  }
  return moved;
}

function fingerprint(s: Session): string {
  return JSON.stringify(pairRows(s.ctx).map((r) => r.status));
}
