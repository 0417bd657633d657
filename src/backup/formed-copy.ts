/**
 * BK-N-1 (spec/backup.md; Fig. 41, eleventh embodiment): where a local pair's copy volume is a
 * formed point-in-time image a backup host may take: the copy of a divided pair (a quick split
 * is formed at the request, LC-R-1), the extents an extent division divided (LC-R-4), and
 * during an extent update every tracks of the area but those being updated (LC-R-3).
 */
import type { LocalPair } from '../local-copy/local-pair.ts';
import { type Extent, mergeExtents, subtractExtents } from '../local-copy/extents.ts';

/** The formed area of the pair's copy (sorted, merged), or null when none of it is formed. */
export function formedArea(pair: LocalPair): Extent[] | null {
  const area = pair.area ?? [[0, pair.copy.tracks - 1] as const];
  switch (pair.machineState) {
    case 'dividing':
    case 'divided':
      return mergeExtents(area);
    case 'extentDividing':
    case 'extentDivided':
      return mergeExtents(pair.dividedExtents);
    case 'extentUpdating': {
      const left = subtractExtents(mergeExtents(area), mergeExtents(pair.updateExtents));
      return left.length > 0 ? left : null;
    }
    default:
      return null;
  }
}

/** Whether every track of `want` lies in `area` (both sorted and merged). */
export function covers(area: readonly Extent[], want: readonly Extent[]): boolean {
  return want.every(([a, b]) => area.some(([x, y]) => x <= a && b <= y));
}
