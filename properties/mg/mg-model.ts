/**
 * Model-based harness for migratory copies (spec/migration.md), driven through the trace
 * runner like properties/rc/rc-model.ts: every command is one trace-v1 step, so a shrunk
 * counterexample is a trace file. An old system O and a new system N (each of either table
 * design, RC-D-1) joined by one path; a source volume on O and a target volume on N, both
 * holding data of their own; migrations of one area at a time, one after another.
 *
 * The reference model here is independent of src/:
 * - the source's bytes (written by the host before and after a migration, never during:
 *   MG-G-2);
 * - the target's *own* bytes (what N stores) and the host's *view* of the target (MG-INV-1's
 *   reference volume: the source's bytes on the area and the target's own elsewhere at
 *   creation, then every acknowledged write);
 * - the migration: area, copy pointer, pending tracks (MG-G-1, MG-C-1), MG-R-1's and MG-W-1's
 *   routing (a pending track is fetched from O: LINK_DOWN, SYSTEM_FAILED when it cannot be),
 *   completion and abandonment (MG-C-1, MG-R-2).
 *
 * After every command: the migrations that exist are the model's, with its state, pointer and
 * pending tracks; N's pool holds one table per running migration; N's own bytes of the target
 * are the model's (MG-INV-2, and stale bytes where a track is still pending); the host's view
 * of the target is the reference volume whenever O can be reached (MG-INV-1); O's bytes of the
 * source are the model's; and the trace's `check` op passes.
 *
 * `variant: 'literal'` runs the seed's flow (erratum MG-E-1); `avoid: ['MG-E-1']` steers clear
 * of it (no host write to a pending track).
 */
import fc from 'fast-check';
import { type CheckScope, FULL } from '../../src/check/check-scope.ts';
import { hostRead } from '../../src/model/host-io.ts';
import { sha256Hex } from '../../src/trace/data.ts';
import type { StepOutcome } from '../../src/trace/runner.ts';
import { areaEnd, areaTracks, describeShape, type Extent, nextAreaTrack, normalizeArea, type Shape, shapeRange, touchedTracks } from '../rc/rc-area.ts';
import type { Design, Level } from '../rc/rc-model.ts';
import { shapeArb } from '../rc/rc-model.ts';
import {
  attempt, checkWitness, dataOf, diffWitness, exec, firstDiff, json, type Outcome, CommandFailure, type Step, TraceRun, type Variant, withTrace, type Witness,
} from '../rc/rc-trace.ts';
import { bump, type Counters, type PropertyDefinition } from '../harness/support.ts';

export type MgAvoid = 'MG-E-1';

const O = 'O';
const N = 'N';
const SRC = 'SRC';
const TGT = 'TGT';
const SRC_KEY = `${O}:${SRC}`;
const TGT_KEY = `${N}:${TGT}`;
/** Migrations a run creates at most. */
export const MAX_MIGRATIONS = 6;
const TOLERANCE: Readonly<Record<Level, number>> = { raid1: 1, raid5: 1, raid6: 2 };

// ---------------------------------------------------------------------------
// Scenario

export interface MgWriteSpec {
  readonly track: number;
  readonly tracks: number;
  readonly fill: number;
}

/** A migration's extents, resolved against the volumes when it runs. */
export interface MgCreateSpec {
  readonly start: number;
  readonly len1: number;
  readonly gap: number;
  /** 0: one extent. */
  readonly len2: number;
  /** Let the extents reach past the smaller volume (OUT_OF_RANGE). */
  readonly beyond: boolean;
}

export interface MgScenario {
  readonly designO: Design;
  readonly designN: Design;
  readonly levelO: Level;
  readonly devicesO: number;
  readonly levelN: Level;
  readonly devicesN: number;
  readonly ldevBytesO: number;
  readonly ldevBytesN: number;
  readonly trackBytes: number;
  readonly srcTracks: number;
  readonly tgtTracks: number;
  readonly pairTables: number | null;
  readonly srcWrites: readonly MgWriteSpec[];
  readonly tgtWrites: readonly MgWriteSpec[];
  readonly first: MgCreateSpec;
}

