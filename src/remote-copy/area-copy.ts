import type { DifferenceBitmap } from '../bitmap/difference-bitmap.ts';
import { type Area, areaEnd, nextAreaTrack } from './area.ts';

/** A copy loop's position: the next area track it examines (the seed's copy pointer). */
export interface AreaCursor {
  pointer: number;
  readonly area: Area;
}

/**
 * The copy loop of RC-C-1, RC-T-3 and MG-C-1: examines up to `units` area tracks from the
 * pointer, copying and clearing each one set in `pending`. A track that cannot be copied stops
 * the step there; the step is refused only if that track was the first.
 */
export function examineArea(cursor: AreaCursor, pending: DifferenceBitmap, units: number, copyTrack: (track: number) => void): number {
  let examined = 0;
  while (examined < units && cursor.pointer < areaEnd(cursor.area)) {
    const t = cursor.pointer;
    if (pending.get(t)) {
      try {
        copyTrack(t);
      } catch (e) {
        if (examined === 0) throw e;
        break;
      }
      pending.clear(t);
    }
    cursor.pointer = nextAreaTrack(cursor.area, t + 1);
    examined++;
  }
  return examined;
}
