import { copyRange, tracksUnwrittenOnBoth } from '../volume/copy-range.ts';
import { type Actor, createActor } from 'xstate';
import { transitionInspector } from '../../machines/inspection.ts';
import { type LocalPairEvent, type LocalPairState, localPairMachine } from '../../machines/local-pair.machine.ts';
import { DifferenceBitmap } from '../bitmap/difference-bitmap.ts';
import { fail, isModelError } from '../errors.ts';
import type { LogicalVolume } from '../volume/logical-volume.ts';
import { CopyProcess, type CopyKind } from './copy-process.ts';
import { type Extent, sameExtent, withoutRepeats } from './extents.ts';
import type { BitmapName, PairView } from './pair-view.ts';

export type Variant = 'literal' | 'corrected';

/**
 * An in-system copy pair: its pair information (Figs. 14, 24, 32), its machine, and its
 * running copy processes (spec/local-copy.md). Requests check the machine first, so a
 * refused request changes nothing (LC-R-0).
 */
export class LocalPair implements PairView {
  readonly bits: Record<BitmapName, DifferenceBitmap>;
  updateExtents: Extent[] = [];
  dividedExtents: Extent[] = [];
  /** BK-N-2: how many requests have re-formed the copy's image (a backup's notification names one). */
  formations = 0;
  readonly processes: CopyProcess[] = [];
  /** LC-F-1: what suspended the pair by error (the copy volume's storage). */
  suspendReason: 'storage' | null = null;
  /** CG-G-1: the consistency group the pair belongs to, if any. */
  group: string | null = null;
  /** Set by `copyTrack` when the copy volume's storage refused the track (LC-F-1). */
  private copyLost = false;
  private readonly actor: Actor<typeof localPairMachine>;

  constructor(
    readonly id: string,
    readonly original: LogicalVolume,
    readonly copy: LogicalVolume,
    readonly area: readonly Extent[] | null,
    readonly variant: Variant,
  ) {
    const tracks = original.tracks;
    this.bits = { gen: new DifferenceBitmap(tracks), div: new DifferenceBitmap(tracks), upd: new DifferenceBitmap(tracks) };
    this.actor = createActor(localPairMachine, { input: { wholeVolume: area === null, variant }, inspect: transitionInspector(id) }).start();
    // LC-G-1, LC-G-2 (steps 1600, 2600, 3400): gen all ones over the pair's area; the generation copy starts.
    for (const [a, b] of this.areaRanges()) this.bits.gen.setRange(a, b);
    this.start('generation', this.areaRanges(), 'gen', 'gen');
  }

  get machineState(): LocalPairState {
    return this.actor.getSnapshot().value as LocalPairState;
  }

  /** The machine state, as routing reads it (PairView; the seed's codes are in spec/glossary.md). */
  get state(): LocalPairState {
    return this.machineState;
  }

  /** Whether the machine accepts `event` now (LC-R-0). */
  accepts(event: LocalPairEvent): boolean {
    return this.actor.getSnapshot().can(event);
  }

  requireAccepts(event: LocalPairEvent, request: string): void {
    if (!this.accepts(event)) fail('INVALID_STATE', `pair ${this.id} is ${this.machineState}; ${request} is not accepted`);
  }

  /** LC-R-1, LC-R-2 (Figs. 17, 27). */
  divide(extents?: readonly Extent[]): void {
    if (extents !== undefined) this.requireOwnExtents(extents);
    this.requireAccepts({ type: 'PAIR_DIVIDE' }, 'pair division');
    const generating = this.machineState === 'generating';
    this.actor.send({ type: 'PAIR_DIVIDE' });
    this.formations++;
    if (generating && this.variant === 'corrected') this.stop('generation'); // LC-R-2
    this.start('division', this.areaRanges(), 'gen', 'gen');
  }

  /** LC-R-3 (Fig. 18). */
  extentUpdate(extents: readonly Extent[]): void {
    this.requireAccepts({ type: 'EXTENT_UPDATE' }, 'extent update');
    if (this.variant === 'corrected') this.refuseOverlap(extents);
    this.actor.send({ type: 'EXTENT_UPDATE' });
    this.formations++;
    for (const e of extents) {
      this.updateExtents.push(e);
      this.start('extentUpdate', [e], 'div', 'div');
    }
  }

  /** LC-R-4 (Fig. 35). */
  extentDivide(extents: readonly Extent[]): void {
    this.requireAccepts({ type: 'EXTENT_DIVIDE' }, 'extent division');
    this.actor.send({ type: 'EXTENT_DIVIDE' });
    this.formations++;
    this.dividedExtents = [...extents];
    this.start('extentDivision', extents, 'gen', 'gen');
  }

  /** LC-R-5 (Fig. 36); LC-E-4 literally clears the generation bit. */
  extentCouple(): void {
    this.requireAccepts({ type: 'EXTENT_COUPLE' }, 'extent couple');
    this.actor.send({ type: 'EXTENT_COUPLE' });
    this.formations++;
    this.start('extentCouple', this.dividedExtents, 'div', this.variant === 'literal' ? 'gen' : 'div');
  }

  /**
   * LC-F-1: the copy volume's storage lost data a copy needs: every process stops, the extent
   * information is released; from now on writes are recorded and nothing is copied.
   */
  suspendByError(): void {
    if (!this.accepts({ type: 'COPY_STORAGE_LOST' })) return;
    this.actor.send({ type: 'COPY_STORAGE_LOST' });
    this.processes.length = 0;
    this.updateExtents = [];
    this.dividedExtents = [];
    this.suspendReason = 'storage';
  }

