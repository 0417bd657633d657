/** The local-copy harness's commands: each is one trace step (properties/lc/lc-model.ts). */
import fc from 'fast-check';
import type { ErrorCode } from '../../src/errors.ts';
import { countExtents, countStep, countWrite } from './lc-witnesses.ts';
import { bump } from '../harness/support.ts';
import { COPY, COPY_KEY, dataOf, type Extent, inExtents, json, ORIG_KEY, type Step, SYSTEM } from './lc-vocabulary.ts';
import { LcModel, positionOf } from './lc-reference.ts';
import { exec, CommandFailure, LcReal } from './lc-trace-run.ts';
import { verify } from './lc-verify.ts';
import { traced } from '../harness/trace-failure.ts';
import { type Shape, shapeRange } from '../harness/write-shape.ts';

// ---------------------------------------------------------------------------
// Commands: each is one trace step

export abstract class LcCommand implements fc.Command<LcModel, LcReal> {
  /** Setup steps run through the same code but are not counted as commands. */
  setup = false;

  check(_m: Readonly<LcModel>): boolean {
    return true;
  }

  run(m: LcModel, r: LcReal): void {
    const id = m.pair?.id ?? null;
    const before = r.stateOf(id);
    traced(r, () => {
      this.apply(m, r);
      verify(m, r, r.ctx.changes.take());
    });
    const reached = m.reached;
    if (!reached || this.setup) return;
    bump(reached, 'commands');
    const after = m.pair ? r.stateOf(m.pair.id) : id && !m.pair ? 'deleted' : 'none';
    if (after !== before) bump(reached, `transition:${before}->${after}`);
    if (m.pair) bump(reached, `state:${m.pair.state}`);
  }

  protected abstract apply(m: LcModel, r: LcReal): void;
  abstract toString(): string;
}

/** Where a write lands, resolved against the model when the command runs. */
export type WriteTarget =
  | { readonly kind: 'track'; readonly t: number }
  | { readonly kind: 'edge'; readonly i: number; readonly which: 0 | 1 | 2 | 3 }
  | { readonly kind: 'inExtent'; readonly i: number; readonly k: number }
  | { readonly kind: 'next'; readonly d: number };

/** Where in the track: its start, its end, anywhere, across into the next track, or all of it. */
export type WriteShape = Shape;

export function resolveTrack(m: Readonly<LcModel>, target: WriteTarget, tracks: number): number {
  const T = m.T;
  const clamp = (t: number) => Math.max(0, Math.min(T - 1, t));
  switch (target.kind) {
    case 'track': return target.t % tracks;
    case 'edge': {
      const e = m.palette[target.i % m.palette.length]!;
      return clamp([e[0] - 1, e[0], e[1], e[1] + 1][target.which]!);
    }
    case 'inExtent': {
      const e = m.palette[target.i % m.palette.length]!;
      return e[0] + (target.k % (e[1] - e[0] + 1));
    }
    case 'next': {
      const h = m.head();
      const at = h ? positionOf(h) : -1;
      return at < 0 ? clamp(target.d + 1) : clamp(at + target.d);
    }
  }
}

export function resolveRange(m: Readonly<LcModel>, target: WriteTarget, shape: WriteShape, tracks: number): { offset: number; length: number } {
  return shapeRange(resolveTrack(m, target, tracks) % tracks, shape, tracks, m.tb);
}

export function touched(m: Readonly<LcModel>, offset: number, length: number): number[] {
  const out: number[] = [];
  for (let t = Math.floor(offset / m.tb); t * m.tb < offset + length; t++) out.push(t);
  return out;
}

export function describeTarget(t: WriteTarget): string {
  switch (t.kind) {
    case 'track': return `track ${t.t}`;
    case 'edge': return `edge ${t.which} of palette ${t.i}`;
    case 'inExtent': return `palette ${t.i} +${t.k}`;
    case 'next': return `next copy track ${t.d >= 0 ? '+' : ''}${t.d}`;
  }
}

export class WriteCommand extends LcCommand {
  constructor(
    readonly volume: 'ORIG' | 'COPY',
    readonly target: WriteTarget,
    readonly shape: WriteShape,
    readonly fill: number,
  ) {
    super();
  }

  private range(m: Readonly<LcModel>): { offset: number; length: number } {
    return resolveRange(m, this.target, this.shape, this.volume === 'ORIG' ? m.T : m.copyTracks);
  }

  override check(m: Readonly<LcModel>): boolean {
    if (this.volume !== 'ORIG' || !m.literal || !m.pair) return true;
    const p = m.pair;
    if (p.state === 'formationCompleted' && m.avoids('LC-E-5')) return false;
    if (m.avoids('LC-E-3') && p.area === null && (p.state === 'extentDividing' || p.state === 'extentDivided')) {
      const { offset, length } = this.range(m);
      if (touched(m, offset, length).some((t) => !inExtents(p.dividedExtents, t))) return false;
    }
    return true;
  }