function dataDevices(level: Level, devices: number): number {
  return level === 'raid1' ? 1 : level === 'raid5' ? devices - 1 : devices - 2;
}

function deviceBytesFor(level: Level, devices: number, need: number): number {
  const unit = 65536;
  return (Math.ceil(need / dataDevices(level, devices) / unit) + 1) * unit;
}

export function mgSetupSteps(s: MgScenario): Step[] {
  const tb = s.trackBytes;
  const group = (level: Level, devices: number, bytes: number, L: number) => [
    { id: 'RG', level, devices, deviceBytes: deviceBytesFor(level, devices, Math.ceil(bytes / L) * L + L) },
  ];
  const steps: Step[] = [
    { op: 'system', id: O, ldevBytes: s.ldevBytesO, tables: s.designO, raidGroups: group(s.levelO, s.devicesO, s.srcTracks * tb, s.ldevBytesO) },
    {
      op: 'system', id: N, ldevBytes: s.ldevBytesN, tables: s.designN, raidGroups: group(s.levelN, s.devicesN, s.tgtTracks * tb, s.ldevBytesN),
      ...(s.pairTables === null ? {} : { pairTables: s.pairTables }),
    },
    { op: 'link', between: [O, N] },
    { op: 'volume', system: O, id: SRC, emulation: 'OPEN-V', bytes: s.srcTracks * tb, trackBytes: tb },
    { op: 'volume', system: N, id: TGT, emulation: 'OPEN-V', bytes: s.tgtTracks * tb, trackBytes: tb },
  ];
  for (const w of s.srcWrites) steps.push({ op: 'write', system: O, volume: SRC, offset: w.track * tb, data: { fill: w.fill, length: w.tracks * tb } });
  for (const w of s.tgtWrites) steps.push({ op: 'write', system: N, volume: TGT, offset: w.track * tb, data: { fill: w.fill, length: w.tracks * tb } });
  return steps;
}

// ---------------------------------------------------------------------------
// The reference model

interface RefMigration {
  readonly id: string;
  readonly area: readonly Extent[];
  pointer: number;
  readonly pending: Set<number>;
}

type Health = 'healthy' | 'failed' | 'rebuilding';

export interface MgOptions {
  readonly variant?: Variant;
  /** Literal only: errata to steer clear of. */
  readonly avoid?: readonly MgAvoid[];
  /** Compare only what the host sees (bytes read, refusals, `check`), not the pointer, the pending tracks or N's stored bytes. */
  readonly dataOnly?: boolean;
  readonly reached?: Counters | undefined;
}

export class MgModel {
  readonly tb: number;
  readonly src: Uint8Array;
  /** What N stores for the target. */
  readonly own: Uint8Array;
  /** MG-INV-1's reference volume: what the host must read from the target. */
  readonly view: Uint8Array;
  mig: RefMigration | null = null;
  /** Migrations that completed and are still known to N (status: simplex). */
  readonly completed: string[] = [];
  readonly deleted: string[] = [];
  created = 0;
  oFailed = false;
  linkUp = true;
  readonly health: Record<string, Health[]>;
  readonly tolerance: Record<string, number>;
  readonly literal: boolean;
  readonly avoid: ReadonlySet<MgAvoid>;
  readonly reached: Counters | undefined;
  readonly pairTables: number;
  readonly dataOnly: boolean;

  constructor(readonly scenario: MgScenario, o: MgOptions) {
    this.dataOnly = o.dataOnly ?? false;
    this.tb = scenario.trackBytes;
    this.src = new Uint8Array(scenario.srcTracks * this.tb);
    this.own = new Uint8Array(scenario.tgtTracks * this.tb);
    this.view = new Uint8Array(scenario.tgtTracks * this.tb);
    this.health = {
      [O]: Array.from({ length: scenario.devicesO }, (): Health => 'healthy'),
      [N]: Array.from({ length: scenario.devicesN }, (): Health => 'healthy'),
    };
    this.tolerance = { [O]: TOLERANCE[scenario.levelO], [N]: TOLERANCE[scenario.levelN] };
    this.literal = o.variant === 'literal';
    this.avoid = new Set(this.literal ? (o.avoid ?? []) : []);
    this.reached = o.reached;
    this.pairTables = scenario.pairTables ?? Number.POSITIVE_INFINITY;
  }

