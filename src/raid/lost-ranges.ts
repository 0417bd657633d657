import { fail } from '../errors.ts';
import type { StripeLayout } from './layout.ts';
import type { Run } from './runs.ts';

/**
 * RAID-F-6: the media bytes of each device that were lost when the group was re-created,
 * as sorted, disjoint half-open ranges per device (what md keeps as its bad-block list). A
 * read touching one is refused; a write takes its bytes out.
 */
export class LostRanges {
  private readonly byDevice = new Map<number, Array<[number, number]>>();

  /** Whether any device has lost bytes. */
  any(): boolean {
    return this.byDevice.size > 0;
  }

  add(device: number, from: number, to: number): void {
    if (to <= from) return;
    const list = this.byDevice.get(device) ?? [];
    const kept = list.filter(([a, b]) => b < from || a > to);
    const merged = list.filter(([a, b]) => !(b < from || a > to));
    const lo = Math.min(from, ...merged.map(([a]) => a));
    const hi = Math.max(to, ...merged.map(([, b]) => b));
    this.byDevice.set(device, [...kept, [lo, hi] as [number, number]].sort((x, y) => x[0] - y[0]));
  }

  /** The device's lost range that [from, to) meets first, if any. */
  meets(device: number, from: number, to: number): readonly [number, number] | undefined {
    return this.byDevice.get(device)?.find(([a, b]) => a < to && from < b);
  }

  /** [from, to) of the device was written: those bytes are no longer lost. */
  remove(device: number, from: number, to: number): void {
    const list = this.byDevice.get(device);
    if (!list || to <= from) return;
    const out: Array<[number, number]> = [];
    for (const [a, b] of list) {
      if (b <= from || a >= to) out.push([a, b]);
      else {
        if (a < from) out.push([a, from]);
        if (b > to) out.push([to, b]);
      }
    }
    if (out.length > 0) this.byDevice.set(device, out);
    else this.byDevice.delete(device);
  }
}

/** Each data unit range of the run on its device, as media [from, to). */
function forEachUnitRange(layout: StripeLayout, unitBytes: number, run: Run, f: (device: number, from: number, to: number) => void): void {
  for (const u of run.units) f(layout.dataDevice(run.row, u.unit), run.row * unitBytes + u.a, (run.row + run.rows - 1) * unitBytes + u.b);
}

/** RAID-F-6: a read of the run touching bytes lost at the re-creation is refused. */
export function refuseLostBytes(lost: LostRanges, layout: StripeLayout, unitBytes: number, run: Run): void {
  forEachUnitRange(layout, unitBytes, run, (d, a, b) => {
    const hit = lost.meets(d, a, b);
    if (hit) fail('DATA_LOSS', `row ${run.row} on device ${d}: bytes ${Math.max(a, hit[0])}..${Math.min(b, hit[1]) - 1} were lost before the group was re-created and have not been written since`);
  });
}

/** RAID-F-6: the run was written: its bytes are no longer lost. */
export function healLostBytes(lost: LostRanges, layout: StripeLayout, unitBytes: number, run: Run): void {
  forEachUnitRange(layout, unitBytes, run, (d, a, b) => lost.remove(d, a, b));
}
