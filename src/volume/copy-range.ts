import { mayHoldDataIn } from './written-space.ts';
import type { LogicalVolume } from './logical-volume.ts';

/**
 * A copy process's transfer of one range (a track) from one volume to another at the same
 * addresses. LIM-8: where neither volume may hold data it reads zero on both, and the copy is
 * zeros onto zeros: nothing is read or written, so copying unwritten space costs no time.
 * Refusals are the caller's: it checks the target before, and a degraded group always reads.
 */
export function copyRange(from: LogicalVolume, to: LogicalVolume, offset: number, length: number): void {
  if (unwrittenOnBoth(from, to, offset, length)) return;
  if (staging.length < length) staging = new Uint8Array(length);
  const bytes = staging.subarray(0, length);
  from.readInto(offset, length, bytes, 0);
  to.write(offset, bytes);
}

/**
 * The controller's cache slot a copy passes through, reused: one track is read into it and
 * written out before the next copy starts, and no volume keeps a reference to what it is
 * given (a fresh 64 KiB buffer per track cost more than the copy itself).
 */
let staging = new Uint8Array(0);

/** LIM-8: whether tracks first..last (of `a`'s geometry, which `b` shares) read zero on both volumes. */
export function tracksUnwrittenOnBoth(a: LogicalVolume, b: LogicalVolume, first: number, last: number): boolean {
  const from = a.trackRange(first).offset;
  const end = a.trackRange(last);
  return unwrittenOnBoth(a, b, from, end.offset + end.length - from);
}

/** LIM-8: whether [offset, offset+length) reads zero on both volumes (no device of either may hold data there). */
export function unwrittenOnBoth(a: LogicalVolume, b: LogicalVolume, offset: number, length: number): boolean {
  return !mayHoldDataIn(a, offset, length) && !mayHoldDataIn(b, offset, length);
}
