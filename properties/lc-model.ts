/**
 * Model-based harness for in-system copy pairs (spec/local-copy.md), driven through the trace
 * runner: EVERY command is exactly one trace-v1 step run by `runStep` (src/trace/runner.ts)
 * on a fresh `newContext(variant)`, so a shrunk counterexample is, line for line, a trace
 * file (spec/trace-format.md). The steps run so far are kept in `LcReal.log`; a failure
 * carries them as `LcTraceError.trace` and in its message.
 *
 * The reference model here is independent of src/: it knows the rules, not the code.
 * - the original's bytes as the host wrote them (LC-INV-5);
 * - per track of the pair's area, the copy's settled image: the original at a division
 *   request (whole area), at an extent update (those extents), at an extent division (those
 *   extents only), none after a couple (LC-INV-1..3);
 * - the pair state per the acceptance table (LC-R-0..6) and the copy processes as FIFO
 *   queues of track ranges, one track examined per unit (LC-C-1..5), so it predicts
 *   `step`'s `advanced`, each process's position and the state a completion leads to;
 * - which copy tracks a host read serves from the settled image, which it refuses
 *   (LC-W-9), and what the copy volume physically holds where that is known (fresh volume,
 *   outside an eighth-embodiment pair's area, after a deletion in a settled state: LC-R-6).
 *
 * After every command: the pair exists iff the model says so, in the model's state, with the
 * model's processes and extent information; the tables in use are the live pair's (LC-INV-6);
 * optionally the bitmaps the state does not read are empty (`checkBits`); the original reads
 * back what was written (LC-INV-5); every copy track the model can predict reads as predicted
 * (the settled image in dividing/divided/extentUpdating/extentDividing/extentDivided, the
 * physical bytes elsewhere), a refused track is refused; and the trace's `check` op passes.
 *
 * The literal variant (`variant: 'literal'`) runs the seed's flowcharts with their errata.
 * `avoid` steers the commands clear of known errata (literal only), so that a property run on
 * the literal variant with all but one erratum avoided finds that one, and with all avoided
 * finds none unless there is an erratum nobody has written down yet:
 * - `LC-E-1`: no pairDivide while the generation copy runs;
 * - `LC-E-2`: no step or settle that would end a whole-volume division copy;
 * - `LC-E-3`: no host write outside the divided extents in extentDividing / extentDivided;
 * - `LC-E-4`: no bitmap hygiene check in formationCompleted;
 * - `LC-E-5.name`: a couple ends in `formationCompleted` (accepting only an extent division
 *   and a deletion, keeping its extent information); `LC-E-5` also: no host write there;
 * - `LC-E-6.accept`: an extent update is accepted in dividing (state unchanged, its processes
 *   queued, its image taken); `LC-E-6`: no extent update while dividing;
 * - `LC-R-7`: no extent update overlapping itself or a running one (the corrected model
 *   refuses it; the literal accepts it, and the spec expects it to).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ErrorCode } from '../src/errors.ts';
import { isModelError } from '../src/errors.ts';
import type { LocalPair } from '../src/local-copy/local-pair.ts';
import { newContext, type RunContext } from '../src/trace/context.ts';
import { sha256Hex, toHex } from '../src/trace/data.ts';
import { runStep, type StepOutcome } from '../src/trace/runner.ts';
import { type CheckScope, FULL } from '../src/check/check-scope.ts';
import { boundaryExtentArb, fitGeometry, tracksArb } from './lc-geometry.ts';
import { countExtents, countStep, countWrite, LC_WITNESSES } from './lc-witnesses.ts';
import { violationsNow } from '../src/trace/handlers/observation.ts';
import type { TraceStep } from '../src/trace/schema.ts';
import { bump, type Counters, type PropertyDefinition } from './support.ts';

// ---------------------------------------------------------------------------
// Vocabulary

export type Extent = readonly [number, number];
export type Variant = 'corrected' | 'literal';
/** A trace step as JSON (op plus the op's fields). */
export type Step = { readonly op: string } & Record<string, unknown>;

/** The eight pair states of spec/local-copy.md ("State"). */
export const LC_STATES = [
  'generating', 'generated', 'dividing', 'divided', 'extentUpdating', 'extentDividing', 'extentDivided', 'extentCoupling',
] as const;
export type LcState = (typeof LC_STATES)[number] | 'formationCompleted';

/** The requests of spec/local-copy.md ("Actions: requests") plus creation. */
export const LC_REQUESTS = ['pairCreate', 'pairDivide', 'extentUpdate', 'extentDivide', 'extentCouple', 'pairDelete'] as const;

