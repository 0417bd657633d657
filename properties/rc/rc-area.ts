/**
 * Areas of remote copy and migration pairs as the checkers read them (spec/remote-copy.md
 * RC-G-1, spec/migration.md MG-G-1): extents sorted, overlapping and adjacent ones merged, so
 * "below the copy pointer" is a plain comparison. Independent of src/remote-copy/area.ts.
 */
export type Extent = readonly [number, number];

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
export type Shape =
  | { readonly at: 'start' | 'end' | 'whole'; readonly len: number }
  | { readonly at: 'mid'; readonly len: number; readonly x: number }
  | { readonly at: 'span'; readonly before: number; readonly after: number };

/** The byte range of `shape` at track `t` of a volume of `tracks` tracks, clipped to it. */
export function shapeRange(t: number, shape: Shape, tracks: number, tb: number): { offset: number; length: number } {
  const bytes = tracks * tb;
  let offset: number;
  let length: number;
  switch (shape.at) {
    case 'start': offset = t * tb; length = Math.min(shape.len, tb); break;
    case 'end': length = Math.min(shape.len, tb); offset = (t + 1) * tb - length; break;
    case 'whole': offset = t * tb; length = tb; break;
    case 'mid': length = Math.min(shape.len, tb); offset = t * tb + (shape.x % (tb - length + 1)); break;
    case 'span': offset = (t + 1) * tb - shape.before; length = shape.before + shape.after; break;
  }
  offset = Math.max(0, Math.min(offset, bytes - 1));
  return { offset, length: Math.max(1, Math.min(length, bytes - offset)) };
}

export function describeShape(s: Shape): string {
  switch (s.at) {
    case 'whole': return 'whole';
    case 'start': case 'end': return `${s.at} ${s.len}`;
    case 'mid': return `mid ${s.len}@${s.x}`;
    case 'span': return `span -${s.before}+${s.after}`;
  }
}
