/**
 * BK-R-1: a tape file's descriptor is trusted only when it is whole and self-consistent — a
 * tape may come from anywhere (`tapeLoad`), and one flipped bit must be refused as damage,
 * never restored as wrong bytes nor crash the model.
 */
import { LIMITS } from '../limits.ts';
import { mergeExtents } from '../local-copy/extents.ts';

const isCount = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= min;

/** Why `d` is not a whole descriptor of a backup of `format`, or null. */
export function descriptorProblem(d: Record<string, unknown>, format: string, dataLength: number): string | null {
  if (d.format !== format) return 'it is not a backup descriptor of this model';
  if (typeof d.volume !== 'string' || d.volume.indexOf(':') <= 0 || typeof d.pair !== 'string') return 'volume or pair is not a name';
  if (!isCount(d.trackBytes, 1) || d.trackBytes > LIMITS.trackBytesMax) return `trackBytes ${String(d.trackBytes)} is not a track size`;
  if (!isCount(d.bytes, 1) || d.bytes > LIMITS.volumeBytesMax) return `bytes ${String(d.bytes)} is not a volume size`;
  for (const k of ['formedAt', 'notifiedAt', 'backupAt']) if (!isCount(d[k], 0)) return `${k} is not a line`;
  const extents = extentsProblem(d.extents, d.trackBytes, d.bytes);
  if (typeof extents === 'string') return extents;
  if (d.dataBytes !== extents || dataLength !== extents) return `its extents hold ${extents} bytes; it says ${String(d.dataBytes)} and ${dataLength} follow`;
  return pointsProblem(d.pointsInTime, d.extents as [number, number][], d.trackBytes, d.bytes);
}

/** Why the points in time do not split the extents between them (each track to one line), or null. */
function pointsProblem(points: unknown, extents: readonly [number, number][], trackBytes: number, bytes: number): string | null {
  if (!Array.isArray(points) || points.length === 0) return 'pointsInTime is not a list';
  const tracks: [number, number][] = [];
  for (const p of points as Array<{ line?: unknown; extents?: unknown }>) {
    if (!isCount(p?.line, 0)) return 'a point in time has no line';
    if (typeof extentsProblem(p.extents, trackBytes, bytes) === 'string') return `the point in time of line ${String(p.line)} has no track ranges of the volume`;
    tracks.push(...(p.extents as [number, number][]));
  }
  const count = (list: ReadonlyArray<readonly [number, number]>) => list.reduce((n, [a, b]) => n + b - a + 1, 0);
  const union = mergeExtents(tracks);
  if (count(tracks) !== count(union) || JSON.stringify(union) !== JSON.stringify(mergeExtents(extents))) return 'pointsInTime does not split the extents between its lines';
  return null;
}

/** The bytes the extents hold, or why they are not ascending, disjoint track ranges of the volume. */
function extentsProblem(extents: unknown, trackBytes: number, bytes: number): number | string {
  if (!Array.isArray(extents) || extents.length === 0) return 'extents is not a list of track ranges';
  let total = 0;
  let prev = -1;
  for (const e of extents) {
    if (!Array.isArray(e) || e.length !== 2 || !isCount(e[0], 0) || !isCount(e[1], 0) || e[0] > e[1]) return `extent ${JSON.stringify(e)} is not [first, last] tracks`;
    if (e[0] <= prev) return `extent ${JSON.stringify(e)} is not after the one before`;
    if (e[1] * trackBytes >= bytes) return `extent ${JSON.stringify(e)} lies past the volume's ${bytes} bytes`;
    total += Math.min((e[1] + 1) * trackBytes, bytes) - e[0] * trackBytes;
    prev = e[1];
  }
  return total;
}