export const ERRATA = ['LC-E-1', 'LC-E-2', 'LC-E-3', 'LC-E-4', 'LC-E-5', 'LC-E-6'] as const;
export type Erratum = (typeof ERRATA)[number];
export type Avoid = Erratum | 'LC-E-5.name' | 'LC-E-6.accept' | 'LC-R-7';
/** Every known erratum steered clear of (literal): the literal then behaves as the corrected model. */
export const AVOID_ALL: readonly Avoid[] = [...ERRATA, 'LC-R-7'];

type CopyKind = 'generation' | 'division' | 'extentUpdate' | 'extentDivision' | 'extentCouple';

const SYSTEM = 'S';
const ORIG = 'ORIG';
const COPY = 'COPY';
const ORIG_KEY = `${SYSTEM}:${ORIG}`;
const COPY_KEY = `${SYSTEM}:${COPY}`;

function inExtents(extents: readonly Extent[], t: number): boolean {
  for (const [a, b] of extents) if (t >= a && t <= b) return true;
  return false;
}

function sameExtents(x: readonly Extent[], y: readonly Extent[]): boolean {
  return x.length === y.length && x.every((e, i) => e[0] === y[i]![0] && e[1] === y[i]![1]);
}

function json(v: unknown): string {
  return JSON.stringify(v);
}

/** A Data value for the bytes: a fill when uniform, hex when short, else a sha256. */
export function dataOf(bytes: Uint8Array): Record<string, unknown> {
  if (bytes.length > 0 && bytes.every((b) => b === bytes[0])) return { fill: bytes[0], length: bytes.length };
  if (bytes.length <= 1024) return { hex: toHex(bytes) };
  return { sha256: sha256Hex(bytes) };
}

// ---------------------------------------------------------------------------
// Scenario

export interface LcWriteSpec {
  readonly offset: number;
  readonly length: number;
  readonly fill: number;
}

export interface LcScenario {
  readonly level: 'raid1' | 'raid5';
  readonly devices: number;
  readonly stripeUnitBytes: number;
  readonly trackBytes: number;
  /** Tracks of the original. */
  readonly tracks: number;
  /** The copy volume has this many tracks more than the original (outside every pair). */
  readonly copyExtraTracks: number;
  /** ldevBytes = ldevTracks × trackBytes. */
  readonly ldevTracks: number;
  readonly pairTables: number | null;
  readonly initialWrites: readonly LcWriteSpec[];
  /** The first pair: null for a whole-volume pair, else an eighth-embodiment pair on these extents. */
  readonly area: readonly Extent[] | null;
  /** Extents the commands prefer (and the writes aim at and around). */
  readonly palette: readonly Extent[];
}

export function scenarioSteps(s: LcScenario): Step[] {
  const tb = s.trackBytes;
  const ldevBytes = s.ldevTracks * tb;
  const origBytes = s.tracks * tb;
  const copyBytes = (s.tracks + s.copyExtraTracks) * tb;
  const ldevs = Math.ceil(origBytes / ldevBytes) + Math.ceil(copyBytes / ldevBytes) + 1;
  const need = ldevs * ldevBytes;
  const u = s.stripeUnitBytes;
  const dataDevices = s.level === 'raid1' ? 1 : s.devices - 1;
  const deviceBytes = Math.ceil(need / (dataDevices * u)) * u;
  return [
    {
      op: 'system', id: SYSTEM, ldevBytes,
      raidGroups: [{ id: 'RG', level: s.level, devices: s.devices, deviceBytes, stripeUnitBytes: u }],
      ...(s.pairTables === null ? {} : { pairTables: s.pairTables }),
    },
    { op: 'volume', system: SYSTEM, id: ORIG, emulation: 'OPEN-V', bytes: origBytes, trackBytes: tb },
    { op: 'volume', system: SYSTEM, id: COPY, emulation: 'OPEN-V', bytes: copyBytes, trackBytes: tb },
  ];
}

// ---------------------------------------------------------------------------
// The reference model

interface RefProc {
  readonly kind: CopyKind;
  readonly ranges: readonly Extent[];
  readonly total: number;
  examined: number;
  /** A whole-volume division copy (the literal LC-E-2 ends it as a generation copy). */
  readonly wholeDivision: boolean;
}

