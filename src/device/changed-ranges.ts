/** What changed on a device since the checker last asked (spec/checking.md, CHK-2). */
export interface DeviceChanges {
  /** Every byte may read differently (the device failed or was replaced). */
  readonly all: boolean;
  /** Half-open media byte ranges stored (or turned readable), ascending, merged. */
  readonly ranges: ReadonlyArray<readonly [number, number]>;
}

/** More ranges than this without a `take` (nobody is checking): the record says "all" instead. */
const RANGES_MAX = 4096;

/**
 * The media bytes a device stored (or that turned readable) since the last `take`: the data
 * plane's own record of its changes, so a checker compares only those (CHK-2). Bounded: past
 * RANGES_MAX ranges it only remembers that everything may have changed.
 */
export class ChangedRanges {
  private ranges: Array<[number, number]> = [];
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
    this.ranges.push([offset, end]);
    if (this.ranges.length > RANGES_MAX) this.compact();
  }

  /** Every byte of the media may read differently. */
  noteAll(): void {
    this.all = true;
    this.ranges = [];
  }

  /** The changes since the last call; starts a new record. */
  take(): DeviceChanges {
    const out: DeviceChanges = { all: this.all, ranges: this.all ? [] : mergeRanges(this.ranges) };
    this.all = false;
    this.ranges = [];
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
