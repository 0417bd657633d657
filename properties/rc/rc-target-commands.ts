/**
 * Host I/O of a T volume in the remote-copy harness (properties/rc/rc-model.ts): where it
 * lands (a mapped track, a track the takeover copy has not reached, any track) and the writes
 * and reads that go there (RC-W-7, RC-T-4, RC-T-6).
 */
import { describeShape, rangesCover, type Shape, shapeRange, touchedTracks } from './rc-area.ts';
import { exec, type Step, type TraceRun } from './rc-trace.ts';
import { spareVtoc } from './rc-vtoc.ts';
import { bump } from '../harness/support.ts';
import { KNOWN_MODEL_BUGS, T } from './rc-scenario.ts';
import type { TVol } from './rc-reference-core.ts';
import type { RcModel } from './rc-reference.ts';
import { judgeRead, RcCommand, request } from './rc-command.ts';

/** Where a host I/O of a T volume lands: a mapped track, a track the takeover copy has not reached, or any track. */
export type TgtTarget =
  | { readonly kind: 'mapped'; readonly k: number }
  | { readonly kind: 'pending'; readonly k: number }
  | { readonly kind: 'any'; readonly t: number };

export function resolveTgt(m: Readonly<RcModel>, pick: number, target: TgtTarget): { tv: TVol | undefined; name: string; t: number } {
  const names = [...m.tvols.keys()];
  if (names.length === 0) return { tv: undefined, name: 'P1-T', t: 0 };
  // Prefer the volumes the host may use (taken over, deleted pairs' targets).
  const hostVols = names.filter((n) => !m.tvols.get(n)!.owner);
  const pool = pick % 4 === 3 || hostVols.length === 0 ? names : hostVols;
  const name = pool[Math.floor(pick / 4) % pool.length]!;
  const tv = m.tvols.get(name)!;
  const tb = m.tb;
  const mappedTracks = Array.from({ length: tv.tracks }, (_, t) => t).filter((t) => rangesCover(tv.mapped, t * tb, (t + 1) * tb - 1));
  let t: number;
  switch (target.kind) {
    case 'mapped': t = mappedTracks.length > 0 ? mappedTracks[target.k % mappedTracks.length]! : 0; break;
    case 'pending': {
      const pending = tv.copy ? [...tv.copy.pending].sort((a, b) => a - b) : [];
      t = pending.length > 0 ? pending[target.k % pending.length]! : mappedTracks.length > 0 ? mappedTracks[target.k % mappedTracks.length]! : 0;
      break;
    }
    case 'any': t = target.t % tv.tracks; break;
  }
  return { tv, name, t };
}

function describeTgt(pick: number, t: TgtTarget): string {
  return `T volume #${pick} ${t.kind} ${t.kind === 'any' ? t.t : t.k}`;
}

export class WriteTargetCommand extends RcCommand {
  constructor(
    readonly pick: number,
    readonly target: TgtTarget,
    readonly shape: Shape,
    readonly fill: number,
  ) {
    super();
  }

  private range(m: Readonly<RcModel>): { tv: TVol | undefined; name: string; offset: number; length: number } {
    const { tv, name, t } = resolveTgt(m, this.pick, this.target);
    return { tv, name, ...spareVtoc(shapeRange(t, this.shape, tv?.tracks ?? 1, m.tb), m.tb, this.fill % 5 === 0) };
  }

  override check(m: Readonly<RcModel>): boolean {
    if (m.avoid.has('RC-E-1') && [...m.tvols.values()].some((tv) => tv.copy)) return false; // literal, RC-E-1 avoided: no host I/O during takingOver
    if (!KNOWN_MODEL_BUGS.has('stale-volume-B') || m.design !== 'group') return true;
    // stale-volume-B: no partial write to a track of volume B whose (stale) bytes the model does not know.
    const { tv, offset, length } = this.range(m);
    if (!tv?.takenOver) return true;
    return touchedTracks(offset, length, m.tb).every((t) => tv.known[t] || (offset <= t * m.tb && offset + length >= (t + 1) * m.tb));
  }

  protected apply(m: RcModel, r: TraceRun): void {
    const { tv, name, offset, length } = this.range(m);
    const step: Step = { op: 'write', system: T, volume: name, offset, data: { fill: this.fill, length } };
    const got = request(m, r, step, m.expectTargetIo(tv, offset, length, true), false);
    if (got !== 'ok') {
      bump(m.reached, `targetWritesRefused:${got}`);
      return;
    }
    m.applyTargetWrite(tv!, offset, new Uint8Array(length).fill(this.fill));
    bump(m.reached, tv!.copy ? 'targetWrites:takingOver' : 'targetWrites:host');
    if (tv!.copy && touchedTracks(offset, length, m.tb).some((u) => tv!.copy!.pending.has(u))) bump(m.reached, 'targetWrites:pendingTrack');
  }

  toString(): string {
    return `write(${describeTgt(this.pick, this.target)}, ${describeShape(this.shape)}, fill ${this.fill})`;
  }
}

export class ReadTargetCommand extends RcCommand {
  constructor(
    readonly pick: number,
    readonly target: TgtTarget,
    readonly shape: Shape,
  ) {
    super();
  }

  override check(m: Readonly<RcModel>): boolean {
    if (!m.avoid.has('RC-E-1')) return true;
    return ![...m.tvols.values()].some((tv) => tv.copy);
  }

  protected apply(m: RcModel, r: TraceRun): void {
    const { tv, name, t } = resolveTgt(m, this.pick, this.target);
    const { offset, length } = shapeRange(t, this.shape, tv?.tracks ?? 1, m.tb);
    const step: Step = { op: 'read', system: T, volume: name, offset, length };
    const out = exec(r, step, m.expectTargetIo(tv, offset, length, false));
    judgeRead(out, step, out.ok && tv ? m.predict(tv.known, offset, length) : null);
    bump(m.reached, !out.ok ? `targetReadsRefused:${out.error!.code}` : tv!.copy ? 'targetReads:takingOver' : tv!.owner ? 'targetReads:paired' : 'targetReads:host');
  }

  toString(): string {
    return `read(${describeTgt(this.pick, this.target)}, ${describeShape(this.shape)})`;
  }
}