function newProc(kind: CopyKind, ranges: readonly Extent[], whole: boolean): RefProc {
  const total = ranges.reduce((n, [a, b]) => n + b - a + 1, 0);
  return { kind, ranges: [...ranges], total, examined: 0, wholeDivision: whole && kind === 'division' };
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

interface RefPair {
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
type Route = 'image' | 'physical' | 'refused';

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
    this.copyKnown = Array.from({ length: this.copyTracks }, () => new Uint8Array(this.tb));
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

// ---------------------------------------------------------------------------
// The system under test, as a trace run

export class LcReal {
  readonly ctx: RunContext;
  /** Steps run so far, as they would appear in a trace (setup included). */
  readonly log: Step[] = [];

  constructor(readonly variant: Variant) {
    this.ctx = newContext(variant);
  }

  pair(id: string): LocalPair | undefined {
    return this.ctx.model.localCopy.pairs.get(id);
  }

  stateOf(id: string | null): string {
    return (id && this.pair(id)?.machineState) || 'none';
  }

  readVolume(volume: string, offset: number, length: number): Uint8Array {
    const v = this.ctx.model.system(SYSTEM).volume(volume);
    return this.ctx.model.localCopy.read(v, offset, length);
  }
}

// ---------------------------------------------------------------------------
// Failures: what the system did (the trace's last lines) and what the spec wanted

/** One observation where the system under test and the model disagree. */
export interface Witness {
  /** The step as the system under test makes it hold (a trace of that variant passes with it). */
  readonly actual: Step;
  /** The step as the spec (the model) says it must hold. */
  readonly expected: Step;
}

export class LcFailure extends Error {
  constructor(
    message: string,
    readonly witnesses: readonly Witness[],
    /** The failing step is the command's own (already in the log): the witness replaces it. */
    readonly replacesLast: boolean,
  ) {
    super(message);
  }
}

/** A failure with the trace that reproduces it. */
export class LcTraceError extends Error {
  constructor(
    message: string,
    readonly steps: readonly Step[],
    readonly witnesses: readonly Witness[],
    readonly variant: Variant,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/**
 * The trace lines: the steps, then each witness as it holds for the system under test,
 * preceded by a comment line `// <label>: <the step as the spec wants it>`.
 */
export function renderTrace(steps: readonly Step[], witnesses: readonly Witness[], label: string, header: Record<string, unknown> = {}): string {
  const lines = [json({ trace: 1, ...header })];
  for (const s of steps) lines.push(json(s));
  for (const w of witnesses) lines.push(`// ${label}: ${json(w.expected)}`, json(w.actual));
  return `${lines.join('\n')}\n`;
}

function withTrace(e: unknown, r: LcReal): LcTraceError {
  if (e instanceof LcTraceError) return e;
  const failure = e instanceof LcFailure ? e : null;
  const steps = failure?.replacesLast ? r.log.slice(0, -1) : [...r.log];
  const witnesses = failure?.witnesses ?? [];
  const label = r.variant === 'literal' ? 'corrected' : 'spec';
  const header = r.variant === 'literal' ? { variant: 'literal' } : {};
  const text = renderTrace(steps, witnesses, label, header);
  const why = e instanceof Error ? e.message : String(e);
  return new LcTraceError(`${why}\n--- trace (${steps.length} steps) ---\n${text}`, steps, witnesses, r.variant, e);
}

/** Runs one step, expecting the model's code (null: accepted); a mismatch fails with the step as witness. */
function exec(r: LcReal, step: Step, expectError: ErrorCode | null): StepOutcome {
  const s: Step = expectError ? { ...step, expectError } : step;
  r.log.push(s);
  const out = runStep(r.ctx, r.log.length + 1, s as unknown as TraceStep);
  if (out.expectFailed === undefined) return out;
  const { expectError: _e, expect: _x, ...bare } = step as Step & { expectError?: unknown; expect?: unknown };
  let actual: Step;
  if (!out.ok) actual = { ...bare, op: step.op, expectError: out.error!.code };
  else if (step.op === 'read' && 'expect' in step) {
    const got = r.readVolume(step.volume as string, step.offset as number, step.length as number);
    actual = { ...bare, op: step.op, expect: dataOf(got) };
  } else actual = { ...bare, op: step.op, ...('expect' in step ? { expect: step.expect } : {}) };
  throw new LcFailure(`${json(s)}: ${out.expectFailed}`, [{ actual, expected: s }], true);
}

// ---------------------------------------------------------------------------
// After every command

const STATUS = (pair: string, expect: Record<string, unknown>): Step => ({ op: 'status', pair, expect });

export function procsOf(m: LcModel): { kind: string; position: number }[] {
  return (m.pair?.procs ?? []).map((p) => ({ kind: p.kind, position: positionOf(p) }));
}

function procsEqual(a: readonly { kind: string; position: number }[], b: readonly { kind: string; position: number }[]): boolean {
  return a.length === b.length && a.every((x, i) => x.kind === b[i]!.kind && x.position === b[i]!.position);
}

function buf(a: Uint8Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** Index of the first differing byte, -1 when equal (a native comparison first). */
function firstDiff(a: Uint8Array, b: Uint8Array): number {
  if (a.length === b.length && buf(a).equals(buf(b))) return -1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

function copyRead(m: LcModel, t: number, n = 1): Step {
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
  if (why.length > 0) throw new LcFailure(why.join('; '), witnesses, false);
}

/** LC-INV-5: the original reads back what the host wrote (the scoped tracks, in runs). */
function verifyOriginal(m: LcModel, r: LcReal, scope: CheckScope, note: (message: string, w: Witness) => void): void {
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
function trackRuns(tracks: 'all' | readonly number[], limit: number): Array<[number, number]> {
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
function verifyCopy(m: LcModel, r: LcReal, scope: CheckScope, note: (message: string, w: Witness) => void): void {
  const scoped = scope.tracks(r.ctx.model.system(SYSTEM).volume(COPY));
  if (scoped === 'all') {
    verifyCopyRun(m, r, 0, m.copyTracks, note, true);
    return;
  }
  for (const [first, end] of trackRuns(scoped, m.copyTracks)) if (!verifyCopyRun(m, r, first, end, note, false)) return;
}

/** verifyCopy over tracks [from, to); false once it has noted a difference. */
function verifyCopyRun(m: LcModel, r: LcReal, from: number, to: number, note: (message: string, w: Witness) => void, refusals: boolean): boolean {
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
function verifyRefused(m: LcModel, r: LcReal, refusedAt: number, note: (message: string, w: Witness) => void): void {
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
    try {
      this.apply(m, r);
      verify(m, r, r.ctx.changes.take());
    } catch (e) {
      throw withTrace(e, r);
    }
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
export type WriteShape =
  | { readonly at: 'start' | 'end' | 'whole'; readonly len: number }
  | { readonly at: 'mid'; readonly len: number; readonly x: number }
  | { readonly at: 'span'; readonly before: number; readonly after: number };

function resolveTrack(m: Readonly<LcModel>, target: WriteTarget, tracks: number): number {
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

function resolveRange(m: Readonly<LcModel>, target: WriteTarget, shape: WriteShape, tracks: number): { offset: number; length: number } {
  const tb = m.tb;
  const t = resolveTrack(m, target, tracks) % tracks;
  const bytes = tracks * tb;
  let offset: number;
  let length: number;
  switch (shape.at) {
    case 'start': offset = t * tb; length = Math.min(shape.len, tb); break;
    case 'end': length = Math.min(shape.len, tb); offset = (t + 1) * tb - length; break;
    case 'whole': offset = t * tb; length = tb; break;
    case 'mid': length = Math.min(shape.len, tb); offset = t * tb + (shape.x % (tb - length + 1)); break;
    case 'span': offset = (t + 1) * tb - shape.before; length = shape.before + shape.after; break;
  }
  offset = Math.max(0, Math.min(offset, bytes - 1));
  return { offset, length: Math.max(1, Math.min(length, bytes - offset)) };
}

function touched(m: Readonly<LcModel>, offset: number, length: number): number[] {
  const out: number[] = [];
  for (let t = Math.floor(offset / m.tb); t * m.tb < offset + length; t++) out.push(t);
  return out;
}

function describeTarget(t: WriteTarget): string {
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
      throw new LcFailure(`step: advanced ${String(out.advanced)}, expected ${advanced}`, [], false);
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

function request(m: LcModel, r: LcReal, step: Step, code: ErrorCode | null, apply: () => void, count = true): void {
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

// ---------------------------------------------------------------------------
// Running a scenario

/** Builds the system, the two volumes, the initial writes and the first pair, then runs the commands. */
export function runLcScenario(s: LcScenario, cmds: Iterable<fc.Command<LcModel, LcReal>>, o: LcOptions = {}): { model: LcModel; real: LcReal } {
  const model = new LcModel(s, o);
  const real = new LcReal(o.variant ?? 'corrected');
  try {
    for (const step of scenarioSteps(s)) exec(real, step, null);
  } catch (e) {
    throw withTrace(e, real);
  }
  // The initial writes are whole-track ranges, written as given.
  for (const w of s.initialWrites) {
    const step: Step = { op: 'write', system: SYSTEM, volume: ORIG, offset: w.offset, data: { fill: w.fill, length: w.length } };
    try {
      exec(real, step, null);
    } catch (e) {
      throw withTrace(e, real);
    }
    model.applyOrigWrite(w.offset, new Uint8Array(w.length).fill(w.fill));
  }
  const create = new CreateCommand(s.area);
  create.setup = true;
  create.run(model, real);
  bump(o.reached, 'runs');
  fc.modelRun(() => ({ model, real }), cmds);
  // CHK-1: once more in full, so that a change no scoped comparison looked at is still seen.
  try {
    real.ctx.changes.take();
    verify(model, real, FULL);
  } catch (e) {
    throw withTrace(e, real);
  }
  return { model, real };
}

// ---------------------------------------------------------------------------
// Generators

export interface LcWeights {
  readonly write: number;
  readonly writeCopy: number;
  readonly read: number;
  readonly step: number;
  readonly settle: number;
  readonly divide: number;
  readonly extentUpdate: number;
  readonly extentDivide: number;
  readonly couple: number;
  readonly delete: number;
  readonly create: number;
  readonly check: number;
}

export const DEFAULT_LC_WEIGHTS: LcWeights = {
  write: 30, writeCopy: 1, read: 8, step: 22, settle: 3, divide: 5, extentUpdate: 5, extentDivide: 5, couple: 4, delete: 1, create: 2, check: 2,
};

export interface LcScenarioOptions {
  /** The first pair: whole volume, eighth embodiment, or either. */
  readonly area?: 'never' | 'always' | 'sometimes';
  /** Share of new pairs (after a deletion) created on extents, 0..1 (default 0.3). */
  readonly areaCreates?: number;
  readonly weights?: LcWeights;
  readonly size?: fc.SizeForArbitrary;
  readonly maxCommands?: number;
  /** Bound the pair tables sometimes (TABLES_EXHAUSTED for area pairs with more extents). */
  readonly tightTables?: boolean;
  /** fast-check's commands replay path (with the run's seed and path), see `commandsReplayPath`. */
  readonly replayPath?: string;
}

function extentArb(T: number): fc.Arbitrary<Extent> {
  return fc
    .tuple(
      fc.integer({ min: 0, max: T - 1 }),
      fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: T }) }),
    )
    .map(([a, n]): Extent => [a, Math.min(T - 1, a + n - 1)]);
}

/** 1–2 extents (an eighth-embodiment area): mostly disjoint and ascending, sometimes any two. */
function areaArb(T: number): fc.Arbitrary<Extent[]> {
  return fc.oneof(
    { weight: 3, arbitrary: extentArb(T).map((e) => [e]) },
    { weight: 2, arbitrary: boundaryExtentArb(T).map((e) => [e]) },
    { weight: 1, arbitrary: fc.tuple(extentArb(T), extentArb(T)).map(([a, b]) => [a, b]) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.integer({ min: 0, max: T - 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))
        .map(([a, n1, gap, n2]): Extent[] => {
          const e1: Extent = [a, Math.min(T - 3, a + n1 - 1)];
          const b = Math.min(T - 1, e1[1] + 1 + gap);
          return [e1, [b, Math.min(T - 1, b + n2 - 1)]];
        }),
    },
  );
}

export function lcScenarioArb(o: LcScenarioOptions = {}): fc.Arbitrary<LcScenario> {
  return fc
    .record({
      level: fc.constantFrom('raid5' as const, 'raid1' as const),
      extraDevice: fc.boolean(),
      stripeUnitBytes: fc.constantFrom(512, 4096),
      trackBytes: fc.constantFrom(512, 1024, 2048, 4096),
      tracks: tracksArb,
      copyExtraTracks: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) }),
      ldevTracks: fc.constantFrom(1, 2, 4, 8),
      tables: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
      wantArea: o.area === 'always' ? fc.constant(true) : o.area === 'sometimes' ? fc.boolean() : fc.constant(false),
    })
    .chain((raw) => {
      const b = { ...raw, ...fitGeometry(raw.tracks, raw.trackBytes, raw.ldevTracks) };
      const T = b.tracks;
      const tb = b.trackBytes;
      const initial = fc.array(
        fc.tuple(fc.integer({ min: 0, max: T - 1 }), fc.integer({ min: 1, max: T }), fc.integer({ min: 1, max: 255 })).map(([a, n, fill]): LcWriteSpec => ({
          offset: a * tb, length: Math.min(n, T - a) * tb, fill,
        })),
        { minLength: 1, maxLength: 4 },
      );
      const palette = fc.array(fc.oneof({ weight: 2, arbitrary: extentArb(T) }, { weight: 1, arbitrary: boundaryExtentArb(T) }), { minLength: 2, maxLength: 4 });
      const area = b.wantArea ? areaArb(T) : fc.constant(null);
      return fc.tuple(initial, palette, area).map(([initialWrites, pal, a]): LcScenario => ({
        level: b.level,
        devices: b.level === 'raid1' ? 2 : 3 + (b.extraDevice ? 1 : 0),
        stripeUnitBytes: b.stripeUnitBytes,
        trackBytes: tb,
        tracks: T,
        copyExtraTracks: b.copyExtraTracks,
        ldevTracks: Math.min(b.ldevTracks, T),
        pairTables: o.tightTables && b.tables !== null ? Math.max(b.tables, a?.length ?? 1) : null,
        initialWrites,
        area: a,
        // The area's extents are in the palette, so commands aim at them too.
        palette: a ? [...a, ...pal] : pal,
      }));
    });
}

function targetArb(s: LcScenario, tracks = s.tracks): fc.Arbitrary<WriteTarget> {
  const i = fc.nat({ max: s.palette.length - 1 });
  return fc.oneof(
    { weight: 3, arbitrary: fc.nat({ max: tracks - 1 }).map((t): WriteTarget => ({ kind: 'track', t })) },
    { weight: 3, arbitrary: fc.tuple(i, fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const)).map(([i, which]): WriteTarget => ({ kind: 'edge', i, which })) },
    { weight: 3, arbitrary: fc.tuple(i, fc.nat({ max: 7 })).map(([i, k]): WriteTarget => ({ kind: 'inExtent', i, k })) },
    { weight: 4, arbitrary: fc.integer({ min: -1, max: 2 }).map((d): WriteTarget => ({ kind: 'next', d })) },
  );
}

function shapeArb(tb: number): fc.Arbitrary<WriteShape> {
  const len = fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: tb }));
  return fc.oneof(
    { weight: 3, arbitrary: len.map((n): WriteShape => ({ at: 'start', len: n })) },
    { weight: 2, arbitrary: len.map((n): WriteShape => ({ at: 'end', len: n })) },
    { weight: 2, arbitrary: fc.tuple(len, fc.nat({ max: tb })).map(([n, x]): WriteShape => ({ at: 'mid', len: n, x })) },
    { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 })).map(([before, after]): WriteShape => ({ at: 'span', before, after })) },
    { weight: 1, arbitrary: fc.constant<WriteShape>({ at: 'whole', len: 0 }) },
  );
}

