import type { LogicalVolume } from '../volume/logical-volume.ts';
import type { TakeoverCopy } from './takeover-copy.ts';

/**
 * RC-T-4: host I/O to a volume being taken over. Each track goes to the volume the takeover
 * copy routes it to (A until the copy into B has passed it, B after); a write checks every
 * piece before it stores the first byte.
 */

/** The host's read of a volume under a takeover copy, track by track from A or B. */
export function takeoverRead(copy: TakeoverCopy, offset: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (const [v, at, n] of routedPieces(copy, offset, length)) v.readInto(at, n, out, at - offset);
  return out;
}

/** Where a host write to a volume under a takeover copy goes: one piece per track, to A or B. */
export type TakeoverWritePlan = readonly (readonly [LogicalVolume, number, number])[];

/** Every piece is checked before the first byte is stored. */
export function planTakeoverWrite(copy: TakeoverCopy, offset: number, length: number): TakeoverWritePlan {
  const pieces = routedPieces(copy, offset, length);
  for (const [v, at, n] of pieces) v.checkAccess(at, n);
  return pieces;
}

/** Stores each planned piece on its volume. */
export function commitTakeoverWrite(pieces: TakeoverWritePlan, offset: number, data: Uint8Array): void {
  for (const [v, at, n] of pieces) v.write(at, data.subarray(at - offset, at - offset + n));
}

function routedPieces(copy: TakeoverCopy, offset: number, length: number): Array<[LogicalVolume, number, number]> {
  const T = copy.b.emulation.trackBytes;
  const pieces: Array<[LogicalVolume, number, number]> = [];
  for (let at = offset; at < offset + length; ) {
    const t = Math.floor(at / T);
    const end = Math.min(offset + length, (t + 1) * T);
    pieces.push([copy.volumeFor(t), at, end - at]);
    at = end;
  }
  return pieces;
}
