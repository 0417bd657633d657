/**
 * The geometry swarm of the in-system copy harness (CHK-6): mostly small volumes (8–24
 * tracks, they shrink well), some across a 32-track word of the difference bitmaps, a few
 * across a summary word (1024 tracks); pair extents biased to those boundaries and to the
 * last track.
 */
import fc from 'fast-check';

type Extent = [number, number];

/** Tracks of the original: small, past a bitmap word, or past a summary word (a counterexample shrinks toward small). */
export const tracksArb: fc.Arbitrary<number> = fc.oneof(
  { withCrossShrink: true },
  { weight: 6, arbitrary: fc.integer({ min: 8, max: 24 }) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(32, 64, 96), fc.integer({ min: 1, max: 40 })).map(([b, d]) => b + d) },
  { weight: 1, arbitrary: fc.integer({ min: 1025, max: 1060 }) },
);

/** Large volumes take small tracks and larger LDEVs, so a run stays cheap. */
export function fitGeometry(tracks: number, trackBytes: number, ldevTracks: number): { trackBytes: number; ldevTracks: number } {
  if (tracks <= 64) return { trackBytes, ldevTracks };
  return { trackBytes: 512, ldevTracks: ldevTracks * (tracks > 512 ? 64 : 8) };
}

/** Multiples of `step` inside a volume of `tracks` tracks. */
function multiples(step: number, tracks: number): number[] {
  const out: number[] = [];
  for (let b = step; b < tracks; b += step) out.push(b);
  return out;
}

/** A word boundary, a summary-word boundary (as likely as all words together) or the last track. */
function boundaryArb(tracks: number): fc.Arbitrary<number> {
  const options: Array<fc.WeightedArbitrary<number>> = [{ weight: 1, arbitrary: fc.constant(tracks - 1) }];
  for (const step of [32, 1024]) {
    const list = multiples(step, tracks);
    if (list.length > 0) options.push({ weight: 1, arbitrary: fc.constantFrom(...list) });
  }
  return fc.oneof(...options);
}

/** An extent across a boundary, or ending on the last track (the plain extent generator otherwise). */
export function boundaryExtentArb(tracks: number): fc.Arbitrary<Extent> {
  return fc
    .tuple(boundaryArb(tracks), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 3 }))
    .map(([b, before, after]): Extent => (b === tracks - 1 ? [Math.max(0, b - before), b] : [Math.max(0, b - before - 1), Math.min(tracks - 1, b + after - 1)]));
}