function readShapeArb(tb: number): fc.Arbitrary<WriteShape> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant<WriteShape>({ at: 'whole', len: 0 }) },
    { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: tb }), fc.integer({ min: 1, max: tb })).map(([before, after]): WriteShape => ({ at: 'span', before, after })) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 64 }), fc.nat({ max: tb })).map(([n, x]): WriteShape => ({ at: 'mid', len: n, x })) },
  );
}

/** 1–2 extents, mostly from the palette. */
function extentsArb(s: LcScenario): fc.Arbitrary<Extent[]> {
  const one = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...s.palette) }, { weight: 1, arbitrary: extentArb(s.tracks) });
  return fc.oneof({ weight: 3, arbitrary: one.map((e) => [e]) }, { weight: 1, arbitrary: fc.tuple(one, one).map(([a, b]) => [a, b]) });
}

export function lcCommandArb(s: LcScenario, o: LcScenarioOptions = {}): fc.Arbitrary<LcCommand> {
  const w = o.weights ?? DEFAULT_LC_WEIGHTS;
  const fill = fc.integer({ min: 1, max: 255 });
  const areaCreates = o.areaCreates ?? 0.3;
  const options: fc.WeightedArbitrary<LcCommand>[] = [
    { weight: w.write, arbitrary: fc.tuple(targetArb(s), shapeArb(s.trackBytes), fill).map(([t, sh, f]) => new WriteCommand('ORIG', t, sh, f)) },
    { weight: w.writeCopy, arbitrary: fc.tuple(targetArb(s, s.tracks + s.copyExtraTracks), shapeArb(s.trackBytes), fill).map(([t, sh, f]) => new WriteCommand('COPY', t, sh, f)) },
    { weight: w.read, arbitrary: fc.tuple(targetArb(s, s.tracks + s.copyExtraTracks), readShapeArb(s.trackBytes)).map(([t, sh]) => new ReadCommand(t, sh)) },
    {
      weight: w.step,
      arbitrary: fc
        .oneof(
          { weight: 6, arbitrary: fc.integer({ min: 1, max: 4 }) },
          { weight: 1, arbitrary: fc.integer({ min: 5, max: 30 }) },
          // To the end of the running copy: one command where a shrunk counterexample would keep several.
          { weight: 1, arbitrary: fc.constant(1000) },
        )
        .map((n) => new StepCommand(n)),
    },
    {
      // CHK-6: to just before, at or past the next bitmap word or summary word boundary.
      weight: Math.ceil(w.step / 4),
      arbitrary: fc.tuple(fc.constantFrom(32, 1024), fc.integer({ min: 0, max: 2 })).map(([boundary, d]) => new StepCommand(1, { boundary, d })),
    },
    { weight: w.settle, arbitrary: fc.constant(null).map(() => new SettleCommand()) },
    { weight: w.divide, arbitrary: fc.tuple(fc.boolean(), fc.boolean()).map(([x, rev]) => new DivideCommand(x, rev)) },
    { weight: w.extentUpdate, arbitrary: extentsArb(s).map((e) => new ExtentUpdateCommand(e)) },
    { weight: w.extentDivide, arbitrary: extentsArb(s).map((e) => new ExtentDivideCommand(e)) },
    { weight: w.couple, arbitrary: fc.constant(null).map(() => new CoupleCommand()) },
    { weight: w.delete, arbitrary: fc.constant(null).map(() => new DeleteCommand()) },
    {
      weight: w.create,
      arbitrary: fc
        .tuple(fc.double({ min: 0, max: 1, noNaN: true }), areaArb(s.tracks), fc.nat({ max: 9 }))
        .map(([x, a, k]) => new CreateCommand(x < areaCreates ? a : null, k === 0)),
    },
    { weight: w.check, arbitrary: fc.constant(null).map(() => new CheckCommand()) },
  ];
  return fc.oneof(...options.filter((x) => x.weight > 0));
}

