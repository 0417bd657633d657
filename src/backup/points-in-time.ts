/**
 * BK-T-2: the points in time a formed copy holds, per extent. A division (or an extent
 * division) takes its area's image at the request; each later extent update retakes its
 * extents at its own request (LC-INV-2). So a full backup after an extent update holds two
 * points in time, and the tape file says which tracks hold which.
 */
import { type Extent, mergeExtents, subtractExtents } from '../local-copy/extents.ts';

/** A request that formed (part of) the copy: its trace line and the extents it formed. */
export interface FormingRequest {
  readonly line: number;
  readonly op: string;
  /** The extents it named (extent update, extent division), or null for the pair's whole area. */
  readonly extents: readonly Extent[] | null;
}

export interface PointInTime {
  readonly line: number;
  readonly extents: Extent[];
}

/** Which tracks of `want` hold the image of which request, oldest first (requests in trace order). */
export function pointsInTime(requests: readonly FormingRequest[], area: readonly Extent[], want: readonly Extent[]): PointInTime[] {
  let points: PointInTime[] = [];
  for (const r of requests) {
    const formed = mergeExtents(r.extents ?? area);
    if (r.op === 'extentUpdate') points = [...points.map((p) => ({ line: p.line, extents: subtractExtents(p.extents, formed) })), { line: r.line, extents: formed }];
    else if (r.op === 'pairDivide' || r.op === 'extentDivide') points = [{ line: r.line, extents: formed }];
    else points = []; // a couple or a resync: the copy is being formed anew
  }
  return restrict(points, want);
}

/** The points in time of `points` on the tracks of `want` only. */
export function restrict(points: readonly PointInTime[], want: readonly Extent[]): PointInTime[] {
  const w = mergeExtents(want);
  return points.map((p) => ({ line: p.line, extents: subtractExtents(p.extents, subtractExtents(p.extents, w)) })).filter((p) => p.extents.length > 0);
}
