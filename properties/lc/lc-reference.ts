/** The local-copy harness's reference model: the rules, not the code (properties/lc/lc-model.ts). */
import assert from 'node:assert/strict';
import type { ErrorCode } from '../../src/errors.ts';
import { type Counters } from '../harness/support.ts';
import { type Avoid, type CopyKind, type Extent, inExtents, type LcScenario, type LcState, type Variant } from './lc-vocabulary.ts';

// ---------------------------------------------------------------------------
// The reference model

export interface RefProc {
  readonly kind: CopyKind;
  readonly ranges: readonly Extent[];
  readonly total: number;
  examined: number;
  /** A whole-volume division copy (the literal LC-E-2 ends it as a generation copy). */
  readonly wholeDivision: boolean;
}

export function newProc(kind: CopyKind, given: readonly Extent[], whole: boolean): RefProc {
  const ranges = firstVisits(given);
  const total = ranges.reduce((n, [a, b]) => n + b - a + 1, 0);
  return { kind, ranges, total, examined: 0, wholeDivision: whole && kind === 'division' };
}

/** LIM-5, restated track by track: a loop examines each track of its extents once, at its first visit in the given order. */
function firstVisits(given: readonly Extent[]): Extent[] {
  const seen = new Set<number>();
  const out: Array<[number, number]> = [];
  for (const [a, b] of given) {
    for (let t = a; t <= b; t++) {
      if (seen.has(t)) continue;
      seen.add(t);
      const last = out[out.length - 1];
      if (last && last[1] === t - 1) last[1] = t;
      else out.push([t, t]);
    }
  }
  return out;
}

/** The track a process examines next (the seed's variable i). */
export function positionOf(p: RefProc): number {
  let i = p.examined;
  for (const [a, b] of p.ranges) {
    const n = b - a + 1;
    if (i < n) return a + i;
    i -= n;
  }
  return -1;
}

export interface RefPair {
  readonly id: string;
  /** Null: whole volume. */
  readonly area: readonly Extent[] | null;
  state: LcState;
  readonly procs: RefProc[];
  /** The settled image per original track (null: none). */
  readonly image: (Uint8Array | null)[];
  readonly updateExtents: Extent[];
  dividedExtents: Extent[];
}

/** Where a host read of one copy track is served from, as the model sees it. */
export type Route = 'image' | 'physical' | 'refused';

export interface LcOptions {
  readonly variant?: Variant;
  /** Literal only: errata to steer clear of (see the file comment). */
  readonly avoid?: readonly Avoid[];
  /** Bitmaps the state does not read are empty (div, upd in generating/generated; LC-C-5). */
  readonly checkBits?: boolean;
  readonly reached?: Counters | undefined;
}

export class LcModel {
  readonly T: number;
  readonly tb: number;
  readonly copyTracks: number;
  readonly orig: Uint8Array;
  /** What the copy volume physically holds per track, where the model knows it. */
  readonly copyKnown: (Uint8Array | null)[];
  pair: RefPair | null = null;
  /** Id of the last pair created (requests after its deletion name it: NOT_FOUND). */
  lastId: string | null = null;
  created = 0;
  readonly literal: boolean;
  readonly avoid: ReadonlySet<Avoid>;
  readonly checkBits: boolean;
  readonly reached: Counters | undefined;
  readonly palette: readonly Extent[];
  readonly pairTables: number;

  constructor(readonly scenario: LcScenario, o: LcOptions) {
    this.T = scenario.tracks;
    this.tb = scenario.trackBytes;
    this.copyTracks = scenario.tracks + scenario.copyExtraTracks;
    this.orig = new Uint8Array(this.T * this.tb);
    const known = new Uint8Array(this.copyTracks * this.tb); // one buffer for every track: a run allocates one, not one a track
    this.copyKnown = Array.from({ length: this.copyTracks }, (_, t) => known.subarray(t * this.tb, (t + 1) * this.tb));
    this.literal = o.variant === 'literal';
    const avoid = new Set<Avoid>(this.literal ? (o.avoid ?? []) : []);
    if (avoid.has('LC-E-5')) avoid.add('LC-E-5.name');
    this.avoid = avoid;
    this.checkBits = o.checkBits ?? false;
    this.reached = o.reached;
    this.palette = scenario.palette;
    this.pairTables = scenario.pairTables ?? Number.POSITIVE_INFINITY;
  }

  avoids(a: Avoid): boolean {
    return this.avoid.has(a);
  }

