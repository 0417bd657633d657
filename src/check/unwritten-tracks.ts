import type { Extent } from '../local-copy/extents.ts';
import { mayHoldDataIn } from '../volume/written-space.ts';
import type { LogicalVolume } from '../volume/logical-volume.ts';

/** Ranges of at most this many tracks are taken whole once they may hold data. */
const TRACKS_LOOKED_AT_ONCE = 16;

/**
 * LIM-8: the tracks of `ranges` (ascending) where one of `volumes` may hold written bytes,
 * plus the tracks of `keep` inside them; every other track reads zero on every one of the
 * volumes (and so in any view routed between them), which a full comparison need not read.
 * Ranges are asked whole and halved where they hold data, so the cost follows the bytes
 * written, not the size of the ranges. `volumes[0]` gives the track size and the end.
 */
export function tracksThatMayHoldData(ranges: readonly Extent[], volumes: readonly LogicalVolume[], keep: Iterable<number> = []): number[] {
  const T = volumes[0]!.emulation.trackBytes;
  const end = volumes[0]!.bytes;
  const found = new Set<number>();
  const visit = (a: number, b: number): void => {
    const offset = a * T;
    if (!volumes.some((v) => mayHoldDataIn(v, offset, Math.min(end, (b + 1) * T) - offset))) return;
    if (b - a + 1 <= TRACKS_LOOKED_AT_ONCE) {
      for (let t = a; t <= b; t++) found.add(t);
      return;
    }
    const mid = Math.floor((a + b) / 2);
    visit(a, mid);
    visit(mid + 1, b);
  };
  for (const [a, b] of ranges) visit(a, b);
  for (const t of keep) if (ranges.some(([a, b]) => t >= a && t <= b)) found.add(t);
  return [...found].sort((x, y) => x - y);
}