  get srcTracks(): number {
    return this.scenario.srcTracks;
  }

  get tgtTracks(): number {
    return this.scenario.tgtTracks;
  }

  /** The old system can serve a pending track now (MG-R-1, MG-W-1). */
  get reachable(): boolean {
    return !this.oFailed && this.linkUp;
  }

  oldRefusals(): Outcome[] {
    const codes: Outcome[] = [];
    if (this.oFailed) codes.push('SYSTEM_FAILED');
    if (!this.linkUp) codes.push('LINK_DOWN');
    return codes;
  }

  /** The id requests name: the running migration's, else the last one's. */
  get pairId(): string {
    return this.mig?.id ?? this.completed[this.completed.length - 1] ?? this.deleted[this.deleted.length - 1] ?? 'M1';
  }

  state(id: string): 'migrating' | 'simplex' | 'none' {
    if (this.mig?.id === id) return 'migrating';
    return this.completed.includes(id) ? 'simplex' : 'none';
  }

  resolveCreate(spec: MgCreateSpec): Extent[] {
    const limit = spec.beyond ? Math.max(this.srcTracks, this.tgtTracks) : Math.min(this.srcTracks, this.tgtTracks);
    const a = spec.start % limit;
    const b = Math.min(limit - 1, a + spec.len1 - 1);
    const extents: Extent[] = [[a, b]];
    const c = b + 1 + spec.gap;
    if (spec.len2 > 0 && c < limit) extents.push([c, Math.min(limit - 1, c + spec.len2 - 1)]);
    return extents;
  }

  expectCreate(extents: readonly Extent[]): Outcome[] {
    const codes: Outcome[] = [];
    if (this.oFailed) codes.push('SYSTEM_FAILED');
    if (extents.some(([, b]) => b >= Math.min(this.srcTracks, this.tgtTracks))) codes.push('OUT_OF_RANGE');
    if (!this.linkUp) codes.push('LINK_DOWN');
    if (this.mig) codes.push('INVALID_STATE');
    if ((this.mig ? 1 : 0) >= this.pairTables) codes.push('TABLES_EXHAUSTED');
    return codes.length > 0 ? codes : ['ok'];
  }

  applyCreate(id: string, extents: readonly Extent[]): void {
    const area = normalizeArea(extents);
    this.mig = { id, area, pointer: area[0]![0], pending: new Set(areaTracks(area)) };
    for (const t of areaTracks(area)) this.view.set(this.srcTrack(t), t * this.tb); // MG-INV-1: the source's bytes on the area
    this.created++;
  }

  srcTrack(t: number): Uint8Array {
    return this.src.subarray(t * this.tb, (t + 1) * this.tb);
  }

  pendingIn(offset: number, length: number): number[] {
    return this.mig ? touchedTracks(offset, length, this.tb).filter((t) => this.mig!.pending.has(t)) : [];
  }

  /** MG-W-1: a write to a pending track it covers only in part needs the old system's track. */
  expectTargetWrite(offset: number, length: number): Outcome[] {
    const partial = this.pendingIn(offset, length).some((t) => offset > t * this.tb || offset + length < (t + 1) * this.tb);
    const codes = partial ? this.oldRefusals() : [];
    return codes.length > 0 ? codes : ['ok'];
  }

  applyTargetWrite(offset: number, data: Uint8Array): void {
    const pending = this.pendingIn(offset, data.length);
    this.view.set(data, offset);
    this.own.set(data, offset);
    for (const t of pending) {
      this.own.set(this.view.subarray(t * this.tb, (t + 1) * this.tb), t * this.tb); // fetched, the write applied, stored
      this.mig!.pending.delete(t); // marked copied (the erratum MG-E-1 forgets this)
    }
  }

