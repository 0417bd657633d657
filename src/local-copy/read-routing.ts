import { inExtents } from './extents.ts';
import type { PairView } from './pair-view.ts';

/**
 * Where a host read of one track of a pair's copy volume is served from (spec/local-copy.md,
 * LC-W-9, quick split): the original while the track still holds the settled image there,
 * the copy volume once copied; `refused` where the copy is not a settled image.
 */
export type ReadSource = 'original' | 'copy' | 'refused';

export function routeCopyRead(pair: PairView, track: number): ReadSource {
  if (pair.area !== null) {
    if (!inExtents(pair.area, track)) return 'copy';
    if (pair.state === 'dividing') return pair.bits.gen.get(track) ? 'original' : 'copy';
    return pair.state === 'divided' || pair.state === 'extentUpdating' ? 'copy' : 'refused'; // DC
  }
  switch (pair.state) {
    case 'dividing': // UD
      return pair.bits.gen.get(track) ? 'original' : 'copy';
    case 'divided': case 'extentUpdating': // DC
      return inExtents(pair.updateExtents, track) && pair.bits.div.get(track) ? 'original' : 'copy';
    case 'extentDividing': // UED
      if (!inExtents(pair.dividedExtents, track)) return 'refused';
      return pair.bits.gen.get(track) ? 'original' : 'copy';
    case 'extentDivided': // EDC
      return inExtents(pair.dividedExtents, track) ? 'copy' : 'refused';
    case 'deleted':
      return 'copy';
    default:
      return 'refused';
  }
}
