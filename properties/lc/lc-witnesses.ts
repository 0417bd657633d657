/**
 * Witnesses of the in-system copy harness (properties/lc/lc-model.ts; spec/checking.md, CHK-6):
 * the hard situations each local-copy property must reach, counted where they happen. A
 * campaign in which one was never reached fails under `--require-coverage`.
 */
import { bump, type Counters } from '../harness/support.ts';

type Extent = readonly [number, number];

export const LC_WITNESSES = [
  /** A copy step that examined tracks on both sides of a 32-track word of the bitmaps. */
  'bitmapWordBoundaryCopy',
  /** The same across a summary word (1024 tracks). */
  'bitmapSummaryBoundaryCopy',
  /** A host write of the original over tracks on both sides of the running copy's position. */
  'writeStraddlingPointer',
  /** A host write of the original, during a division, to a track the division copy has not reached. */
  'writeUncopiedDuringDivision',
  /** A request accepted with an extent that ends on the volume's last track. */
  'extentOnLastTrack',
] as const;

/** A step examined tracks [from, to): did it cross a word or a summary word? */
export function countStep(reached: Counters | undefined, from: number, to: number): void {
  if (from < 0 || to <= from + 1) return;
  if (Math.floor(from / 32) !== Math.floor((to - 1) / 32)) bump(reached, 'bitmapWordBoundaryCopy');
  if (Math.floor(from / 1024) !== Math.floor((to - 1) / 1024)) bump(reached, 'bitmapSummaryBoundaryCopy');
}

/** A write of the original's tracks [first, last] with the running copy at `position` (-1: none). */
export function countWrite(reached: Counters | undefined, first: number, last: number, position: number, dividing: boolean): void {
  if (position < 0) return;
  if (first < position && last >= position) bump(reached, 'writeStraddlingPointer');
  if (dividing && last >= position) bump(reached, 'writeUncopiedDuringDivision');
}

/** An accepted request's extents. */
export function countExtents(reached: Counters | undefined, extents: readonly Extent[] | undefined, tracks: number): void {
  if (extents?.some(([, b]) => b === tracks - 1)) bump(reached, 'extentOnLastTrack');
}

/** The witnesses of a property that copies little (LC-INV-4..6): a summary-word crossing is counted, not required. */
export const LC_WITNESSES_FEW_COPIES: readonly string[] = LC_WITNESSES.filter((w) => w !== 'bitmapSummaryBoundaryCopy');
