import type { DifferenceBitmap } from '../bitmap/difference-bitmap.ts';
import { type Area, areaEnd, nextAreaTrack } from './area.ts';

/** Tracks asked at once whether both sides read zero there (LIM-8). */
const UNWRITTEN_RUN_TRACKS = 4096;

/** The last track of the area's extent holding `track`. */
function extentLast(area: Area, track: number): number {
  return area.find(([a, b]) => track >= a && track <= b)![1];
}

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
export function examineArea(
  cursor: AreaCursor,
  pending: DifferenceBitmap,
  units: number,
  copyTrack: (track: number) => void,
  unwritten: (first: number, last: number) => boolean = () => false,
): number {
  let examined = 0;
  let copyBefore = -1;
  while (examined < units && cursor.pointer < areaEnd(cursor.area)) {
    const t = cursor.pointer;
    if (t >= copyBefore && pending.get(t)) {
      // LIM-8: a run of the extent that reads zero on both sides is examined without copying it.
      const last = Math.min(extentLast(cursor.area, t), t + Math.min(units - examined, UNWRITTEN_RUN_TRACKS) - 1);
      if (last > t && unwritten(t, last)) {
        for (let u = pending.nextSetIn(t, last); u >= 0; u = pending.nextSetIn(u + 1, last)) pending.clear(u);
        cursor.pointer = nextAreaTrack(cursor.area, last + 1);
        examined += last - t + 1;
        continue;
      }
      copyBefore = last + 1;
    }
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