  origTrack(t: number): Uint8Array {
    return this.orig.slice(t * this.tb, (t + 1) * this.tb);
  }

  /** The pair id requests name: the live pair's, else the last one's (refused NOT_FOUND). */
  get pairId(): string {
    return this.pair?.id ?? this.lastId ?? 'P1';
  }

  get state(): LcState | 'none' {
    return this.pair?.state ?? 'none';
  }

  areaRanges(p: RefPair): Extent[] {
    return p.area ? [...p.area] : [[0, this.T - 1]];
  }

  inArea(p: RefPair, t: number): boolean {
    return t < this.T && (p.area === null || inExtents(p.area, t));
  }

  head(): RefProc | undefined {
    return this.pair?.procs[0];
  }

  route(t: number): Route {
    const p = this.pair;
    if (!p || !this.inArea(p, t)) return 'physical';
    if (p.area !== null) return p.state === 'dividing' || p.state === 'divided' ? 'image' : 'refused';
    switch (p.state) {
      case 'dividing': case 'divided': case 'extentUpdating': return 'image';
      case 'extentDividing': case 'extentDivided': return inExtents(p.dividedExtents, t) ? 'image' : 'refused';
      default: return 'refused';
    }
  }

  /** The bytes a copy track reads as, when the model knows them. */
  expectedCopyTrack(t: number): Uint8Array | null {
    const r = this.route(t);
    if (r === 'image') {
      const img = this.pair!.image[t];
      assert.ok(img, `model: track ${t} routed to an image it does not have`);
      return img;
    }
    return r === 'physical' ? this.copyKnown[t]! : null;
  }

  // --- requests (each returns the code the spec expects, null when accepted; applies it when accepted)

  expectCreate(area: readonly Extent[] | null): ErrorCode | null {
    if (this.pair) return 'INVALID_STATE';
    if ((area ? area.length : 1) > this.pairTables) return 'TABLES_EXHAUSTED';
    return null;
  }

  applyCreate(id: string, area: readonly Extent[] | null): void {
    const p: RefPair = {
      id, area: area ? [...area] : null, state: 'generating', procs: [],
      image: new Array<Uint8Array | null>(this.T).fill(null), updateExtents: [], dividedExtents: [],
    };
    p.procs.push(newProc('generation', this.areaRanges(p), area === null));
    for (let t = 0; t < this.T; t++) if (this.inArea(p, t)) this.copyKnown[t] = null;
    this.pair = p;
    this.lastId = id;
    this.created++;
  }

  expectDivide(): ErrorCode | null {
    const p = this.pair;
    if (!p) return 'NOT_FOUND';
    return p.state === 'generating' || p.state === 'generated' ? null : 'INVALID_STATE';
  }

  applyDivide(): void {
    const p = this.pair!;
    if (p.state === 'generating') {
      // LC-R-2: the division copy takes the generation copy over.
      const i = p.procs.findIndex((x) => x.kind === 'generation');
      if (i >= 0) p.procs.splice(i, 1);
    }
    p.state = 'dividing';
    p.procs.push(newProc('division', this.areaRanges(p), p.area === null));
    p.image.fill(null);
    for (let t = 0; t < this.T; t++) if (this.inArea(p, t)) p.image[t] = this.origTrack(t);
  }

  expectExtentUpdate(extents: readonly Extent[]): ErrorCode | null {
    const p = this.pair;
    if (!p) return 'NOT_FOUND';
    if (p.area !== null) return 'INVALID_STATE';
    const accepts = p.state === 'divided' || p.state === 'extentUpdating' ||
      (p.state === 'dividing' && this.literal && this.avoids('LC-E-6.accept'));
    if (!accepts) return 'INVALID_STATE';
    // LC-R-7: not over itself or an update still running (the literal accepts it).
    return !this.literal && this.updateOverlaps(extents) ? 'INVALID_STATE' : null;
  }

  /** The extents overlap each other or an extent whose update is still running (LC-R-7). */
  updateOverlaps(extents: readonly Extent[]): boolean {
    const all: Extent[] = [...(this.pair?.updateExtents ?? [])];
    for (const e of extents) {
      if (all.some(([a, b]) => e[0] <= b && a <= e[1])) return true;
      all.push(e);
    }
    return false;
  }