export type LcRun = [LcScenario, Iterable<fc.Command<LcModel, LcReal>>];

export function lcRunArb(o: LcScenarioOptions = {}): fc.Arbitrary<LcRun> {
  return lcScenarioArb(o).chain((s) =>
    fc
      .commands([lcCommandArb(s, o)], { size: o.size ?? 'large', maxCommands: o.maxCommands ?? 150, ...(o.replayPath ? { replayPath: o.replayPath } : {}) })
      .map((cmds): LcRun => [s, cmds]),
  );
}

export interface LcPropertyOptions extends LcScenarioOptions, LcOptions {}

export function lcProperty(o: LcPropertyOptions = {}): fc.IPropertyWithHooks<[LcRun]> {
  return fc.property(lcRunArb(o), ([s, cmds]) => {
    runLcScenario(s, cmds, o);
  });
}

/** The replay path fast-check prints with a counterexample's commands (`/*replayPath="..."*\/`). */
export function commandsReplayPath(run: LcRun): string | null {
  return /replayPath="([^"]*)"/.exec(String(run[1]))?.[1] ?? null;
}

/** The commands of a shrunk counterexample that actually ran. */
export function ranCommands(run: LcRun): string[] {
  return [...run[1]].filter((c) => (c as { hasRan?: boolean }).hasRan !== false).map(String);
}

