import type { DifferenceBitmap } from '../bitmap/difference-bitmap.ts';
import type { Extent } from './extents.ts';

export type CopyKind = 'generation' | 'division' | 'extentUpdate' | 'extentDivision' | 'extentCouple';

/**
 * One of the seed's copy loops (spec/local-copy.md, LC-C-1..LC-C-5): from the first track of
 * each range to its last, a track whose `scan` bit is 1 is copied original → copy and the
 * `clear` bit set to 0 (the same bitmap, except in the literal Fig. 40: erratum LC-E-4).
 * Nothing moves unless `step` says so; a unit is one track examined.
 */
export class CopyProcess {
  private range = 0;
  private cursor: number;
  examined = 0;

  constructor(
    readonly kind: CopyKind,
    readonly ranges: readonly Extent[],
    private readonly scan: DifferenceBitmap,
    private readonly clear: DifferenceBitmap,
    private readonly copyTrack: (track: number) => void,
  ) {
    this.cursor = ranges[0]?.[0] ?? 0;
  }

  get done(): boolean {
    return this.range >= this.ranges.length;
  }

  /** The track the loop examines next (the seed's variable i), or -1 when done. */
  get position(): number {
    return this.done ? -1 : this.cursor;
  }

  get total(): number {
    return this.ranges.reduce((n, [a, b]) => n + b - a + 1, 0);
  }

  /** Examines up to `units` tracks; runs of 0 bits are passed in one stride. Returns tracks examined. */
  step(units: number): number {
    let left = units;
    while (left > 0 && !this.done) {
      const [, last] = this.ranges[this.range]!;
      const next = this.scan.nextSetIn(this.cursor, last);
      const zeros = (next < 0 ? last + 1 : next) - this.cursor;
      if (zeros > 0) {
        const skip = Math.min(zeros, left);
        this.advance(skip);
        left -= skip;
        continue;
      }
      this.copyTrack(this.cursor);
      this.clear.clear(this.cursor);
      this.advance(1);
      left--;
    }
    return units - left;
  }

  private advance(tracks: number): void {
    this.cursor += tracks;
    this.examined += tracks;
    const [, last] = this.ranges[this.range]!;
    if (this.cursor > last) {
      this.range++;
      this.cursor = this.ranges[this.range]?.[0] ?? 0;
    }
  }
}
