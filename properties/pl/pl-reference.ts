/** The relocation harness's reference model (properties/pl/pl-model.ts). */
import { ScratchBuffer } from '../../src/check/scratch-buffer.ts';
import { type Outcome } from '../rc/rc-trace.ts';
import { bump, type Counters } from '../harness/support.ts';
import { COPY, entriesOfTracks, groupCapacity, type Health, ORIGINAL, type PlLevel, type PlScenario, type PlVolumeSpec, TOLERANCE } from './pl-vocabulary.ts';

// The reference model

export interface RefMove {
  readonly index: number;
  readonly from: number;
  readonly to: number;
  done: boolean;
}

export interface RefRelocation {
  readonly group: number;
  readonly moves: RefMove[];
  /** The next track to copy (PL-R-2). */
  pointer: number;
  done: boolean;
}

export interface RefVolume {
  readonly id: string;
  readonly bytes: number;
  readonly tracks: number;
  /** LDEV number of each table entry. */
  readonly ldevs: number[];
  /** PL-INV-1's reference volume. */
  readonly ref: Uint8Array;
  /** 1 where the reference knows the byte (a copy volume's pair-owned bytes are 0). */
  readonly known: Uint8Array;
  /** The latest relocation that moved something (finished or not): the process `step` names. */
  relocation: RefRelocation | null;
}

export interface RefPair {
  readonly id: string;
  /** The original's bytes at the division (LC-R-1), null before. */
  image: Uint8Array | null;
}

export interface PlOptions {
  readonly reached?: Counters | undefined;
}

/** The copy volume's expected view is built here (one view is used at a time). */
const viewBytes = new ScratchBuffer();
const viewKnown = new ScratchBuffer();

export class PlModel {
  readonly L: number;
  readonly T: number;
  readonly groupIds: readonly string[];
  readonly levels: readonly PlLevel[];
  /** Group index of each LDEV number. */
  readonly ldevGroup: number[] = [];
  /** LDEVs carved per group. */
  readonly carved: number[];
  readonly free = new Set<number>();
  readonly volumes: RefVolume[] = [];
  readonly health: Health[][];
  readonly tolerance: number[];
  pair: RefPair | null = null;
  pairsCreated = 0;
  /** LDEVs a finished move returned to the pool (PL-C-2), for counting their reuse. */
  readonly freedSources = new Set<number>();
  readonly reached: Counters | undefined;

  constructor(readonly scenario: PlScenario, o: PlOptions) {
    this.L = scenario.ldevBytes;
    this.T = scenario.trackBytes;
    this.reached = o.reached;
    this.groupIds = scenario.groups.map((g) => g.id);
    this.levels = scenario.groups.map((g) => g.level);
    this.carved = scenario.groups.map((g, i) => {
      const count = Math.floor(groupCapacity(g) / this.L);
      for (let k = 0; k < count; k++) {
        this.free.add(this.ldevGroup.length);
        this.ldevGroup.push(i);
      }
      return count;
    });
    this.health = scenario.groups.map((g) => Array.from({ length: g.devices }, (): Health => 'healthy'));
    this.tolerance = scenario.groups.map((g) => TOLERANCE(g.level, g.devices));
    for (const v of scenario.volumes) this.form(v);
    for (const w of scenario.writes) this.applyWrite(w.volume, w.offset, new Uint8Array(w.length).fill(w.fill));
  }

  /** VOL-F-1..VOL-F-3: designated entries take their group's lowest free LDEVs, the rest the default group's (or any). */
  private form(v: PlVolumeSpec): void {
    const entries = Math.ceil(v.bytes / this.L);
    const groupOf: (number | null)[] = Array.from({ length: entries }, () => v.group);
    for (const a of v.areas) {
      const [first, last] = entriesOfTracks(a.tracks[0], a.tracks[1], v.bytes, this.T, this.L);
      for (let e = first; e <= last; e++) groupOf[e] = a.group;
    }
    const ldevs: number[] = new Array<number>(entries).fill(-1);
    const take = (e: number, g: number | null) => {
      const n = [...this.free].sort((x, y) => x - y).find((k) => g === null || this.ldevGroup[k] === g);
      if (n === undefined) throw new Error(`scenario: no free LDEV for entry ${e} of ${v.id}`);
      this.free.delete(n);
      ldevs[e] = n;
    };
    groupOf.forEach((g, e) => g !== null && take(e, g));
    groupOf.forEach((g, e) => g === null && take(e, null));
    const tracks = Math.ceil(v.bytes / this.T);
    this.volumes.push({ id: v.id, bytes: v.bytes, tracks, ldevs, ref: new Uint8Array(v.bytes), known: new Uint8Array(v.bytes).fill(1), relocation: null });
  }

