import { copyRange, tracksUnwrittenOnBoth } from '../volume/copy-range.ts';
import { type Actor, createActor } from 'xstate';
import { transitionInspector } from '../../machines/inspection.ts';
import { type MigrationPairEvent, type MigrationPairState, migrationPairMachine } from '../../machines/migration-pair.machine.ts';
import { DifferenceBitmap } from '../bitmap/difference-bitmap.ts';
import { type Area, areaEnd } from '../remote-copy/area.ts';
import { examineArea } from '../remote-copy/area-copy.ts';
import type { VolumeRef } from '../remote-copy/remote-pair.ts';

/**
 * A migratory copy: the new system's pair management table (Fig. 8 step 711; sixth
 * embodiment 830), its machine, the copy pointer and the area tracks not yet copied
 * (spec/migration.md). The old system keeps nothing.
 */
export class MigrationPair {
  /** Area tracks not yet copied (the seed's copy presence 302 still "MIGRATORY COPY PRESENT"). */
  readonly pending: DifferenceBitmap;
  pointer: number;
  private readonly actor: Actor<typeof migrationPairMachine>;

  constructor(
    readonly id: string,
    readonly source: VolumeRef,
    readonly target: VolumeRef,
    readonly area: Area,
  ) {
    this.pending = new DifferenceBitmap(target.volume.tracks);
    for (const [a, b] of area) this.pending.setRange(a, b);
    this.pointer = area[0]![0];
    this.actor = createActor(migrationPairMachine, { inspect: transitionInspector(this.id) }).start();
    this.actor.send({ type: 'PAIR_CREATE' }); // MG-G-1
  }

  get state(): MigrationPairState {
    return this.actor.getSnapshot().value as MigrationPairState;
  }

  get migrating(): boolean {
    return this.state === 'migrating';
  }

  send(event: MigrationPairEvent): void {
    this.actor.send(event);
  }

  get copyDone(): boolean {
    return this.pointer >= areaEnd(this.area);
  }

  /** MG-C-1: examines up to `units` tracks, pulling each pending one from the old system. */
  copyStep(units: number): number {
    return examineArea(this, this.pending, units, (t) => this.pull(t), (a, b) => tracksUnwrittenOnBoth(this.target.volume, this.source.volume, a, b)); // LIM-8
  }

  private pull(track: number): void {
    const { offset, length } = this.target.volume.trackRange(track);
    this.target.volume.checkAccess(offset, length);
    copyRange(this.source.volume, this.target.volume, offset, length); // LIM-8
  }

  progress(): Record<string, unknown> {
    return { pointer: this.pointer, pending: this.pending.count() };
  }
}