  /** MG-R-1: a read touching a pending track needs the old system. */
  expectTargetRead(offset: number, length: number): Outcome[] {
    const codes = this.pendingIn(offset, length).length > 0 ? this.oldRefusals() : [];
    return codes.length > 0 ? codes : ['ok'];
  }

  /** MG-G-2: the source is off line while it migrates. */
  expectSourceIo(): Outcome[] {
    const codes: Outcome[] = [];
    if (this.oFailed) codes.push('SYSTEM_FAILED');
    if (this.mig) codes.push('INVALID_STATE');
    return codes.length > 0 ? codes : ['ok'];
  }

  expectStep(id: string): Outcome[] {
    const state = this.state(id);
    if (state === 'none') return ['NOT_FOUND'];
    if (state === 'simplex') return ['ok']; // MG-C-1: a completed migration advances nothing
    const codes = this.oldRefusals();
    return codes.length > 0 ? codes : ['ok'];
  }

  /** MG-C-1; returns the tracks examined. */
  applyStep(units: number): number {
    const m = this.mig;
    if (!m) return 0;
    let examined = 0;
    const end = areaEnd(m.area);
    while (examined < units && m.pointer < end) {
      const t = m.pointer;
      if (m.pending.delete(t)) this.own.set(this.srcTrack(t), t * this.tb);
      m.pointer = nextAreaTrack(m.area, t + 1);
      examined++;
    }
    if (m.pointer >= end) {
      this.completed.push(m.id);
      this.mig = null;
    }
    return examined;
  }

  applySettle(): void {
    if (this.mig && this.reachable) this.applyStep(Number.MAX_SAFE_INTEGER);
    for (const sys of [O, N]) {
      if (sys === O && this.oFailed) continue;
      const h = this.health[sys]!;
      h.forEach((x, i) => {
        if (x === 'rebuilding') h[i] = 'healthy';
      });
    }
  }

  /** MG-R-2: the target keeps what it has; pending tracks are what N stores. */
  applyDelete(id: string): void {
    if (this.mig?.id === id) {
      for (const t of this.mig.pending) this.view.set(this.own.subarray(t * this.tb, (t + 1) * this.tb), t * this.tb);
      this.mig = null;
    } else this.completed.splice(this.completed.indexOf(id), 1);
    this.deleted.push(id);
  }

  canFail(sys: string, device: number): boolean {
    const h = this.health[sys]!;
    const d = device % h.length;
    const degraded = h.filter((x) => x !== 'healthy').length + (h[d] === 'healthy' ? 1 : 0);
    return h[d] !== 'failed' && degraded <= this.tolerance[sys]!;
  }
}

// ---------------------------------------------------------------------------
// After every command

const STATUS = (pair: string, expect: Record<string, unknown>): Step => ({ op: 'status', pair, expect });

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

// ---------------------------------------------------------------------------
// Commands

export abstract class MgCommand implements fc.Command<MgModel, TraceRun> {
  setup = false;

  check(_m: Readonly<MgModel>): boolean {
    return true;
  }

  run(m: MgModel, r: TraceRun): void {
    const before = m.mig?.id ?? null;
    try {
      this.apply(m, r);
      verifyMg(m, r, r.ctx.changes.take());
    } catch (e) {
      throw withTrace(e, r);
    }
    const reached = m.reached;
    if (!reached || this.setup) return;
    bump(reached, 'commands');
    const op = r.log[r.log.length - 1]?.op ?? '?';
    const after = m.mig?.id ?? null;
    if (before !== after) {
      if (before) {
        bump(reached, 'transition:migrating->simplex');
        bump(reached, `via:migrating-${op}->simplex`);
        bump(reached, 'state:simplex');
      }
      if (after) bump(reached, 'transition:none->migrating');
    }
    if (m.mig) bump(reached, 'state:migrating');
  }

  protected abstract apply(m: MgModel, r: TraceRun): void;
  abstract toString(): string;
}

function outcomeOf(out: StepOutcome): Outcome {
  return out.ok ? 'ok' : (out.error!.code as Outcome);
}

