/**
 * Host I/O of a source volume in the remote-copy harness (properties/rc/rc-model.ts): where
 * it lands (a track, an extent's edge, the copy pointer, a recorded track) and the writes
 * (RC-W-1..RC-W-8) and reads that go there.
 */
import { areaTracks, describeShape, type Shape, shapeRange, touchedTracks } from './rc-area.ts';
import { CommandFailure, exec, json, type Step, type TraceRun } from './rc-trace.ts';
import { spareVtoc } from './rc-vtoc.ts';
import { countWrite } from './rc-witnesses.ts';
import { bump } from '../harness/support.ts';
import { active, S, T } from './rc-scenario.ts';
import type { SrcVol } from './rc-reference-core.ts';
import type { RcModel } from './rc-reference.ts';
import { judgeRead, RcCommand, request } from './rc-command.ts';

/** Where a host I/O of a source volume lands, resolved against the model when it runs. */
export type SrcTarget =
  | { readonly kind: 'track'; readonly vol: number; readonly t: number }
  | { readonly kind: 'edge'; readonly pick: number; readonly ext: number; readonly which: 0 | 1 | 2 | 3 }
  | { readonly kind: 'pointer'; readonly pick: number; readonly d: number }
  | { readonly kind: 'recorded'; readonly pick: number; readonly k: number };

function resolveSrc(m: Readonly<RcModel>, target: SrcTarget): { vol: SrcVol; t: number } {
  const clampIn = (v: SrcVol, t: number) => Math.max(0, Math.min(v.tracks - 1, t));
  if (target.kind === 'track') {
    const vol = m.vols[target.vol % m.vols.length]!;
    return { vol, t: target.t % vol.tracks };
  }
  const { pair } = (m as RcModel).pickPair(target.pick, (p) => active(p.state));
  if (!pair) return { vol: m.vols[0]!, t: target.pick % m.vols[0]!.tracks };
  const vol = pair.vol;
  switch (target.kind) {
    case 'edge': {
      const e = pair.area[target.ext % pair.area.length]!;
      return { vol, t: clampIn(vol, [e[0] - 1, e[0], e[1], e[1] + 1][target.which]!) };
    }
    case 'pointer': return { vol, t: clampIn(vol, pair.pointer + target.d) };
    case 'recorded': {
      const set = areaTracks(pair.area).filter((t) => pair.bits[t] === 1);
      return { vol, t: set.length > 0 ? set[target.k % set.length]! : clampIn(vol, pair.pointer) };
    }
  }
}

function describeSrc(t: SrcTarget): string {
  switch (t.kind) {
    case 'track': return `V${t.vol} track ${t.t}`;
    case 'edge': return `edge ${t.which} of extent ${t.ext} of pair #${t.pick}`;
    case 'pointer': return `pointer of pair #${t.pick} ${t.d >= 0 ? '+' : ''}${t.d}`;
    case 'recorded': return `recorded track ${t.k} of pair #${t.pick}`;
  }
}

export class WriteSourceCommand extends RcCommand {
  constructor(
    readonly target: SrcTarget,
    readonly shape: Shape,
    readonly fill: number,
    /** May write over the VTOC in track 0 (else such a write starts past it). */
    readonly hitVtoc = false,
  ) {
    super();
  }

  /** Once S has failed, only one write in four is still tried (each is refused). */
  override check(m: Readonly<RcModel>): boolean {
    return !m.sFailed || this.fill % 4 === 0;
  }

  protected apply(m: RcModel, r: TraceRun): void {
    const { vol, t } = resolveSrc(m, this.target);
    const { offset, length } = spareVtoc(shapeRange(t, this.shape, vol.tracks, m.tb), m.tb, this.hitVtoc);
    const step: Step = { op: 'write', system: S, volume: vol.id, offset, data: { fill: this.fill, length } };
    if (m.sFailed) {
      request(m, r, step, ['SYSTEM_FAILED']);
      return;
    }
    const plan = m.planSourceWrite(vol, offset, length);
    const out = exec(r, step, plan.refusals.length > 0 ? plan.refusals : ['ok']);
    if (!out.ok) {
      bump(m.reached, `route:refused:${out.error!.code}`);
      return;
    }
    // RC-W-3: the host is acknowledged after each target that takes a transfer stored it.
    const acked = [...(out.acknowledgedAfter as string[])].sort();
    const want = [vol.key, ...plan.shares.filter((x) => x.transfer.length > 0).map((x) => `${T}:${x.pair.tvol.name}`)].sort();
    if (json(acked) !== json(want)) throw new CommandFailure(`${json(step)}: acknowledged after ${json(acked)}, expected ${json(want)} (RC-W-3)`, [], false);
    m.applySourceWrite(vol, offset, new Uint8Array(length).fill(this.fill), plan.shares);
    for (const s of plan.shares) {
      bump(m.reached, `route:transfer`, s.transfer.length);
      bump(m.reached, `route:record`, s.record.length);
      if (s.record.length > 0) bump(m.reached, `route:record:${s.pair.state}`);
      if (s.transfer.length > 0) bump(m.reached, `route:transfer:${s.pair.state}`);
    }
    bump(m.reached, 'route:outside', plan.outside);
    if (this.target.kind === 'pointer') bump(m.reached, 'writesNearPointer');
    if (this.target.kind === 'recorded') bump(m.reached, 'writesOnRecorded');
    if (this.target.kind === 'edge') bump(m.reached, 'writesAtEdges');
    const written = touchedTracks(offset, length, m.tb);
    if (written.length > 1) bump(m.reached, 'writesSpanningTracks');
    countWrite(m.reached, written[0]!, written[written.length - 1]!, m.activePairs().filter((p) => p.vol === vol && p.state === 'copying').map((p) => p.pointer));
  }

  toString(): string {
    return `write(${describeSrc(this.target)}, ${describeShape(this.shape)}, fill ${this.fill}${this.hitVtoc ? ', over the VTOC' : ''})`;
  }
}

export class ReadSourceCommand extends RcCommand {
  constructor(
    readonly target: SrcTarget,
    readonly shape: Shape,
  ) {
    super();
  }

  override check(m: Readonly<RcModel>): boolean {
    return !m.sFailed || this.target.kind === 'track';
  }

  protected apply(m: RcModel, r: TraceRun): void {
    const { vol, t } = resolveSrc(m, this.target);
    const { offset, length } = shapeRange(t, this.shape, vol.tracks, m.tb);
    const step: Step = { op: 'read', system: S, volume: vol.id, offset, length };
    const out = exec(r, step, m.sFailed ? ['SYSTEM_FAILED'] : ['ok']);
    judgeRead(out, step, out.ok ? vol.bytes.slice(offset, offset + length) : null);
    bump(m.reached, out.ok ? 'sourceReads' : 'sourceReadsRefused');
  }

  toString(): string {
    return `read(${describeSrc(this.target)}, ${describeShape(this.shape)})`;
  }
}
