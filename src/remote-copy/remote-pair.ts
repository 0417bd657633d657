import { copyRange, tracksUnwrittenOnBoth } from '../volume/copy-range.ts';
import { type Actor, createActor } from 'xstate';
import { transitionInspector } from '../../machines/inspection.ts';
import { type RemotePairEvent, type RemotePairState, remotePairMachine } from '../../machines/remote-pair.machine.ts';
import { DifferenceBitmap } from '../bitmap/difference-bitmap.ts';
import { fail, isModelError } from '../errors.ts';
import type { StorageSystem } from '../system/storage-system.ts';
import type { LogicalVolume } from '../volume/logical-volume.ts';
import { type Area, areaEnd } from './area.ts';
import { examineArea } from './area-copy.ts';
import type { TakeoverCopy } from './takeover-copy.ts';
import type { RemotePairView } from './write-routing.ts';

export type Fence = 'never' | 'data' | 'status';
export type SuspendReason = 'request' | 'link' | 'system' | 'storage' | 'group';

/** A volume with the system that holds it and its trace name. */
export interface VolumeRef {
  readonly system: StorageSystem;
  readonly volume: LogicalVolume;
  readonly key: string;
}

/**
 * A remote copy pair: its pair management table (Fig. 10, 830; Fig. 3, 306/307), its
 * machine, difference bitmap and copy pointer (spec/remote-copy.md). Requests check the
 * machine first, so a refused request changes nothing (RC-R-0).
 */
export class RemotePair implements RemotePairView {
  /** One bit per source track: set = the track must still be copied (RC-G-4, RC-W-4, RC-W-5). */
  readonly bits: DifferenceBitmap;
  pointer: number;
  suspendReason: SuspendReason | null = null;
  /** CG-G-1: the consistency group the pair belongs to, if any. */
  group: string | null = null;
  /** RC-T-3: the copy of volume A into B, while `takingOver`. */
  takeoverCopy: TakeoverCopy | null = null;
  /** RC-T-1: the pair whose takeover took this one over with it (a sibling), if any. */
  takenOverWith: string | null = null;
  /** RC-T-2, RC-T-3: the takeover extended the target to the source's capacity. */
  extended = false;
  private readonly actor: Actor<typeof remotePairMachine>;

  constructor(
    readonly id: string,
    readonly source: VolumeRef,
    readonly targetSystem: StorageSystem,
    public target: LogicalVolume,
    readonly area: Area,
    readonly fence: Fence,
    readonly allocate: 'extent' | 'full',
  ) {
    this.bits = new DifferenceBitmap(source.volume.tracks);
    for (const [a, b] of area) this.bits.setRange(a, b);
    this.pointer = area[0]![0];
    this.actor = createActor(remotePairMachine, { input: { fence }, inspect: transitionInspector(id) }).start();
    this.actor.send({ type: 'PAIR_CREATE' }); // RC-G-4
  }

  get state(): RemotePairState {
    return this.actor.getSnapshot().value as RemotePairState;
  }

  get consistent(): boolean {
    return this.actor.getSnapshot().context.consistent;
  }

  get targetKey(): string {
    return `${this.targetSystem.id}:${this.target.id}`;
  }

  isRecorded(track: number): boolean {
    return this.bits.get(track);
  }

  accepts(event: RemotePairEvent): boolean {
    return this.actor.getSnapshot().can(event);
  }

  /** RC-R-0: refuses with INVALID_STATE, changing nothing, when the machine does not accept `event`. */
  require(event: RemotePairEvent, request: string): void {
    if (!this.accepts(event)) fail('INVALID_STATE', `pair ${this.id} is ${this.state}; ${request} is not accepted`);
  }

  send(event: RemotePairEvent): void {
    this.actor.send(event);
  }

  /**
   * RC-R-2: the copy starts again from the area's first track, over the recorded tracks only;
   * after a suspension by error (RC-F-3) over the whole area, since the target lost data.
   */
  restartCopy(): void {
    if (this.suspendReason === 'storage') for (const [a, b] of this.area) this.bits.setRange(a, b);
    this.pointer = this.area[0]![0];
    this.suspendReason = null;
  }

  /** RC-F-3: the target's storage lost data a transfer or the copy needs (CCI PSUE). */
  suspendByError(): void {
    if (!this.accepts({ type: 'TARGET_STORAGE_LOST' })) return;
    this.send({ type: 'TARGET_STORAGE_LOST' });
    this.suspendReason = 'storage';
  }

  /** CG-R-1: a member of a consistency group, live or suspended (a pair taken over has left it). */
  get inGroup(): boolean {
    return this.group !== null && this.state !== 'takingOver' && this.state !== 'takenOver';
  }

  /** CG-F-1: live (copying or duplex) and suspended (by request, fault or error). */
  get live(): boolean {
    return this.state === 'copying' || this.state === 'duplex';
  }

  get suspended(): boolean {
    return this.state === 'suspended' || this.state === 'suspendedByError';
  }

  get copyDone(): boolean {
    return this.pointer >= areaEnd(this.area);
  }

  /**
   * RC-C-1: examines up to `units` tracks from the pointer, copying the recorded ones. A
   * track that cannot be copied stops the step there; it is refused only if it was the first.
   */
  copyStep(units: number): number {
    this.targetLost = false;
    let examined = 0;
    try {
      examined = examineArea(this, this.bits, units, (t) => this.copyTrack(t), (a, b) => tracksUnwrittenOnBoth(this.source.volume, this.target, a, b)); // LIM-8
    } catch (e) {
      if (!this.targetLost) throw e;
    }
    if (this.targetLost) this.suspendByError(); // RC-F-3: the track stays recorded
    else if (this.copyDone && this.state === 'copying') this.send({ type: 'COPY_DONE' });
    return examined;
  }

  /** Set by `copyTrack` when the target's storage refused the track (RC-F-3). */
  private targetLost = false;

  private copyTrack(track: number): void {
    const { offset, length } = this.source.volume.trackRange(track);
    try {
      this.target.checkAccess(offset, length);
    } catch (e) {
      if (isModelError(e) && e.code === 'DATA_LOSS') this.targetLost = true;
      throw e;
    }
    copyRange(this.source.volume, this.target, offset, length); // LIM-8
  }

  /** Copy progress for `status`. */
  progress(): Record<string, unknown> {
    return { pointer: this.pointer, recorded: this.bits.count() };
  }
}