  protected apply(m: LcModel, r: LcReal): void {
    const { offset, length } = this.range(m);
    const step: Step = { op: 'write', system: SYSTEM, volume: this.volume, offset, data: { fill: this.fill, length } };
    const data = new Uint8Array(length).fill(this.fill);
    if (this.volume === 'ORIG') {
      const h = m.head();
      const tracks = touched(m, offset, length);
      countWrite(m.reached, tracks[0]!, tracks[tracks.length - 1]!, h ? positionOf(h) : -1, h?.kind === 'division');
      exec(r, step, null);
      m.applyOrigWrite(offset, data);
      bump(m.reached, `writes:${m.state}`);
      if (this.target.kind === 'next' && m.head()) bump(m.reached, 'writesNearCopyCursor');
      if (touched(m, offset, length).length > 1) bump(m.reached, 'writesSpanningTracks');
      return;
    }
    const code = m.expectCopyWrite();
    exec(r, step, code);
    if (code === null) m.applyCopyWrite(offset, data);
    bump(m.reached, code ? 'copyWritesRefused' : 'copyWritesUnpaired');
  }

  toString(): string {
    return `write(${this.volume}, ${describeTarget(this.target)}, ${json(this.shape)}, fill ${this.fill})`;
  }
}

/** A host read of the copy volume (quick split, LC-W-9), with the model's expectation. */
export class ReadCommand extends LcCommand {
  constructor(
    readonly target: WriteTarget,
    readonly shape: WriteShape,
  ) {
    super();
  }

  protected apply(m: LcModel, r: LcReal): void {
    const { offset, length } = resolveRange(m, this.target, this.shape, m.copyTracks);
    const step: Step = { op: 'read', system: SYSTEM, volume: COPY, offset, length };
    const tracks = touched(m, offset, length);
    if (tracks.some((t) => m.route(t) === 'refused')) {
      exec(r, step, 'INVALID_STATE');
      bump(m.reached, 'copyReadsRefused');
      return;
    }
    const out = new Uint8Array(length);
    for (const t of tracks) {
      const w = m.expectedCopyTrack(t);
      if (w === null) {
        exec(r, step, null); // unknown bytes (a copy left by a pair deleted mid-copy): only accepted
        return;
      }
      const a = Math.max(offset, t * m.tb);
      const b = Math.min(offset + length, (t + 1) * m.tb);
      out.set(w.subarray(a - t * m.tb, b - t * m.tb), a - offset);
    }
    exec(r, { ...step, expect: dataOf(out) }, null);
    bump(m.reached, `copyReads:${m.state}`);
  }

  toString(): string {
    return `read(COPY, ${describeTarget(this.target)}, ${json(this.shape)})`;
  }
}

export class StepCommand extends LcCommand {
  /** `aim` (CHK-6): instead of `units`, up to `d` tracks past the next multiple of `boundary` from the copy's position. */
  constructor(
    readonly units: number,
    readonly aim?: { readonly boundary: number; readonly d: number },
  ) {
    super();
  }

  private unitsFor(m: Readonly<LcModel>): number {
    const h = m.head();
    if (!this.aim || !h) return this.units;
    const at = positionOf(h);
    return Math.max(1, (Math.floor(at / this.aim.boundary) + 1) * this.aim.boundary - at + this.aim.d);
  }

  override check(m: Readonly<LcModel>): boolean {
    if (!m.literal || !m.avoids('LC-E-2')) return true;
    const h = m.head();
    return !(h && h.wholeDivision && h.examined + this.unitsFor(m) >= h.total);
  }

  protected apply(m: LcModel, r: LcReal): void {
    const units = this.unitsFor(m);
    const step: Step = { op: 'step', pair: m.pairId, tracks: units };
    if (!m.pair) {
      exec(r, step, 'NOT_FOUND');
      return;
    }
    const advanced = m.stepAdvance(units);
    const h = m.head();
    const from = h ? positionOf(h) : -1;
    const out = exec(r, step, null);
    if (out.advanced !== advanced) {
      throw new CommandFailure(`step: advanced ${String(out.advanced)}, expected ${advanced}`, [], false);
    }
    m.applyStep(units);
    if (h) countStep(m.reached, from, h.examined >= h.total ? h.ranges[h.ranges.length - 1]![1] + 1 : positionOf(h));
    bump(m.reached, 'steps');
  }

  toString(): string {
    return this.aim ? `step(to ${this.aim.d} past a multiple of ${this.aim.boundary})` : `step(${this.units})`;
  }
}

export class SettleCommand extends LcCommand {
  override check(m: Readonly<LcModel>): boolean {
    if (!m.literal || !m.avoids('LC-E-2')) return true;
    return !(m.pair?.procs.some((p) => p.wholeDivision) ?? false);
  }

