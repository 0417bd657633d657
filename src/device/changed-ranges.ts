/** What changed on a device since the checker last asked (spec/checking.md, CHK-2). */
export interface DeviceChanges {
  /** Every byte may read differently (the device failed or was replaced). */
  readonly all: boolean;
  /** Half-open media byte ranges stored (or turned readable), ascending, merged. */
  readonly ranges: ReadonlyArray<readonly [number, number]>;
}

/** More ranges than this without a `take` (nobody is checking): the record says "all" instead. */
const RANGES_MAX = 4096;
/** More distinct short changes than this without a `take`: "all" too. */
const SHORT_MAX = 16384;
/** A change this short is remembered by where it starts: a hot spot written again and again costs nothing more. */
const SHORT_BYTES = 8192;

/**
 * The media bytes a device stored (or that turned readable) since the last `take`: the data
 * plane's own record of its changes, so a checker compares only those (CHK-2). A change
 * that continues the last one extends it; another short change is kept by its start (the
 * same bytes written again add nothing); a long one as its range. Bounded: past RANGES_MAX
 * ranges or SHORT_MAX short changes it only remembers that everything may have changed.
 */
export class ChangedRanges {
  private ranges: Array<[number, number]> = [];
  /** Short changes: start → end. */
  private readonly short = new Map<number, number>();
  /** The end of the last short change: a change starting there begins a range (sequential I/O). */
  private shortEnd = -1;
  private all = false;

  /** Bytes [offset, offset+length) of the media changed (or may read differently). */
  note(offset: number, length: number): void {
    if (length <= 0 || this.all) return;
    const last = this.ranges[this.ranges.length - 1];
    const end = offset + length;
    if (last && offset <= last[1] && end >= last[0]) {
      last[0] = Math.min(last[0], offset);
      last[1] = Math.max(last[1], end);
      return;
    }
    if (length <= SHORT_BYTES && offset !== this.shortEnd) {
      if ((this.short.get(offset) ?? -1) < end) this.short.set(offset, end);
      this.shortEnd = end;
      if (this.short.size > SHORT_MAX) this.noteAll();
      return;
    }
    this.ranges.push([offset, end]);
    if (this.ranges.length > RANGES_MAX) this.compact();
  }

  /** Every byte of the media may read differently. */
  noteAll(): void {
    this.all = true;
    this.ranges = [];
    this.short.clear();
  }

  /** The changes since the last call; starts a new record. */
  take(): DeviceChanges {
    const out: DeviceChanges = { all: this.all, ranges: this.all ? [] : mergeRanges([...this.ranges, ...this.short]) };
    this.all = false;
    this.ranges = [];
    this.short.clear();
    this.shortEnd = -1;
    return out;
  }

  private compact(): void {
    this.ranges = mergeRanges(this.ranges);
    if (this.ranges.length > RANGES_MAX / 2) this.noteAll();
  }
}

/** Half-open ranges sorted by start, overlapping or touching ones joined, empty ones dropped (CHK-2). */
export function mergeRanges(ranges: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const sorted = ranges.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}
