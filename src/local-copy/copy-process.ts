import type { DifferenceBitmap } from '../bitmap/difference-bitmap.ts';
import type { Extent } from './extents.ts';

export type CopyKind = 'generation' | 'division' | 'extentUpdate' | 'extentDivision' | 'extentCouple';

/** Tracks asked at once whether both volumes read zero there (LIM-8). */
const UNWRITTEN_RUN_TRACKS = 4096;

/**
 * One of the seed's copy loops (spec/local-copy.md, LC-C-1..LC-C-5): from the first track of
 * each range to its last, a track whose `scan` bit is 1 is copied original → copy and the
 * `clear` bit set to 0 (the same bitmap, except in the literal Fig. 40: erratum LC-E-4).
 * Nothing moves unless `step` says so; a unit is one track examined.
 */
export class CopyProcess {
  private range = 0;
  private cursor: number;
  /** Tracks below this may hold data (asked once): they are copied one by one. */
  private copyBefore = -1;
  examined = 0;

  constructor(
    readonly kind: CopyKind,
    readonly ranges: readonly Extent[],
    private readonly scan: DifferenceBitmap,
    private readonly clear: DifferenceBitmap,
    private readonly copyTrack: (track: number) => void,
    /** LIM-8: whether tracks first..last read zero on both volumes (copying them is zeros onto zeros). */
    private readonly unwritten: (first: number, last: number) => boolean = () => false,
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
      const passed = this.passUnwritten(Math.min(left, last - this.cursor + 1));
      if (passed > 0) {
        this.advance(passed);
        left -= passed;
        continue;
      }
      this.copyTrack(this.cursor);
      this.clear.clear(this.cursor);
      this.advance(1);
      left--;
    }
    return units - left;
  }

  /**
   * LIM-8: a run from the cursor that reads zero on both volumes is examined as the seed's
   * loop would (each set bit cleared) without reading or writing it. Returns the tracks passed.
   */
  private passUnwritten(most: number): number {
    if (most < 2 || this.cursor < this.copyBefore) return 0;
    const last = this.cursor + Math.min(most, UNWRITTEN_RUN_TRACKS) - 1;
    if (!this.unwritten(this.cursor, last)) {
      this.copyBefore = last + 1;
      return 0;
    }
    for (let t = this.scan.nextSetIn(this.cursor, last); t >= 0; t = this.scan.nextSetIn(t + 1, last)) this.clear.clear(t);
    return last - this.cursor + 1;
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
