import { fail } from '../errors.ts';
import { requireInteger } from '../validate.ts';

/** An inclusive track range `[first, last]`, as the seed's start and end addresses. */
export type Extent = readonly [number, number];

/** Validates extents against a volume of `tracks` tracks (spec/local-copy.md, LC-G-3). */
export function requireExtents(extents: readonly (readonly number[])[], tracks: number): Extent[] {
  if (extents.length === 0) fail('INVALID_ARGUMENT', 'at least one extent is needed');
  return extents.map((e, i) => {
    if (e.length !== 2) fail('INVALID_ARGUMENT', `extent ${i} must be [firstTrack, lastTrack]`);
    const a = requireInteger(`extent ${i} first track`, e[0]);
    const b = requireInteger(`extent ${i} last track`, e[1]);
    if (a > b) fail('INVALID_ARGUMENT', `extent ${i}: first track ${a} is after last track ${b}`);
    if (b >= tracks) fail('OUT_OF_RANGE', `extent ${i}: track ${b} is outside the volume's ${tracks} tracks`);
    return [a, b] as const;
  });
}

export function inExtents(extents: readonly Extent[], track: number): boolean {
  for (const [a, b] of extents) if (track >= a && track <= b) return true;
  return false;
}

export function sameExtent(x: Extent, y: Extent): boolean {
  return x[0] === y[0] && x[1] === y[1];
}