function request(m: MgModel, r: TraceRun, step: Step, allowed: readonly Outcome[], count = true): Outcome {
  const got = outcomeOf(exec(r, step, allowed));
  if (count) bump(m.reached, got === 'ok' ? `accepted:${step.op}` : `refused:${step.op}:${got}`);
  return got;
}

function judgeRead(out: StepOutcome, step: Step, want: Uint8Array): void {
  if (!out.ok) return;
  if (out.sha256 === sha256Hex(want)) return;
  const actual = typeof out.hex === 'string' ? dataOf(Buffer.from(out.hex, 'hex')) : { sha256: out.sha256 };
  throw new CommandFailure(`${json(step)}: read ${json(actual)}, expected ${json(dataOf(want))}`, [{ actual: { ...step, expect: actual }, expected: { ...step, expect: dataOf(want) } }], true);
}

export class CreateCommand extends MgCommand {
  constructor(readonly spec: MgCreateSpec) {
    super();
  }

  /** While one runs, only one creation in two is tried (refused INVALID_STATE). */
  override check(m: Readonly<MgModel>): boolean {
    return m.created < MAX_MIGRATIONS && (m.mig === null || this.spec.start % 2 === 0);
  }

  protected apply(m: MgModel, r: TraceRun): void {
    const id = `M${m.created + 1}`;
    const extents = m.resolveCreate(this.spec);
    const step: Step = { op: 'pairCreate', id, kind: 'migration', source: SRC_KEY, target: TGT_KEY, extents };
    if (request(m, r, step, m.expectCreate(extents), !this.setup) === 'ok') m.applyCreate(id, extents);
  }

  toString(): string {
    const s = this.spec;
    return `pairCreate(migration ${s.start}+${s.len1}${s.len2 ? ` gap ${s.gap} +${s.len2}` : ''}${s.beyond ? ' beyond' : ''})`;
  }
}

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

export class StepCommand extends MgCommand {
  constructor(readonly units: number) {
    super();
  }

  override check(m: Readonly<MgModel>): boolean {
    return m.mig !== null || this.units === 2;
  }

  protected apply(m: MgModel, r: TraceRun): void {
    const id = m.pairId;
    const allowed = m.expectStep(id);
    const out = exec(r, { op: 'step', pair: id, tracks: this.units }, allowed);
    bump(m.reached, out.ok ? `accepted:step:${m.state(id)}` : `refused:step:${out.error!.code}`);
    if (!out.ok) return;
    const advanced = m.state(id) === 'migrating' ? m.applyStep(this.units) : 0;
    if (out.advanced !== advanced) throw new CommandFailure(`step: advanced ${String(out.advanced)}, expected ${advanced}`, [], false);
  }

  toString(): string {
    return `step(${this.units})`;
  }
}

export class SettleCommand extends MgCommand {
  protected apply(m: MgModel, r: TraceRun): void {
    exec(r, { op: 'settle' }, ['ok']);
    m.applySettle();
  }

  toString(): string {
    return 'settle';
  }
}

export class LinkCommand extends MgCommand {
  constructor(readonly up: boolean) {
    super();
  }

  override check(m: Readonly<MgModel>): boolean {
    return m.linkUp !== this.up;
  }

  protected apply(m: MgModel, r: TraceRun): void {
    request(m, r, { op: this.up ? 'linkUp' : 'linkDown', between: [O, N] }, ['ok']);
    m.linkUp = this.up;
  }

  toString(): string {
    return this.up ? 'linkUp' : 'linkDown';
  }
}

export class FailOldCommand extends MgCommand {
  /** While a migration runs (MG-R-1's refusals), or after one completed (MG-INV-2: nothing changes). */
  override check(m: Readonly<MgModel>): boolean {
    return m.mig !== null || m.completed.length > 0;
  }

  protected apply(m: MgModel, r: TraceRun): void {
    if (request(m, r, { op: 'systemFail', system: O }, m.oFailed ? ['SYSTEM_FAILED'] : ['ok']) !== 'ok') return;
    m.oFailed = true;
    bump(m.reached, m.mig ? 'oldFailedWhileMigrating' : 'oldFailedAfterCompletion');
  }

  toString(): string {
    return `systemFail(${O})`;
  }
}

