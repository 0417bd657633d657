import { fail } from '../errors.ts';
import { withinLimit } from '../limits.ts';
import { requireInteger } from '../validate.ts';

/** An inclusive track range `[first, last]`, as the seed's start and end addresses. */
export type Extent = readonly [number, number];

/** Validates extents against a volume of `tracks` tracks (spec/local-copy.md, LC-G-3). */
export function requireExtents(extents: readonly (readonly number[])[], tracks: number): Extent[] {
  if (extents.length === 0) fail('INVALID_ARGUMENT', 'at least one extent is needed');
  withinLimit('extentsPerRequestMax', 'the number of extents in the request', extents.length); // LIM-2
  return extents.map((e, i) => {
    if (e.length !== 2) fail('INVALID_ARGUMENT', `extent ${i} must be [firstTrack, lastTrack]`);
    const a = requireInteger(`extent ${i} first track`, e[0]);
    const b = requireInteger(`extent ${i} last track`, e[1]);
    if (a > b) fail('INVALID_ARGUMENT', `extent ${i}: first track ${a} is after last track ${b}`);
    if (b >= tracks) fail('OUT_OF_RANGE', `extent ${i}: track ${b} is outside the volume's ${tracks} tracks`);
    return [a, b] as const;
  });
}

/**
 * LIM-5: validated extents sorted, with overlapping and adjacent ones merged (RC-G-1, MG-G-1,
 * LC-G-2), so the work a request causes is proportional to the tracks it covers.
 */
export function normalizeExtents(extents: readonly (readonly number[])[], tracks: number): Extent[] {
  return mergeExtents(requireExtents(extents, tracks));
}

/** Valid extents sorted and merged (LIM-5), whatever their number: a union the model forms itself. */
export function mergeExtents(extents: readonly Extent[]): Extent[] {
  const sorted = [...extents].sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const prev = out[out.length - 1];
    if (prev && a <= prev[1] + 1) prev[1] = Math.max(prev[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * LIM-5 for a local pair's copy loops: the extents in their given order, each without the
 * tracks an earlier one already covers, so a loop examines every track of the union once.
 * A list without overlaps comes back as it is.
 */
export function withoutRepeats(extents: readonly Extent[]): Extent[] {
  const out: Extent[] = [];
  let seen: Extent[] = [];
  for (const [a, b] of extents) {
    out.push(...subtractExtents([[a, b]], seen));
    seen = mergeExtents([...seen, [a, b]]);
  }
  return out;
}

export function inExtents(extents: readonly Extent[], track: number): boolean {
  for (const [a, b] of extents) if (track >= a && track <= b) return true;
  return false;
}

export function sameExtent(x: Extent, y: Extent): boolean {
  return x[0] === y[0] && x[1] === y[1];
}

/** `area` without the tracks of `minus` (both sorted and merged): what is left, in order. */
export function subtractExtents(area: readonly Extent[], minus: readonly Extent[]): Extent[] {
  const out: Extent[] = [];
  for (const [a, b] of area) {
    let from = a;
    for (const [x, y] of minus) {
      if (y < from || x > b) continue;
      if (x > from) out.push([from, x - 1]);
      from = Math.max(from, y + 1);
    }
    if (from <= b) out.push([from, b]);
  }
  return out;
}