  applyExtentUpdate(extents: readonly Extent[]): void {
    const p = this.pair!;
    if (p.state !== 'dividing') p.state = 'extentUpdating';
    for (const e of extents) {
      p.updateExtents.push(e);
      p.procs.push(newProc('extentUpdate', [e], false));
      for (let t = e[0]; t <= e[1]; t++) p.image[t] = this.origTrack(t);
    }
  }

  expectExtentDivide(): ErrorCode | null {
    const p = this.pair;
    if (!p) return 'NOT_FOUND';
    if (p.area !== null) return 'INVALID_STATE';
    return p.state === 'generated' || p.state === 'formationCompleted' ? null : 'INVALID_STATE';
  }

  applyExtentDivide(extents: readonly Extent[]): void {
    const p = this.pair!;
    p.state = 'extentDividing';
    p.dividedExtents = [...extents];
    p.procs.push(newProc('extentDivision', extents, false));
    p.image.fill(null);
    for (const [a, b] of extents) for (let t = a; t <= b; t++) p.image[t] = this.origTrack(t);
  }

  expectCouple(): ErrorCode | null {
    const p = this.pair;
    if (!p) return 'NOT_FOUND';
    return p.state === 'extentDivided' ? null : 'INVALID_STATE';
  }

  applyCouple(): void {
    const p = this.pair!;
    p.state = 'extentCoupling';
    p.procs.push(newProc('extentCouple', p.dividedExtents, false));
    p.image.fill(null);
  }

  expectDelete(): ErrorCode | null {
    return this.pair ? null : 'NOT_FOUND';
  }

  /** LC-R-6: the copy keeps its bytes; the model keeps what it knows of them (settled tracks). */
  applyDelete(): void {
    const p = this.pair!;
    for (let t = 0; t < this.T; t++) {
      if (!this.inArea(p, t)) continue;
      const settled =
        (p.state === 'divided') ||
        (p.state === 'extentUpdating' && !inExtents(p.updateExtents, t)) ||
        (p.state === 'extentDivided' && inExtents(p.dividedExtents, t));
      this.copyKnown[t] = settled ? p.image[t]! : null;
    }
    this.pair = null;
  }

  /** Host write of the original (LC-INV-5: it must read back). */
  applyOrigWrite(offset: number, data: Uint8Array): void {
    this.orig.set(data, offset);
  }

  /** Host write of the copy volume: refused while it is a pair's copy (LC-W-8). */
  expectCopyWrite(): ErrorCode | null {
    return this.pair ? 'INVALID_STATE' : null;
  }

  applyCopyWrite(offset: number, data: Uint8Array): void {
    const tb = this.tb;
    for (let t = Math.floor(offset / tb); t * tb < offset + data.length; t++) {
      const a = Math.max(offset, t * tb);
      const b = Math.min(offset + data.length, (t + 1) * tb);
      const known = this.copyKnown[t];
      if (known) known.set(data.subarray(a - offset, b - offset), a - t * tb);
      else if (b - a === tb) this.copyKnown[t] = data.slice(a - offset, b - offset);
    }
  }

  /** Units a step of `units` advances the head process by (the spec: one track examined per unit). */
  stepAdvance(units: number): number {
    const h = this.head();
    return h ? Math.min(units, h.total - h.examined) : 0;
  }

  applyStep(units: number): void {
    const h = this.head();
    if (!h) return;
    h.examined += Math.min(units, h.total - h.examined);
    if (h.examined === h.total) this.finishHead();
  }

  applySettle(): void {
    while (this.head()) {
      const h = this.head()!;
      h.examined = h.total;
      this.finishHead();
    }
  }

  /** LC-C-1..LC-C-5: the end of the oldest copy process. */
  private finishHead(): void {
    const p = this.pair!;
    const h = p.procs.shift()!;
    switch (h.kind) {
      case 'generation': p.state = 'generated'; return;
      case 'division': p.state = 'divided'; return;
      case 'extentDivision': p.state = 'extentDivided'; return;
      case 'extentCouple':
        if (this.literal && this.avoids('LC-E-5.name')) p.state = 'formationCompleted';
        else {
          p.state = 'generated';
          p.dividedExtents = [];
        }
        return;
      case 'extentUpdate': {
        const [a, b] = h.ranges[0]!;
        const i = p.updateExtents.findIndex((e) => e[0] === a && e[1] === b);
        if (i >= 0) p.updateExtents.splice(i, 1);
        if (p.state === 'extentUpdating' && !p.procs.some((x) => x.kind === 'extentUpdate')) p.state = 'divided';
        return;
      }
    }
  }
}