// ---------------------------------------------------------------------------
// Replaying a trace into the reference model (for the corrected twin of a literal counterexample)

/** Feeds trace steps to the reference model as the commands would (refused requests change nothing). */
export function replayIntoModel(m: LcModel, steps: readonly Step[]): void {
  for (const s of steps) {
    const mine = (pair: unknown) => m.pair !== null && pair === m.pair.id;
    switch (s.op) {
      case 'write': {
        const d = s.data as { fill: number; length: number };
        const data = new Uint8Array(d.length).fill(d.fill);
        if (s.volume === ORIG) m.applyOrigWrite(s.offset as number, data);
        else if (m.expectCopyWrite() === null) m.applyCopyWrite(s.offset as number, data);
        break;
      }
      case 'pairCreate': {
        const area = (s.extents as Extent[] | undefined) ?? null;
        if (m.expectCreate(area) === null) m.applyCreate(s.id as string, area);
        break;
      }
      case 'pairDivide': if (mine(s.pair) && m.expectDivide() === null) m.applyDivide(); break;
      case 'extentUpdate': if (mine(s.pair) && m.expectExtentUpdate(s.extents as Extent[]) === null) m.applyExtentUpdate(s.extents as Extent[]); break;
      case 'extentDivide': if (mine(s.pair) && m.expectExtentDivide() === null) m.applyExtentDivide(s.extents as Extent[]); break;
      case 'extentCouple': if (mine(s.pair) && m.expectCouple() === null) m.applyCouple(); break;
      case 'pairDelete': if (mine(s.pair)) m.applyDelete(); break;
      case 'step': if (mine(s.pair)) m.applyStep((s.tracks as number | undefined) ?? 1); break;
      case 'settle': if (m.pair) m.applySettle(); break;
      default: break;
    }
  }
}

