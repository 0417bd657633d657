/** The relocation harness's requests: relocate, step, settle (properties/pl/pl-model.ts). */
import fc from 'fast-check';
import { type StepOutcome } from '../../src/trace/runner.ts';
import { type Shape } from '../rc/rc-area.ts';
import { exec, json, type Outcome, CommandFailure, type Step, TraceRun } from '../rc/rc-trace.ts';
import { bump } from '../harness/support.ts';
import { SYSTEM } from './pl-vocabulary.ts';
import { PlModel, type RefVolume } from './pl-reference.ts';
import { verifyPl } from './pl-verify.ts';
import { traced } from '../harness/trace-failure.ts';

// Commands

export abstract class PlCommand implements fc.Command<PlModel, TraceRun> {
  setup = false;

  check(_m: Readonly<PlModel>): boolean {
    return true;
  }

  run(m: PlModel, r: TraceRun): void {
    traced(r, () => {
      this.apply(m, r);
      verifyPl(m, r, r.ctx.changes.take());
    });
    const reached = m.reached;
    if (!reached || this.setup) return;
    bump(reached, 'commands');
    if (m.anyRunning()) bump(reached, 'state:relocating');
    if (m.anyRunning() && m.pair) bump(reached, 'pairWhileRelocating');
  }

  protected abstract apply(m: PlModel, r: TraceRun): void;
  abstract toString(): string;
}

export function outcomeOf(out: StepOutcome): Outcome {
  return out.ok ? 'ok' : (out.error!.code as Outcome);
}

export function request(m: PlModel, r: TraceRun, step: Step, allowed: readonly Outcome[]): StepOutcome {
  const out = exec(r, step, allowed);
  bump(m.reached, out.ok ? `accepted:${step.op}` : `refused:${step.op}:${out.error!.code}`);
  return out;
}

export function volumeOf(m: Readonly<PlModel>, k: number): number {
  return k % m.volumes.length;
}

export function processOf(v: RefVolume): string {
  return `relocate:${SYSTEM}:${v.id}`;
}

/** The tracks of a relocation, resolved against the volume when it runs. */
export type PlTracks =
  | { readonly kind: 'entries'; readonly i: number; readonly n: number }
  | { readonly kind: 'edge'; readonly i: number; readonly before: number; readonly after: number }
  | { readonly kind: 'whole' }
  | { readonly kind: 'range'; readonly a: number; readonly len: number }
  | { readonly kind: 'bad'; readonly which: 'reversed' | 'beyond' };

export function resolveTracks(m: Readonly<PlModel>, v: RefVolume, spec: PlTracks): [number, number] {
  const entries = v.ldevs.length;
  const clamp = (t: number) => Math.max(0, Math.min(v.tracks - 1, t));
  switch (spec.kind) {
    case 'entries': {
      const i = spec.i % entries;
      const last = Math.min(entries - 1, i + spec.n - 1);
      return [m.trackOf(i * m.L), m.trackOf(Math.min((last + 1) * m.L, v.bytes) - 1)];
    }
    case 'edge': {
      const boundary = m.trackOf((1 + (spec.i % (entries - 1))) * m.L); // the track holding an entry's first byte
      return [clamp(boundary - spec.before), clamp(boundary + spec.after)];
    }
    case 'whole': return [0, v.tracks - 1];
    case 'range': {
      const a = spec.a % v.tracks;
      return [a, clamp(a + spec.len)];
    }
    case 'bad': return spec.which === 'reversed' ? [1, 0] : [0, v.tracks];
  }
}

export function describeTracks(spec: PlTracks): string {
  switch (spec.kind) {
    case 'entries': return `LDEVs ${spec.i}+${spec.n}`;
    case 'edge': return `edge ${spec.i} -${spec.before}+${spec.after}`;
    case 'whole': return 'whole';
    case 'range': return `tracks ${spec.a}+${spec.len}`;
    case 'bad': return spec.which;
  }
}

/**
 * The destination of a relocation: mostly another group than the first touched entry's (so
 * something moves), sometimes any group (often nothing to move), rarely an unknown one.
 */
export type PlGroupPick = { readonly kind: 'other' | 'any'; readonly k: number } | { readonly kind: 'unknown' };

export function resolveGroup(m: Readonly<PlModel>, v: RefVolume, a: number, pick: PlGroupPick): number | null {
  if (pick.kind === 'unknown') return null;
  const G = m.groupIds.length;
  if (pick.kind === 'any') return pick.k % G;
  const entry = Math.min(v.ldevs.length - 1, Math.max(0, Math.floor((a * m.T) / m.L)));
  const here = m.ldevGroup[v.ldevs[entry]!]!;
  const others = m.groupIds.map((_, g) => g).filter((g) => g !== here);
  return others[pick.k % others.length]!;
}

export function describeGroup(pick: PlGroupPick): string {
  return pick.kind === 'unknown' ? 'unknown group' : `${pick.kind} group #${pick.k}`;
}

export class RelocateCommand extends PlCommand {
  constructor(
    readonly volume: number,
    readonly tracks: PlTracks,
    readonly group: PlGroupPick,
  ) {
    super();
  }

  /** While a relocation runs, only one request in three is tried (refused INVALID_STATE). */
  override check(m: Readonly<PlModel>): boolean {
    const v = m.volumes[volumeOf(m, this.volume)]!;
    return !m.running(v) || this.volume % 3 === 0;
  }

