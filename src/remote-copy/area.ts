import { type Extent, mergeExtents, normalizeExtents } from '../local-copy/extents.ts';

/**
 * The area of a remote copy or migration pair: its extents sorted, with overlapping and
 * adjacent ones merged (RC-G-1, MG-G-1), so "below the copy pointer" is a plain comparison.
 */
export type Area = readonly Extent[];

export function normalizeArea(extents: readonly (readonly number[])[], tracks: number): Area {
  return normalizeExtents(extents, tracks);
}

/** The union of several areas, normalized. */
export function unionArea(areas: readonly Area[]): Area {
  return mergeExtents(areas.flat());
}

export function areaTracks(area: Area): number {
  return area.reduce((s, [a, b]) => s + b - a + 1, 0);
}

export function inArea(area: Area, track: number): boolean {
  for (const [a, b] of area) {
    if (track < a) return false;
    if (track <= b) return true;
  }
  return false;
}

/** The first track of the area at or after `track`, or `areaEnd(area)` when none is left. */
export function nextAreaTrack(area: Area, track: number): number {
  for (const [a, b] of area) {
    if (track <= b) return Math.max(track, a);
  }
  return areaEnd(area);
}

/** The copy pointer's value once the whole area has been examined. */
export function areaEnd(area: Area): number {
  return area.length === 0 ? 0 : area[area.length - 1]![1] + 1;
}

export function areasOverlap(x: Area, y: Area): boolean {
  return x.some(([a, b]) => y.some(([c, d]) => a <= d && c <= b));
}

/** Area tracks strictly below `pointer` (copy progress). */
export function tracksBelow(area: Area, pointer: number): number {
  let n = 0;
  for (const [a, b] of area) {
    if (pointer <= a) break;
    n += Math.min(b, pointer - 1) - a + 1;
  }
  return n;
}