/** The form of an observation step (a witness) that the model says must hold now. */
export function expectedObservation(m: LcModel, actual: Step): Step {
  const { expectError: _e, expect: _x, ...bare } = actual as Step & { expectError?: unknown; expect?: Record<string, unknown> };
  const base: Step = { ...bare, op: actual.op };
  if (actual.op === 'check') return base;
  if (actual.op === 'read') {
    const offset = actual.offset as number;
    const length = actual.length as number;
    if (actual.volume === ORIG) return { ...base, expect: dataOf(m.orig.subarray(offset, offset + length)) };
    const tracks = touched(m, offset, length);
    if (tracks.some((t) => m.route(t) === 'refused')) return { ...base, expectError: 'INVALID_STATE' };
    const out = new Uint8Array(length);
    for (const t of tracks) {
      const w = m.expectedCopyTrack(t);
      if (w === null) throw new Error(`model: copy track ${t} is not predictable`);
      const a = Math.max(offset, t * m.tb);
      const b = Math.min(offset + length, (t + 1) * m.tb);
      out.set(w.subarray(a - t * m.tb, b - t * m.tb), a - offset);
    }
    return { ...base, expect: dataOf(out) };
  }
  if (actual.op === 'status') {
    const p = m.pair;
    if (!p || p.id !== actual.pair) return { ...base, expectError: 'NOT_FOUND' };
    const asked = (actual as { expect?: Record<string, unknown> }).expect ?? {};
    const expect: Record<string, unknown> = {};
    if ('state' in asked || Object.keys(asked).length === 0) expect.state = p.state;
    if ('processes' in asked) expect.processes = procsOf(m);
    if ('bits' in asked) expect.bits = { div: 0, upd: 0 };
    if ('updateExtents' in asked) expect.updateExtents = p.updateExtents;
    if ('dividedExtents' in asked) expect.dividedExtents = p.dividedExtents;
    return { ...base, expect };
  }
  throw new Error(`no expected form for ${json(actual)}`);
}

