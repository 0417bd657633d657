import { copyRange } from '../volume/copy-range.ts';
import { DifferenceBitmap } from '../bitmap/difference-bitmap.ts';
import type { LogicalVolume } from '../volume/logical-volume.ts';
import { type Area, areaEnd, inArea } from './area.ts';
import { examineArea } from './area-copy.ts';

/** One volume A of the takeover with the area it holds (the pair's and each sibling's). */
export interface TakeoverSource {
  readonly a: LogicalVolume;
  readonly area: Area;
}

export type Variant = 'literal' | 'corrected';

/**
 * RC-T-3 (Fig. 12 steps 1003, 1010): the copy of the A volumes into the newly allocated B,
 * a background process named by the pair id; host access meanwhile is routed by RC-T-4.
 */
export class TakeoverCopy {
  /** Area tracks not yet copied into B. */
  readonly pending: DifferenceBitmap;
  pointer: number;

  constructor(
    readonly b: LogicalVolume,
    readonly sources: readonly TakeoverSource[],
    readonly area: Area,
    readonly variant: Variant,
  ) {
    this.pending = new DifferenceBitmap(b.tracks);
    for (const [x, y] of area) this.pending.setRange(x, y);
    this.pointer = area.length === 0 ? 0 : area[0]![0];
  }

  get done(): boolean {
    return this.pointer >= areaEnd(this.area);
  }

  /** The A volume holding `track` of the copied area. */
  sourceOf(track: number): LogicalVolume {
    return this.sources.find((s) => inArea(s.area, track))!.a;
  }

  /**
   * RC-T-4: the volume that serves host access to `track` now. Corrected: a pending track is
   * still A's, any other is B's. Literal (erratum RC-E-1): A "if already copied", else B.
   */
  volumeFor(track: number): LogicalVolume {
    if (!inArea(this.area, track)) return this.b;
    const pending = this.pending.get(track);
    if (this.variant === 'literal') return pending ? this.b : this.sourceOf(track);
    return pending ? this.sourceOf(track) : this.b;
  }

  /** Examines up to `units` tracks: a pending one is copied from its A into B. */
  step(units: number): number {
    return examineArea(this, this.pending, units, (t) => this.copyTrack(t));
  }

  private copyTrack(track: number): void {
    const { offset, length } = this.b.trackRange(track);
    const source = this.sourceOf(track);
    source.checkAccess(offset, length);
    this.b.checkAccess(offset, length);
    copyRange(source, this.b, offset, length); // LIM-8
  }
}