export class DeviceCommand extends MgCommand {
  constructor(
    readonly replace: boolean,
    readonly system: 'O' | 'N',
    readonly device: number,
  ) {
    super();
  }

  override check(m: Readonly<MgModel>): boolean {
    return this.replace || m.canFail(this.system, this.device);
  }

  protected apply(m: MgModel, r: TraceRun): void {
    const h = m.health[this.system]!;
    const down = this.system === O && m.oFailed;
    if (!this.replace) {
      const d = this.device % h.length;
      if (request(m, r, { op: 'deviceFail', system: this.system, raidGroup: 'RG', device: d }, down ? ['SYSTEM_FAILED'] : ['ok']) === 'ok') h[d] = 'failed';
      return;
    }
    const failedAt = h.map((x, i) => (x === 'failed' ? i : -1)).filter((i) => i >= 0);
    const d = failedAt.length > 0 ? failedAt[this.device % failedAt.length]! : this.device % h.length;
    const allowed: Outcome[] = down ? ['SYSTEM_FAILED'] : h[d] === 'failed' ? ['ok'] : ['INVALID_STATE'];
    if (request(m, r, { op: 'deviceReplace', system: this.system, raidGroup: 'RG', device: d }, allowed) === 'ok') h[d] = 'rebuilding';
  }

  toString(): string {
    return `${this.replace ? 'deviceReplace' : 'deviceFail'}(${this.system}, ${this.device})`;
  }
}

export class DeleteCommand extends MgCommand {
  protected apply(m: MgModel, r: TraceRun): void {
    const id = m.pairId;
    const state = m.state(id);
    if (request(m, r, { op: 'pairDelete', pair: id }, state === 'none' ? ['NOT_FOUND'] : ['ok']) !== 'ok') return;
    m.applyDelete(id);
    bump(m.reached, `deleted:${state}`);
  }

  toString(): string {
    return 'pairDelete';
  }
}

export class StatusCommand extends MgCommand {
  protected apply(m: MgModel, r: TraceRun): void {
    const id = m.pairId;
    const state = m.state(id);
    const out = exec(r, { op: 'status', pair: id }, state === 'none' ? ['NOT_FOUND'] : ['ok']);
    if (out.ok && out.state !== state) throw new CommandFailure(`status: ${String(out.state)}, expected ${state}`, [{ actual: STATUS(id, { state: out.state }), expected: STATUS(id, { state }) }], true);
  }

  toString(): string {
    return 'status';
  }
}

export class CheckCommand extends MgCommand {
  protected apply(_m: MgModel, r: TraceRun): void {
    exec(r, { op: 'check' }, ['ok']);
  }

  toString(): string {
    return 'check';
  }
}

// ---------------------------------------------------------------------------
// Running a scenario

export function runMgScenario(s: MgScenario, cmds: Iterable<fc.Command<MgModel, TraceRun>>, o: MgOptions = {}): { model: MgModel; real: TraceRun } {
  const model = new MgModel(s, o);
  const real = new TraceRun(o.variant ?? 'corrected');
  try {
    for (const step of mgSetupSteps(s)) exec(real, step, ['ok']);
  } catch (e) {
    throw withTrace(e, real);
  }
  for (const w of s.srcWrites) model.src.fill(w.fill, w.track * s.trackBytes, (w.track + w.tracks) * s.trackBytes);
  for (const w of s.tgtWrites) {
    model.own.fill(w.fill, w.track * s.trackBytes, (w.track + w.tracks) * s.trackBytes);
    model.view.fill(w.fill, w.track * s.trackBytes, (w.track + w.tracks) * s.trackBytes);
  }
  const create = new CreateCommand(s.first);
  create.setup = true;
  create.run(model, real);
  bump(o.reached, 'runs');
  fc.modelRun(() => ({ model, real }), cmds);
  // CHK-1: once more in full, so that a change no scoped comparison looked at is still seen.
  try {
    real.ctx.changes.take();
    verifyMg(model, real, FULL);
  } catch (e) {
    throw withTrace(e, real);
  }
  return { model, real };
}

// ---------------------------------------------------------------------------
// Generators