// ---------------------------------------------------------------------------
// Property definitions (properties/index.ts)

/** One property definition over this harness: the corrected model, `opts` steering the commands. */
export function lcDefinition(id: string, title: string, opts: LcPropertyOptions, numRuns = DEFAULT_LC_RUNS, witnesses: readonly string[] = LC_WITNESSES): PropertyDefinition {
  return {
    id,
    title,
    numRuns,
    witnesses,
    property: () => lcProperty(opts),
    instrumented: (reached: Counters) => lcProperty({ ...opts, reached }),
  };
}

export const DEFAULT_LC_RUNS = 200;

/** Weights for an eighth-embodiment pair: the ninth/seventh requests are only tried (always refused). */
export const AREA_LC_WEIGHTS: LcWeights = {
  ...DEFAULT_LC_WEIGHTS, extentUpdate: 1, extentDivide: 1, couple: 1, divide: 6, delete: 2, create: 5,
};

/** Reach keys every whole-volume model run must hit: all eight states, every request accepted. */
export const ALL_STATES_KEYS: readonly string[] = LC_STATES.map((s) => `state:${s}`);
export const ALL_REQUESTS_KEYS: readonly string[] = LC_REQUESTS.map((r) => `accepted:${r}`);
/** The corrected machine's state changes (spec/local-copy.table.json, non-literal rows). */
export const CORRECTED_TRANSITION_KEYS: readonly string[] = [
  'none->generating', 'generating->generated', 'generating->dividing', 'generated->dividing', 'generated->extentDividing',
  'dividing->divided', 'divided->extentUpdating', 'extentUpdating->divided', 'extentDividing->extentDivided',
  'extentDivided->extentCoupling', 'extentCoupling->generated',
  ...LC_STATES.map((s) => `${s}->deleted`),
].map((t) => `transition:${t}`);