  protected apply(m: PlModel, r: TraceRun): void {
    const v = m.volumes[volumeOf(m, this.volume)]!;
    const [a, b] = resolveTracks(m, v, this.tracks);
    const g = resolveGroup(m, v, a, this.group);
    const { allowed, moves } = m.expectRelocate(v, a, b, g);
    const step: Step = { op: 'relocate', system: SYSTEM, volume: v.id, tracks: [a, b], raidGroup: g === null ? 'NOGROUP' : m.groupIds[g]! };
    const out = request(m, r, step, allowed);
    if (!out.ok) return;
    const rel = m.applyRelocate(v, g!, moves);
    const wantMoved = (rel?.moves ?? []).map((mv) => ({ ldev: mv.from, to: mv.to, first: m.entryRange(v, mv.index)[0], last: m.entryRange(v, mv.index)[1] }));
    if (json(out.moved) !== json(wantMoved)) throw new CommandFailure(`relocate: moved ${json(out.moved)}, expected ${json(wantMoved)}`, [], false);
    if (!rel) {
      bump(m.reached, 'nothingToMove');
      return;
    }
    if (out.pointer !== rel.pointer) throw new CommandFailure(`relocate: pointer ${String(out.pointer)}, expected ${rel.pointer}`, [], false);
    bump(m.reached, 'relocationsStarted');
    bump(m.reached, `relocatedFrom:${m.levels[m.ldevGroup[rel.moves[0]!.from]!]}->${m.levels[g!]}`);
    if (rel.moves.length > 1) bump(m.reached, 'relocations:severalEntries');
    if (rel.moves.some((mv, i) => i > 0 && mv.index !== rel.moves[i - 1]!.index + 1)) bump(m.reached, 'relocations:gap');
    if (rel.moves.some((mv) => (mv.index * m.L) % m.T !== 0)) bump(m.reached, 'relocations:entryStartsMidTrack');
    if (m.pair !== null) bump(m.reached, 'relocations:ofPairVolume');
    if (m.degraded(rel.group) || m.degraded(m.ldevGroup[rel.moves[0]!.from]!)) bump(m.reached, 'relocations:degradedGroup');
  }

  toString(): string {
    return `relocate(V${this.volume}, ${describeTracks(this.tracks)}, ${describeGroup(this.group)})`;
  }
}

export class StepCommand extends PlCommand {
  constructor(
    readonly volume: number,
    readonly units: number,
  ) {
    super();
  }

  override check(m: Readonly<PlModel>): boolean {
    // Rarely a step with nothing to copy (a finished relocation: advanced 0; none ever: NOT_FOUND).
    return m.running(m.volumes[volumeOf(m, this.volume)]!) !== null || (this.units === 2 && this.volume % 3 === 0);
  }

  protected apply(m: PlModel, r: TraceRun): void {
    const v = m.volumes[volumeOf(m, this.volume)]!;
    const step: Step = { op: 'step', process: processOf(v), tracks: this.units };
    const out = request(m, r, step, v.relocation ? ['ok'] : ['NOT_FOUND']);
    if (!out.ok) return;
    const rel = v.relocation!;
    const was = rel.done;
    const advanced = m.applyStep(v, this.units);
    if (out.advanced !== advanced) throw new CommandFailure(`step: advanced ${String(out.advanced)}, expected ${advanced}`, [], false);
    if (out.done !== rel.done) throw new CommandFailure(`step: done ${String(out.done)}, expected ${rel.done}`, [], false);
    if (!was && out.pointer !== rel.pointer) throw new CommandFailure(`step: pointer ${String(out.pointer)}, expected ${rel.pointer}`, [], false);
    if (!was && rel.done) bump(m.reached, 'completedBy:step');
    if (was) bump(m.reached, 'stepAfterCompletion');
  }

  toString(): string {
    return `step(V${this.volume}, ${this.units})`;
  }
}

export class SettleCommand extends PlCommand {
  protected apply(m: PlModel, r: TraceRun): void {
    const running = m.volumes.filter((v) => m.running(v)).length;
    const out = request(m, r, { op: 'settle' }, ['ok']);
    const stalled = (out.processes as Array<{ process: string; stalled?: unknown }>).filter((p) => p.stalled !== undefined);
    for (const p of stalled) bump(m.reached, p.process.startsWith('relocate:') ? 'relocationsStalled' : 'processesStalled');
    if (stalled.length > 0) throw new CommandFailure(`settle: ${json(stalled)} stalled, though every failure was survivable (PL-F-1)`, [], false);
    m.applySettle();
    bump(m.reached, 'completedBy:settle', running);
  }

  toString(): string {
    return 'settle';
  }
}

/** Where a host I/O lands, resolved against the volume (and its copy pointer) when it runs. */
export type PlTarget =
  | { readonly kind: 'pointer'; readonly d: number; readonly shape: Shape }
  | { readonly kind: 'uncopied'; readonly k: number; readonly shape: Shape }
  | { readonly kind: 'edge'; readonly i: number; readonly end: boolean; readonly before: number; readonly after: number }
  | { readonly kind: 'track'; readonly t: number; readonly shape: Shape };

/** The copy pointer as `volumeInfo` shows it (`relocation.pointer`), else null. */