  protected apply(m: LcModel, r: LcReal): void {
    exec(r, { op: 'settle' }, null);
    m.applySettle();
    bump(m.reached, 'settles');
  }

  toString(): string {
    return 'settle';
  }
}

export function request(m: LcModel, r: LcReal, step: Step, code: ErrorCode | null, apply: () => void, count = true): void {
  exec(r, step, code);
  if (code === null) apply();
  if (code === null && count) countExtents(m.reached, step.extents as Extent[] | undefined, m.T);
  if (count) bump(m.reached, `${code === null ? 'accepted' : 'refused'}:${step.op}${code === null || code === 'INVALID_STATE' ? '' : `:${code}`}`);
}

export class DivideCommand extends LcCommand {
  /** Eighth embodiment: name the pair's extents (reversed when `reversed`), else none. */
  constructor(
    readonly withExtents: boolean,
    readonly reversed: boolean,
  ) {
    super();
  }

  override check(m: Readonly<LcModel>): boolean {
    return !(m.literal && m.avoids('LC-E-1') && m.pair?.state === 'generating');
  }

  protected apply(m: LcModel, r: LcReal): void {
    const area = m.pair?.area ?? null;
    const extents = area && this.withExtents ? (this.reversed ? [...area].reverse() : [...area]) : null;
    const step: Step = { op: 'pairDivide', pair: m.pairId, ...(extents ? { extents } : {}) };
    request(m, r, step, m.expectDivide(), () => m.applyDivide());
  }

  toString(): string {
    return `pairDivide${this.withExtents ? '(own extents)' : ''}`;
  }
}

export class ExtentUpdateCommand extends LcCommand {
  constructor(readonly extents: readonly Extent[]) {
    super();
  }

  override check(m: Readonly<LcModel>): boolean {
    if (!m.literal) return true;
    if (m.avoids('LC-E-6') && m.pair?.state === 'dividing') return false;
    return !(m.avoids('LC-R-7') && m.updateOverlaps(this.extents));
  }

  protected apply(m: LcModel, r: LcReal): void {
    const step: Step = { op: 'extentUpdate', pair: m.pairId, extents: this.extents };
    if (m.pair && m.updateOverlaps(this.extents)) bump(m.reached, 'overlappingExtentUpdates');
    request(m, r, step, m.expectExtentUpdate(this.extents), () => m.applyExtentUpdate(this.extents));
  }

  toString(): string {
    return `extentUpdate(${json(this.extents)})`;
  }
}

export class ExtentDivideCommand extends LcCommand {
  constructor(readonly extents: readonly Extent[]) {
    super();
  }

  protected apply(m: LcModel, r: LcReal): void {
    const step: Step = { op: 'extentDivide', pair: m.pairId, extents: this.extents };
    request(m, r, step, m.expectExtentDivide(), () => m.applyExtentDivide(this.extents));
  }

  toString(): string {
    return `extentDivide(${json(this.extents)})`;
  }
}

export class CoupleCommand extends LcCommand {
  protected apply(m: LcModel, r: LcReal): void {
    request(m, r, { op: 'extentCouple', pair: m.pairId }, m.expectCouple(), () => m.applyCouple());
  }

  toString(): string {
    return 'extentCouple';
  }
}

export class DeleteCommand extends LcCommand {
  protected apply(m: LcModel, r: LcReal): void {
    request(m, r, { op: 'pairDelete', pair: m.pairId }, m.expectDelete(), () => m.applyDelete());
  }

  toString(): string {
    return 'pairDelete';
  }
}

export class CreateCommand extends LcCommand {
  /** `whilePaired`: also while the volumes are in a pair (refused INVALID_STATE, LC-G-3). */
  constructor(
    readonly area: readonly Extent[] | null,
    readonly whilePaired = false,
  ) {
    super();
  }

  override check(m: Readonly<LcModel>): boolean {
    return this.whilePaired || m.pair === null;
  }

  protected apply(m: LcModel, r: LcReal): void {
    const id = `P${m.created + 1}`;
    const step: Step = { op: 'pairCreate', id, kind: 'local', original: ORIG_KEY, copy: COPY_KEY, ...(this.area ? { extents: this.area } : {}) };
    request(m, r, step, m.expectCreate(this.area), () => m.applyCreate(id, this.area), !this.setup);
    if (!this.setup && this.area) bump(m.reached, 'areaPairCreates');
  }

  toString(): string {
    return `pairCreate(${this.area ? json(this.area) : 'whole volume'})`;
  }
}

export class CheckCommand extends LcCommand {
  protected apply(_m: LcModel, r: LcReal): void {
    exec(r, { op: 'check' }, null);
  }

  toString(): string {
    return 'check';
  }
}
