/**
 * Witnesses of the remote-copy harness (properties/rc/rc-model.ts; spec/checking.md, CHK-6):
 * the hard situations each remote-copy property must reach, counted where they happen.
 * A campaign in which one was never reached fails under `--require-coverage`.
 */
import type { Counters } from '../harness/support.ts';
import { bump } from '../harness/support.ts';

type Extent = readonly [number, number];

export const RC_WITNESSES = [
  /** A takeover requested on a pair suspended within the last few commands (rc-reference-core.ts RECENT_COMMANDS). */
  'takeoverAfterSuspend',
  /** Two live pairs of one source volume whose areas lie within one target LDEV of each other. */
  'siblingAreasWithinOneLdev',
  /** A takeover accepted while a dataset lies partly inside, partly outside the copied area. */
  'datasetStraddlingAreaEnd',
  /** A pair created whose area ends on the volume's last track. */
  'extentOnLastTrack',
  /** A host write acknowledged over tracks on both sides of a copying pair's pointer. */
  'writeStraddlingPointer',
  /** A copy step whose pointer crossed a 32-track word of the difference bitmap. */
  'bitmapWordBoundaryCopy',
] as const;

/** Tracks between two areas (0: adjacent; negative: they overlap). */
export function areaGap(x: readonly Extent[], y: readonly Extent[]): number {
  let gap = Number.POSITIVE_INFINITY;
  for (const [a, b] of x) for (const [c, d] of y) gap = Math.min(gap, Math.max(c - b, a - d) - 1);
  return gap;
}

/** siblingAreasWithinOneLdev, extentOnLastTrack at an accepted pairCreate. */
export function countCreate(reached: Counters | undefined, area: readonly Extent[], siblings: ReadonlyArray<readonly Extent[]>, tracks: number, ldevTracks: number): void {
  if (area.some(([, b]) => b === tracks - 1)) bump(reached, 'extentOnLastTrack');
  if (siblings.some((s) => areaGap(area, s) < ldevTracks)) bump(reached, 'siblingAreasWithinOneLdev');
}

/** datasetStraddlingAreaEnd at an accepted takeover. */
export function countTakeover(reached: Counters | undefined, area: readonly Extent[], datasets: ReadonlyArray<{ readonly extents: readonly Extent[] }>): void {
  const inside = (t: number) => area.some(([a, b]) => t >= a && t <= b);
  for (const d of datasets) {
    const tracks = d.extents.flatMap(([a, b]) => [a, b]);
    if (tracks.some(inside) && !tracks.every(inside)) return bump(reached, 'datasetStraddlingAreaEnd');
  }
}

/** writeStraddlingPointer: a written range [first, last] around a copying pair's pointer. */
export function countWrite(reached: Counters | undefined, first: number, last: number, pointers: readonly number[]): void {
  if (pointers.some((p) => first < p && last >= p)) bump(reached, 'writeStraddlingPointer');
}

/** bitmapWordBoundaryCopy: the pointer moved from one 32-track word into a later one. */
export function countStep(reached: Counters | undefined, from: number, to: number): void {
  if (Math.floor(from / 32) !== Math.floor(to / 32) && to > from) bump(reached, 'bitmapWordBoundaryCopy');
}

/** Tracks near the difference bitmap's word (32) and summary (1024) boundaries, for the swarm's writes and areas. */
export const BOUNDARY_TRACKS: readonly number[] = [31, 32, 33, 63, 64, 1023, 1024, 1025];