export interface MgWeights {
  readonly create: number;
  readonly writeTarget: number;
  readonly readTarget: number;
  readonly sourceIo: number;
  readonly step: number;
  readonly settle: number;
  readonly link: number;
  readonly failOld: number;
  readonly device: number;
  readonly delete: number;
  readonly status: number;
  readonly check: number;
}

export const DEFAULT_MG_WEIGHTS: MgWeights = {
  create: 8, writeTarget: 35, readTarget: 20, sourceIo: 3, step: 12, settle: 2, link: 4, failOld: 1, device: 3, delete: 2, status: 2, check: 2,
};

export interface MgScenarioOptions {
  readonly weights?: MgWeights;
  readonly size?: fc.SizeForArbitrary;
  readonly maxCommands?: number;
  /** Share of scenarios with 64 KiB tracks (default 0.02). */
  readonly bigTracks?: number;
  readonly replayPath?: string;
}

const LEVELS: readonly { level: Level; devices: number }[] = [
  { level: 'raid1', devices: 2 }, { level: 'raid5', devices: 3 }, { level: 'raid5', devices: 4 }, { level: 'raid6', devices: 4 }, { level: 'raid6', devices: 5 },
];

export function mgCreateSpecArb(): fc.Arbitrary<MgCreateSpec> {
  return fc
    .record({
      start: fc.nat({ max: 63 }),
      len1: fc.oneof({ weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 3, arbitrary: fc.integer({ min: 4, max: 16 }) }, { weight: 1, arbitrary: fc.integer({ min: 17, max: 32 }) }),
      gap: fc.integer({ min: 0, max: 3 }),
      len2: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 }) }),
      beyond: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    })
    .map((x): MgCreateSpec => x);
}

export function mgScenarioArb(o: MgScenarioOptions = {}): fc.Arbitrary<MgScenario> {
  return fc
    .record({
      designO: fc.constantFrom('ldev' as const, 'group' as const),
      designN: fc.constantFrom('ldev' as const, 'group' as const),
      o: fc.constantFrom(...LEVELS),
      n: fc.constantFrom(...LEVELS),
      big: fc.nat({ max: 99 }).map((x) => x >= 100 - (o.bigTracks ?? 0.02) * 100), // shrinks to 4 KiB tracks
      srcTracks: fc.oneof({ weight: 3, arbitrary: fc.constant(12) }, { weight: 1, arbitrary: fc.integer({ min: 13, max: 20 }) }),
      extra: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -4, max: 2 }) }),
      ldevO: fc.constantFrom(16384, 32768, 65536),
      ldevN: fc.constantFrom(16384, 32768, 65536),
      tables: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(1) }),
      first: mgCreateSpecArb().map((c) => ({ ...c, beyond: false })),
    })
    .chain((b) => {
      const trackBytes = b.big ? 65536 : 4096;
      const srcTracks = b.big ? 8 : b.srcTracks;
      const tgtTracks = Math.max(b.big ? 8 : 12, srcTracks + b.extra);
      const writes = (tracks: number) =>
        fc.array(
          fc.tuple(fc.nat({ max: 63 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 255 })).map(([t, n, fill]): MgWriteSpec => {
            const track = t % tracks;
            return { track, tracks: Math.min(n, tracks - track), fill };
          }),
          { minLength: 1, maxLength: 5 },
        );
      return fc.tuple(writes(srcTracks), writes(tgtTracks)).map(([srcWrites, tgtWrites]): MgScenario => ({
        designO: b.designO, designN: b.designN, levelO: b.o.level, devicesO: b.o.devices, levelN: b.n.level, devicesN: b.n.devices,
        ldevBytesO: Math.min(b.ldevO, srcTracks * trackBytes), ldevBytesN: Math.min(b.ldevN, tgtTracks * trackBytes), trackBytes,
        srcTracks, tgtTracks, pairTables: b.tables, srcWrites, tgtWrites, first: b.first,
      }));
    });
}

