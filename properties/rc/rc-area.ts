/**
 * Areas of remote copy and migration pairs as the checkers read them (spec/remote-copy.md
 * RC-G-1, spec/migration.md MG-G-1): extents sorted, overlapping and adjacent ones merged, so
 * "below the copy pointer" is a plain comparison. Independent of src/remote-copy/area.ts.
 */
export type Extent = readonly [number, number];

export { describeShape, type Shape, shapeRange } from '../harness/write-shape.ts';

export function normalizeArea(extents: readonly Extent[]): Extent[] {
  const out: Array<[number, number]> = [];
  for (const [a, b] of [...extents].sort((x, y) => x[0] - y[0])) {
    const prev = out[out.length - 1];
    if (prev && a <= prev[1] + 1) prev[1] = Math.max(prev[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function unionArea(areas: readonly (readonly Extent[])[]): Extent[] {
  return normalizeArea(areas.flat());
}

export function inArea(area: readonly Extent[], t: number): boolean {
  return area.some(([a, b]) => t >= a && t <= b);
}

/** The copy pointer once every track of the area has been examined. */
export function areaEnd(area: readonly Extent[]): number {
  return area.length === 0 ? 0 : area[area.length - 1]![1] + 1;
}

/** The first area track at or after `t` (the copy loop skips the gaps between extents). */
export function nextAreaTrack(area: readonly Extent[], t: number): number {
  for (const [a, b] of area) if (t <= b) return Math.max(t, a);
  return areaEnd(area);
}

export function areaTracks(area: readonly Extent[]): number[] {
  const out: number[] = [];
  for (const [a, b] of area) for (let t = a; t <= b; t++) out.push(t);
  return out;
}

export function areasOverlap(x: readonly Extent[], y: readonly Extent[]): boolean {
  return x.some(([a, b]) => y.some(([c, d]) => a <= d && c <= b));
}

/** Tracks [first, last] a byte range touches. */
export function touchedTracks(offset: number, length: number, trackBytes: number): number[] {
  const out: number[] = [];
  for (let t = Math.floor(offset / trackBytes); t * trackBytes < offset + length; t++) out.push(t);
  return out;
}

/** Inclusive byte ranges, merged when they touch. */
export function mergeRanges(ranges: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [a, b] of [...ranges].sort((x, y) => x[0] - y[0])) {
    const prev = out[out.length - 1];
    if (prev && prev[1] + 1 >= a) prev[1] = Math.max(prev[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function rangesCover(ranges: ReadonlyArray<readonly [number, number]>, a: number, b: number): boolean {
  return ranges.some(([x, y]) => a >= x && b <= y);
}

/** Where in a track a host I/O lands: its start, its end, anywhere, across into the next track, or all of it. */
