import { isModelError, type ModelError } from '../errors.ts';
import { LIMITS } from '../limits.ts';

/** Most bytes read at once (CHK-1: one read per run of tracks instead of one per track; LIM-2: one transfer). */
const RUN_BYTES_MAX = LIMITS.transferBytesMax;

export interface TrackReader {
  readonly trackBytes: number;
  /** The volume's address space in bytes (its last track may be short). */
  readonly bytes: number;
  read(offset: number, length: number): Uint8Array;
  /** A refusal to pass over (the track is not compared); any other error is thrown. */
  skips(e: ModelError): boolean;
}

/**
 * Visits each of the ascending `tracks` with its bytes, reading runs of consecutive tracks
 * at once; a refused run is read again track by track, so only the refused tracks are
 * passed over. `visit` returns true to stop.
 */
export function forEachTrackRead(r: TrackReader, tracks: readonly number[], visit: (track: number, bytes: Uint8Array) => boolean): void {
  const runTracksMax = Math.max(1, Math.floor(RUN_BYTES_MAX / r.trackBytes));
  for (let i = 0; i < tracks.length; ) {
    let j = i + 1;
    while (j < tracks.length && tracks[j] === tracks[j - 1]! + 1 && j - i < runTracksMax) j++;
    if (visitRun(r, tracks.slice(i, j), visit)) return;
    i = j;
  }
}

function visitRun(r: TrackReader, run: readonly number[], visit: (track: number, bytes: Uint8Array) => boolean): boolean {
  const T = r.trackBytes;
  const offset = run[0]! * T;
  const end = Math.min(r.bytes, (run[run.length - 1]! + 1) * T);
  const all = attempt(r, offset, end - offset);
  for (const t of run) {
    const length = Math.min(T, r.bytes - t * T);
    const bytes = all ? all.subarray(t * T - offset, t * T - offset + length) : attempt(r, t * T, length);
    if (bytes && visit(t, bytes)) return true;
  }
  return false;
}

function attempt(r: TrackReader, offset: number, length: number): Uint8Array | null {
  try {
    return r.read(offset, length);
  } catch (e) {
    if (isModelError(e) && r.skips(e)) return null;
    throw e;
  }
}
