import { type Actor, createActor } from 'xstate';
import { transitionInspector } from '../../machines/inspection.ts';
import { type RelocationState, relocationMachine } from '../../machines/relocation.machine.ts';
import type { StorageSystem } from '../system/storage-system.ts';
import type { Backing, Ldev } from '../volume/ldev-pool.ts';
import type { LogicalVolume, VolumeRedirect, VolumeTableEntry } from '../volume/logical-volume.ts';
import { mayHoldData } from '../volume/written-space.ts';

/** Tracks asked at once whether they read zero on every source and destination (LIM-8). */
const UNWRITTEN_RUN_TRACKS = 4096;

/** One moved table entry: the seed's copy presence 302 "COPY PRESENT" and destination 315. */
export interface Move {
  readonly index: number;
  readonly from: Ldev;
  readonly to: Ldev;
  done: boolean;
}

/**
 * An online rearrangement of some entries of one volume onto another RAID group
 * (spec/placement.md PL-R-1..PL-C-2): its machine, its moves and the copy pointer (a track
 * of the volume). It routes the volume's I/O while it runs (PL-W-1..PL-W-3).
 */
export class Relocation implements VolumeRedirect {
  /** The next track to copy (the seed's copy pointer 306). */
  pointer: number;
  private readonly byIndex = new Map<number, Move>();
  private readonly actor: Actor<typeof relocationMachine>;

  constructor(
    readonly system: StorageSystem,
    readonly volume: LogicalVolume,
    readonly moves: readonly Move[],
    readonly raidGroup: string,
    /** PL-S-1: told when an entry maps its destination, so its statistics follow it. */
    private readonly onEntryDone: (from: Ldev, to: Ldev) => void = () => {},
  ) {
    for (const mv of moves) this.byIndex.set(mv.index, mv);
    this.pointer = this.trackOf(this.entry(moves[0]!).first);
    this.actor = createActor(relocationMachine, { inspect: transitionInspector(`relocate:${system.id}:${volume.id}`) }).start();
    this.actor.send({ type: 'RELOCATE' }); // PL-R-2
    volume.redirect = this;
  }

  get state(): RelocationState {
    return this.actor.getSnapshot().value as RelocationState;
  }

  get done(): boolean {
    return this.state === 'simplex';
  }

  private entry(mv: Move): VolumeTableEntry {
    return this.volume.table[mv.index]!;
  }

  private trackOf(address: number): number {
    return Math.floor(address / this.volume.emulation.trackBytes);
  }

  /** PL-W-1, PL-W-2: below the copy pointer the destination holds the bytes, else the source. */
  route(entry: VolumeTableEntry, address: number): { ldev: Backing; last: number } | null {
    const mv = this.byIndex.get(entry.first / this.system.ldevBytes);
    if (!mv || mv.done || entry.ldev !== mv.from) return null;
    const boundary = this.pointer * this.volume.emulation.trackBytes;
    if (address < boundary) return { ldev: mv.to, last: Math.min(entry.last, boundary - 1) };
    return { ldev: mv.from, last: entry.last };
  }

  /** PL-C-1, PL-C-2: copies up to `units` tracks; a track that cannot be copied stops the step there. */
  step(units: number): number {
    let copied = 0;
    while (copied < units && !this.done) {
      const passed = this.passUnwritten(units - copied);
      if (passed > 0) {
        this.pointer = this.nextTrack(this.pointer + passed);
        copied += passed;
        this.finishPassed();
        continue;
      }
      try {
        this.copyTrack(this.pointer);
      } catch (e) {
        if (copied === 0) throw e;
        break;
      }
      this.pointer = this.nextTrack(this.pointer + 1);
      copied++;
      this.finishPassed();
    }
    return copied;
  }

  /**
   * LIM-8: tracks from the pointer, inside the entry it is in, that read zero on every source and
   * destination (zeros onto zeros): passed as the loop would pass them, without a copy. Returns
   * how many (0: copy the pointer's track).
   */
  private passUnwritten(most: number): number {
    const T = this.volume.emulation.trackBytes;
    const at = this.moves.find((mv) => !mv.done && this.entry(mv).first <= this.pointer * T && this.entry(mv).last >= this.pointer * T);
    if (!at) return 0;
    const last = Math.min(this.pointer + Math.min(most, UNWRITTEN_RUN_TRACKS) - 1, this.trackOf(this.entry(at).last));
    if (last <= this.pointer) return 0;
    const first = this.pointer * T;
    const end = (last + 1) * T - 1;
    const unwritten = this.moves.every((mv) => {
      if (mv.done) return true;
      const e = this.entry(mv);
      const a = Math.max(e.first, first);
      const b = Math.min(e.last, end);
      return a > b || (!mayHoldData(mv.from.group, mv.from.groupOffset + a - e.first, b - a + 1) && !mayHoldData(mv.to.group, mv.to.groupOffset + a - e.first, b - a + 1));
    });
    return unwritten ? last - this.pointer + 1 : 0;
  }

  /** The moved bytes of `track`, from each source LDEV to its destination; all checked first. */
  private copyTrack(track: number): void {
    const T = this.volume.emulation.trackBytes;
    const parts = this.moves.filter((mv) => !mv.done).flatMap((mv) => {
      const e = this.entry(mv);
      const a = Math.max(e.first, track * T);
      const b = Math.min(e.last, (track + 1) * T - 1);
      return a <= b ? [{ mv, at: a - e.first, length: b - a + 1 }] : [];
    });
    const bytes = parts.map((p) => p.mv.from.group.read(p.mv.from.groupOffset + p.at, p.length));
    for (const p of parts) p.mv.to.group.checkAccess(p.mv.to.groupOffset + p.at, p.length);
    parts.forEach((p, i) => p.mv.to.group.write(p.mv.to.groupOffset + p.at, bytes[i]!));
  }

  /** The first track at or after `track` that holds bytes of an entry still moving. */
  private nextTrack(track: number): number {
    const T = this.volume.emulation.trackBytes;
    for (const mv of this.moves) {
      if (mv.done) continue;
      const e = this.entry(mv);
      if (e.last >= track * T) return Math.max(track, this.trackOf(e.first));
    }
    return track;
  }

  /** PL-C-2: entries wholly below the pointer map their destination; the sources are freed. */
  private finishPassed(): void {
    const boundary = this.pointer * this.volume.emulation.trackBytes;
    for (const mv of this.moves) {
      if (mv.done || this.entry(mv).last >= boundary) continue;
      this.volume.rebind(mv.index, mv.to);
      mv.done = true;
      this.system.pool.release([mv.from]);
      this.onEntryDone(mv.from, mv.to);
      this.actor.send({ type: 'ENTRY_COPIED' });
    }
    if (this.moves.every((mv) => mv.done)) {
      this.volume.redirect = null;
      this.actor.send({ type: 'RELOCATION_COPY_DONE' });
    }
  }

  progress(): Record<string, unknown> {
    return {
      state: this.state,
      pointer: this.pointer,
      raidGroup: this.raidGroup,
      entries: this.moves.map((mv) => ({ ldev: mv.from.number, to: mv.to.number, done: mv.done })),
    };
  }
}