  /** LC-F-2: the whole area is copied again by a generation copy (LC-G-1). */
  resync(): void {
    this.requireAccepts({ type: 'PAIR_RESYNC' }, 'resynchronisation');
    this.actor.send({ type: 'PAIR_RESYNC' });
    this.formations++;
    this.suspendReason = null;
    for (const [a, b] of this.areaRanges()) this.bits.gen.setRange(a, b);
    this.start('generation', this.areaRanges(), 'gen', 'gen');
  }

  /** LC-R-6: stops every process; the caller returns the tables. */
  delete(): void {
    this.processes.length = 0;
    this.actor.send({ type: 'PAIR_DELETE' });
  }

  get running(): boolean {
    return this.processes.length > 0;
  }

  /** Advances the oldest running copy process by up to `units` tracks examined. */
  step(units: number): number {
    const process = this.processes[0];
    if (!process) return 0;
    const before = process.examined;
    this.copyLost = false;
    try {
      process.step(units);
    } catch (e) {
      if (!this.copyLost) throw e;
      this.suspendByError(); // LC-F-1: the track stays set
      return process.examined - before;
    }
    if (process.done) this.finish(process);
    return process.examined - before;
  }

  /** Copies one track original → copy (the seed's fetch into cache and copy, e.g. steps 2002–2003). */
  copyTrack(track: number): void {
    const { offset, length } = this.original.trackRange(track);
    try {
      this.copy.checkAccess(offset, length);
    } catch (e) {
      if (isModelError(e) && e.code === 'DATA_LOSS') this.copyLost = true;
      throw e;
    }
    copyRange(this.original, this.copy, offset, length); // LIM-8
  }

  private areaRanges(): Extent[] {
    return this.area ? [...this.area] : [[0, this.original.tracks - 1]];
  }

  /** LC-R-7: an extent under update is not updated again (or overlapped) until its copy ends. */
  private refuseOverlap(extents: readonly Extent[]): void {
    const all = [...this.updateExtents];
    for (const e of extents) {
      const clash = all.find(([a, b]) => e[0] <= b && a <= e[1]);
      if (clash) fail('INVALID_STATE', `pair ${this.id}: extent [${e.join(', ')}] overlaps extent [${clash.join(', ')}], whose update is still running`);
      all.push(e);
    }
  }

  private requireOwnExtents(extents: readonly Extent[]): void {
    if (this.area === null) fail('INVALID_ARGUMENT', `pair ${this.id} covers the whole volume; divide it without extents`);
    const all = extents.length === this.area.length && extents.every((e) => this.area!.some((x) => sameExtent(x, e)));
    if (all) return;
    fail('INVALID_ARGUMENT', `pair ${this.id} is divided as a whole: name all of its extents ${JSON.stringify(this.area)} (or none), not ${JSON.stringify(extents)}`);
  }

  private start(kind: CopyKind, ranges: readonly Extent[], scan: BitmapName, clear: BitmapName): void {
    const unwritten = (first: number, last: number) => tracksUnwrittenOnBoth(this.original, this.copy, first, last); // LIM-8
    this.processes.push(new CopyProcess(kind, withoutRepeats(ranges), this.bits[scan], this.bits[clear], (t) => this.copyTrack(t), unwritten)); // LIM-5
  }

  private stop(kind: CopyKind): void {
    const i = this.processes.findIndex((p) => p.kind === kind);
    if (i >= 0) this.processes.splice(i, 1);
  }

  /** LC-C-1..LC-C-5: the end of a copy loop. */
  private finish(process: CopyProcess): void {
    this.processes.splice(this.processes.indexOf(process), 1);
    switch (process.kind) {
      case 'generation': return void this.actor.send({ type: 'GENERATION_COPY_DONE' });
      case 'division': return void this.actor.send({ type: this.divisionEnd(process) });
      case 'extentDivision': return void this.actor.send({ type: 'EXTENT_DIVISION_COPY_DONE' });
      case 'extentCouple':
        if (this.variant === 'corrected') this.dividedExtents = [];
        return void this.actor.send({ type: 'EXTENT_COUPLE_COPY_DONE' });
      case 'extentUpdate': return this.finishExtentUpdate(process.ranges[0]!);
    }
  }

  /**
   * Fig. 21 step 2106 literally "goes to step 2001" (LC-E-2): after its first track the
   * whole-volume division loop runs as the generation loop and ends with step 2007.
   */
  private divisionEnd(process: CopyProcess): 'DIVISION_COPY_DONE' | 'GENERATION_COPY_DONE' {
    const literalJump = this.variant === 'literal' && this.area === null && process.total > 1;
    return literalJump ? 'GENERATION_COPY_DONE' : 'DIVISION_COPY_DONE';
  }

  /** Fig. 22 step 2207: `div` over the extent := `upd`; the extent information is released. */
  private finishExtentUpdate([a, b]: Extent): void {
    this.bits.div.clearRange(a, b);
    for (let t = this.bits.upd.nextSetIn(a, b); t >= 0; t = this.bits.upd.nextSetIn(t + 1, b)) this.bits.div.set(t);
    const i = this.updateExtents.findIndex((e) => e[0] === a && e[1] === b);
    if (i >= 0) this.updateExtents.splice(i, 1);
    const remaining = this.processes.filter((p) => p.kind === 'extentUpdate').length;
    this.actor.send({ type: 'EXTENT_UPDATE_COPY_DONE', remaining });
  }
}