  entryRange(v: RefVolume, i: number): [number, number] {
    return [i * this.L, Math.min((i + 1) * this.L, v.bytes) - 1];
  }

  trackOf(address: number): number {
    return Math.floor(address / this.T);
  }

  freeIn(g: number): number {
    let n = 0;
    for (const k of this.free) if (this.ldevGroup[k] === g) n++;
    return n;
  }

  running(v: RefVolume): RefRelocation | null {
    return v.relocation && !v.relocation.done ? v.relocation : null;
  }

  anyRunning(): boolean {
    return this.volumes.some((v) => this.running(v));
  }

  // --- PL-R-1, PL-R-2

  /** The outcomes PL-R-1 allows (no precedence among refusals is specified), and the entries that move. */
  expectRelocate(v: RefVolume, a: number, b: number, g: number | null): { allowed: Outcome[]; moves: number[] } {
    const codes: Outcome[] = [];
    if (g === null) codes.push('NOT_FOUND');
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || a < 0 || a > b) codes.push('INVALID_ARGUMENT');
    else if (b >= v.tracks) codes.push('OUT_OF_RANGE');
    if (this.running(v)) codes.push('INVALID_STATE');
    if (codes.length > 0) return { allowed: codes, moves: [] };
    const [first, last] = entriesOfTracks(a, b, v.bytes, this.T, this.L);
    const moves: number[] = [];
    for (let i = first; i <= last; i++) if (this.ldevGroup[v.ldevs[i]!] !== g) moves.push(i);
    if (moves.length > this.freeIn(g!)) return { allowed: ['NO_CAPACITY'], moves: [] };
    return { allowed: ['ok'], moves };
  }

  applyRelocate(v: RefVolume, g: number, indexes: readonly number[]): RefRelocation | null {
    if (indexes.length === 0) return null; // PL-R-1: accepted, nothing starts
    const to = [...this.free].filter((k) => this.ldevGroup[k] === g).sort((x, y) => x - y).slice(0, indexes.length);
    for (const k of to) this.free.delete(k);
    if (to.some((k) => this.freedSources.has(k))) bump(this.reached, 'destinationWasFreedSource');
    if (this.anyRunning()) bump(this.reached, 'concurrentRelocations');
    const moves = indexes.map((index, i): RefMove => ({ index, from: v.ldevs[index]!, to: to[i]!, done: false }));
    const rel: RefRelocation = { group: g, moves, pointer: this.trackOf(indexes[0]! * this.L), done: false };
    v.relocation = rel;
    return rel;
  }

  /** Tracks holding bytes of a moved entry (PL-C-1 copies these, in order). */
  movedTracks(v: RefVolume, rel: RefRelocation): number[] {
    const set = new Set<number>();
    for (const mv of rel.moves) {
      const [first, last] = this.entryRange(v, mv.index);
      for (let t = this.trackOf(first); t <= this.trackOf(last); t++) set.add(t);
    }
    return [...set].sort((x, y) => x - y);
  }

  /** PL-C-1, PL-C-2: copies up to `units` tracks; returns how many. */
  applyStep(v: RefVolume, units: number): number {
    const rel = this.running(v);
    if (!rel) return 0;
    const tracks = this.movedTracks(v, rel);
    let copied = 0;
    while (copied < units && !rel.done) {
      rel.pointer = tracks.find((t) => t > rel.pointer) ?? rel.pointer + 1;
      copied++;
      for (const mv of rel.moves) {
        if (mv.done || this.entryRange(v, mv.index)[1] >= rel.pointer * this.T) continue;
        mv.done = true;
        v.ldevs[mv.index] = mv.to;
        this.free.add(mv.from);
        this.freedSources.add(mv.from);
        bump(this.reached, 'entriesFinished');
      }
      if (rel.moves.every((mv) => mv.done)) {
        rel.done = true;
        bump(this.reached, 'relocationsCompleted');
      }
    }
    return copied;
  }

  /** Where a byte of a moved entry lives now (PL-W-1): 'below' the pointer (destination), 'above' (source), or null (not moving). */
  side(v: RefVolume, address: number): 'below' | 'above' | null {
    const rel = this.running(v);
    if (!rel) return null;
    const mv = rel.moves.find((m) => !m.done && m.index === Math.floor(address / this.L));
    if (!mv) return null;
    return address < rel.pointer * this.T ? 'below' : 'above';
  }

  // --- host I/O

  /** The copy volume of the live pair (host writes refused; reads refused until the division). */
  isPairCopy(vi: number): boolean {
    return this.pair !== null && vi === COPY;
  }

  applyWrite(vi: number, offset: number, data: Uint8Array): void {
    const v = this.volumes[vi]!;
    v.ref.set(data, offset);
    v.known.fill(1, offset, offset + data.length);
  }

  /** What the host must read from volume `vi`: bytes, the mask of known bytes (views of the reference, or for the copy scratch buffers valid until the next view: not to be written or kept); null when refused (LC-W-9). */
  view(vi: number, offset: number, length: number): { bytes: Uint8Array; known: Uint8Array } | null {
    const v = this.volumes[vi]!;
    if (!this.isPairCopy(vi)) return { bytes: v.ref.subarray(offset, offset + length), known: v.known.subarray(offset, offset + length) }; // read-only views
    const bytes = viewBytes.take(length); // the copy's view: valid until the next view of a copy
    const known = viewKnown.take(length);
    bytes.set(v.ref.subarray(offset, offset + length));
    known.set(v.known.subarray(offset, offset + length));
    const orig = this.volumes[ORIGINAL]!;
    const pairEnd = orig.tracks * this.T; // the pair's tracks; the copy's bytes past the original's end in its last track are the pair's
    if (offset < pairEnd && this.pair!.image === null) return null;
    const image = this.pair!.image!;
    const end = Math.min(offset + length, pairEnd);
    const imageEnd = Math.min(end, orig.bytes);
    if (offset < imageEnd) {
      bytes.set(image.subarray(offset, imageEnd), 0);
      known.fill(1, 0, imageEnd - offset);
    }
    const tail = Math.max(offset, orig.bytes);
    if (tail < end) known.fill(0, tail - offset, end - offset);
    return { bytes, known };
  }

  // --- the local pair (LC-G-1, LC-R-1, LC-R-6)

  applyPairCreate(id: string): void {
    const orig = this.volumes[ORIGINAL]!;
    const copy = this.volumes[COPY]!;
    copy.known.fill(0, 0, Math.min(copy.bytes, orig.tracks * this.T));
    this.pair = { id, image: null };
    this.pairsCreated++;
  }

  applyPairDivide(): void {
    this.pair!.image = this.volumes[ORIGINAL]!.ref.slice();
  }

  /** LC-R-6: deleted once divided (the division copy done), the copy keeps the image; otherwise its pair bytes stay unknown. */
  applyPairDelete(settled: boolean): void {
    const image = this.pair!.image;
    if (settled && image) {
      const copy = this.volumes[COPY]!;
      copy.ref.set(image, 0);
      copy.known.fill(1, 0, image.length);
    }
    this.pair = null;
  }

  get pairId(): string {
    return this.pair?.id ?? `P${Math.max(1, this.pairsCreated)}`;
  }

  // --- device faults (only survivable ones)

  canFail(g: number, d: number): boolean {
    const h = this.health[g]!;
    const degraded = h.filter((x) => x !== 'healthy').length + (h[d] === 'healthy' ? 1 : 0);
    return h[d] !== 'failed' && degraded <= this.tolerance[g]!;
  }

  degraded(g: number): boolean {
    return this.health[g]!.some((x) => x !== 'healthy');
  }

  applySettle(): void {
    for (const v of this.volumes) if (this.running(v)) this.applyStep(v, Number.MAX_SAFE_INTEGER);
    for (const h of this.health) h.forEach((x, i) => { if (x === 'rebuilding') h[i] = 'healthy'; });
  }

  // --- what the trace shows

  ldevsView(v: RefVolume): Array<{ ldev: number; raidGroup: string; first: number; last: number }> {
    return v.ldevs.map((n, i) => {
      const [first, last] = this.entryRange(v, i);
      return { ldev: n, raidGroup: this.groupIds[this.ldevGroup[n]!]!, first, last };
    });
  }

  placementView(v: RefVolume): Array<{ raidGroup: string; first: number; last: number; tracks: [number, number] }> {
    const runs: Array<{ raidGroup: string; first: number; last: number; tracks: [number, number] }> = [];
    v.ldevs.forEach((n, i) => {
      const g = this.groupIds[this.ldevGroup[n]!]!;
      const [first, last] = this.entryRange(v, i);
      const prev = runs[runs.length - 1];
      if (prev && prev.raidGroup === g) {
        prev.last = last;
        prev.tracks[1] = this.trackOf(last);
      } else runs.push({ raidGroup: g, first, last, tracks: [this.trackOf(first), this.trackOf(last)] });
    });
    return runs;
  }

  relocationView(v: RefVolume): Record<string, unknown> | null {
    const rel = this.running(v);
    if (!rel) return null;
    return {
      state: 'relocating', pointer: rel.pointer, raidGroup: this.groupIds[rel.group],
      entries: rel.moves.map((mv) => ({ ldev: mv.from, to: mv.to, done: mv.done })),
    };
  }
}

// ---------------------------------------------------------------------------