function mgTargetArb(): fc.Arbitrary<MgTarget> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.nat({ max: 63 }).map((t): MgTarget => ({ kind: 'track', t })) },
    { weight: 5, arbitrary: fc.integer({ min: -1, max: 2 }).map((d): MgTarget => ({ kind: 'pointer', d })) },
    { weight: 5, arbitrary: fc.nat({ max: 31 }).map((k): MgTarget => ({ kind: 'pending', k })) },
    { weight: 2, arbitrary: fc.tuple(fc.nat({ max: 1 }), fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const)).map(([ext, which]): MgTarget => ({ kind: 'edge', ext, which })) },
  );
}

export function mgCommandArb(s: MgScenario, o: MgScenarioOptions = {}): fc.Arbitrary<MgCommand> {
  const w = o.weights ?? DEFAULT_MG_WEIGHTS;
  const fill = fc.integer({ min: 1, max: 255 });
  const options: fc.WeightedArbitrary<MgCommand>[] = [
    { weight: w.create, arbitrary: mgCreateSpecArb().map((c) => new CreateCommand(c)) },
    { weight: w.writeTarget, arbitrary: fc.tuple(mgTargetArb(), shapeArb(s.trackBytes), fill).map(([t, sh, f]) => new WriteTargetCommand(t, sh, f)) },
    { weight: w.readTarget, arbitrary: fc.tuple(mgTargetArb(), shapeArb(s.trackBytes)).map(([t, sh]) => new ReadTargetCommand(t, sh)) },
    { weight: w.sourceIo, arbitrary: fc.tuple(fc.boolean(), fc.nat({ max: 63 }), shapeArb(s.trackBytes), fill).map(([wr, t, sh, f]) => new SourceIoCommand(wr, t, sh, f)) },
    {
      weight: w.step,
      arbitrary: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.constant(1000) }).map((n) => new StepCommand(n)),
    },
    { weight: w.settle, arbitrary: fc.constant(null).map(() => new SettleCommand()) },
    { weight: w.link, arbitrary: fc.constant(null).map(() => new LinkCommand(false)) },
    { weight: 2 * w.link, arbitrary: fc.constant(null).map(() => new LinkCommand(true)) },
    { weight: w.failOld, arbitrary: fc.constant(null).map(() => new FailOldCommand()) },
    {
      weight: w.device,
      arbitrary: fc.tuple(fc.boolean(), fc.constantFrom('O' as const, 'N' as const), fc.nat({ max: 4 })).map(([rep, sys, d]) => new DeviceCommand(rep, sys, d)),
    },
    { weight: w.delete, arbitrary: fc.constant(null).map(() => new DeleteCommand()) },
    { weight: w.status, arbitrary: fc.constant(null).map(() => new StatusCommand()) },
    { weight: w.check, arbitrary: fc.constant(null).map(() => new CheckCommand()) },
  ];
  return fc.oneof(...options.filter((x) => x.weight > 0));
}

export type MgRun = [MgScenario, Iterable<fc.Command<MgModel, TraceRun>>];

export function mgRunArb(o: MgScenarioOptions = {}): fc.Arbitrary<MgRun> {
  return mgScenarioArb(o).chain((s) =>
    fc
      .commands([mgCommandArb(s, o)], { size: o.size ?? 'large', maxCommands: o.maxCommands ?? 140, ...(o.replayPath ? { replayPath: o.replayPath } : {}) })
      .map((cmds): MgRun => [s, cmds]),
  );
}

export interface MgPropertyOptions extends MgScenarioOptions, MgOptions {}

export function mgProperty(o: MgPropertyOptions = {}): fc.IPropertyWithHooks<[MgRun]> {
  return fc.property(mgRunArb(o), ([s, cmds]) => {
    runMgScenario(s, cmds, o);
  });
}

export const DEFAULT_MG_RUNS = 200;

export function mgDefinition(id: string, title: string, opts: MgPropertyOptions, numRuns = DEFAULT_MG_RUNS, witnesses: readonly string[] = []): PropertyDefinition {
  return {
    id,
    title,
    numRuns,
    witnesses,
    property: () => mgProperty(opts),
    instrumented: (reached: Counters) => mgProperty({ ...opts, reached }),
  };
}

