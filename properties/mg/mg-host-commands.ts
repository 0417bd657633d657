/**
 * The migration harness's host I/O (properties/mg/mg-model.ts): writes and reads of the target
 * aimed at a track, the copy pointer, a pending track or an edge of the area (MG-R-1, MG-W-1),
 * and reads and writes of the source, off line while it migrates (MG-G-2).
 */
import { describeShape, type Shape, shapeRange } from '../rc/rc-area.ts';
import { exec, type Step, type TraceRun } from '../rc/rc-trace.ts';
import { bump } from '../harness/support.ts';
import { judgeRead, MgCommand, request } from './mg-command.ts';
import type { MgModel } from './mg-reference.ts';
import { N, O, SRC, TGT } from './mg-scenario.ts';

/** Where a host I/O of the target lands, resolved against the model when it runs. */
export type MgTarget =
  | { readonly kind: 'track'; readonly t: number }
  | { readonly kind: 'pointer'; readonly d: number }
  | { readonly kind: 'pending'; readonly k: number }
  | { readonly kind: 'edge'; readonly ext: number; readonly which: 0 | 1 | 2 | 3 };

function resolveTrack(m: Readonly<MgModel>, target: MgTarget, tracks: number): number {
  const clamp = (t: number) => Math.max(0, Math.min(tracks - 1, t));
  const mig = m.mig;
  switch (target.kind) {
    case 'track': return target.t % tracks;
    case 'pointer': return clamp((mig?.pointer ?? 0) + target.d);
    case 'pending': {
      const list = mig ? [...mig.pending].sort((a, b) => a - b) : [];
      return list.length > 0 ? list[target.k % list.length]! : clamp(target.k);
    }
    case 'edge': {
      if (!mig) return clamp(target.ext * 7 + target.which);
      const e = mig.area[target.ext % mig.area.length]!;
      return clamp([e[0] - 1, e[0], e[1], e[1] + 1][target.which]!);
    }
  }
}

function describeTarget(t: MgTarget): string {
  switch (t.kind) {
    case 'track': return `track ${t.t}`;
    case 'pointer': return `pointer ${t.d >= 0 ? '+' : ''}${t.d}`;
    case 'pending': return `pending #${t.k}`;
    case 'edge': return `edge ${t.which} of extent ${t.ext}`;
  }
}

export class WriteTargetCommand extends MgCommand {
  constructor(
    readonly target: MgTarget,
    readonly shape: Shape,
    readonly fill: number,
  ) {
    super();
  }

  private range(m: Readonly<MgModel>): { offset: number; length: number } {
    return shapeRange(resolveTrack(m, this.target, m.tgtTracks), this.shape, m.tgtTracks, m.tb);
  }

  override check(m: Readonly<MgModel>): boolean {
    if (!m.mig && this.fill % 2 !== 0) return false; // mostly while a migration runs
    if (!m.avoid.has('MG-E-1')) return true;
    const { offset, length } = this.range(m);
    return (m as MgModel).pendingIn(offset, length).length === 0; // literal, MG-E-1 avoided: no write to a pending track
  }

  protected apply(m: MgModel, r: TraceRun): void {
    const { offset, length } = this.range(m);
    const step: Step = { op: 'write', system: N, volume: TGT, offset, data: { fill: this.fill, length } };
    const pending = m.pendingIn(offset, length);
    const partial = pending.filter((t) => offset > t * m.tb || offset + length < (t + 1) * m.tb);
    const got = request(m, r, step, m.expectTargetWrite(offset, length), false);
    const kind = pending.length === 0 ? (m.mig ? 'copiedOrOutside' : 'noMigration') : partial.length > 0 ? 'pendingPartial' : 'pendingWhole';
    bump(m.reached, got === 'ok' ? `writes:${kind}` : `writesRefused:${kind}:${got}`);
    if (got !== 'ok') return;
    if (m.mig && pending.some((t) => t > m.mig!.pointer)) bump(m.reached, 'writesAbovePointer');
    m.applyTargetWrite(offset, new Uint8Array(length).fill(this.fill));
  }

  toString(): string {
    return `write(TGT, ${describeTarget(this.target)}, ${describeShape(this.shape)}, fill ${this.fill})`;
  }
}

export class ReadTargetCommand extends MgCommand {
  constructor(
    readonly target: MgTarget,
    readonly shape: Shape,
  ) {
    super();
  }

  protected apply(m: MgModel, r: TraceRun): void {
    const { offset, length } = shapeRange(resolveTrack(m, this.target, m.tgtTracks), this.shape, m.tgtTracks, m.tb);
    const step: Step = { op: 'read', system: N, volume: TGT, offset, length };
    const pending = m.pendingIn(offset, length).length > 0;
    const out = exec(r, step, m.expectTargetRead(offset, length));
    bump(m.reached, out.ok ? `reads:${pending ? 'pending' : 'target'}` : `readsRefused:${out.error!.code}`);
    if (out.ok && m.oFailed) bump(m.reached, `readsWithOldFailed:${m.mig ? 'migrating' : 'after'}`);
    judgeRead(out, step, m.view.slice(offset, offset + length));
  }

  toString(): string {
    return `read(TGT, ${describeTarget(this.target)}, ${describeShape(this.shape)})`;
  }
}

export class SourceIoCommand extends MgCommand {
  constructor(
    readonly write: boolean,
    readonly t: number,
    readonly shape: Shape,
    readonly fill: number,
  ) {
    super();
  }

  protected apply(m: MgModel, r: TraceRun): void {
    const { offset, length } = shapeRange(this.t % m.srcTracks, this.shape, m.srcTracks, m.tb);
    const step: Step = this.write
      ? { op: 'write', system: O, volume: SRC, offset, data: { fill: this.fill, length } }
      : { op: 'read', system: O, volume: SRC, offset, length };
    const out = exec(r, step, m.expectSourceIo());
    bump(m.reached, out.ok ? `source:${step.op}` : `sourceRefused:${out.error!.code}`);
    if (!out.ok) return;
    if (this.write) m.src.fill(this.fill, offset, offset + length);
    else judgeRead(out, step, m.src.slice(offset, offset + length));
  }

  toString(): string {
    return `${this.write ? 'write' : 'read'}(SRC, track ${this.t}, ${describeShape(this.shape)}${this.write ? `, fill ${this.fill}` : ''})`;
  }
}
