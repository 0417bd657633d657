import { isModelError } from '../errors.ts';
import type { LogicalVolume } from '../volume/logical-volume.ts';
import type { LocalPair } from './local-pair.ts';
import type { BitmapName } from './pair-view.ts';
import { routeWrite } from './write-routing.ts';

/** One track of a host write to a pair's original: what is copied before it and which bit it sets. */
export interface LocalTrackPlan {
  readonly track: number;
  readonly copyBeforeWrite: BitmapName | null;
  readonly setBit: BitmapName | null;
}

/**
 * The local-copy part of a host write (LC-W-1..LC-W-8, spec/architecture.md "The road of a
 * host I/O"): the volume's bytes, and for the pair whose original it is, each track's
 * decision. Made by `planLocalWrite` with every refusal already thrown; `commitLocalWrite`
 * carries it out.
 */
export interface LocalWritePlan {
  readonly volume: LogicalVolume;
  readonly offset: number;
  readonly length: number;
  readonly pair: LocalPair | null;
  readonly tracks: readonly LocalTrackPlan[];
  /** LC-F-1: a copy-before-write met data lost on the copy volume's storage; the pair suspends by error and records instead. */
  readonly lost?: boolean;
}

/** LC-W-1..LC-W-7 per track; the devices a copy-before-write reads and writes are checked first (LC-W-8). */
export function planLocalWrite(pair: LocalPair | null, volume: LogicalVolume, offset: number, length: number): LocalWritePlan {
  if (!pair || length === 0) return { volume, offset, length, pair: null, tracks: [] };
  const T = pair.original.emulation.trackBytes;
  const tracks: LocalTrackPlan[] = [];
  for (let t = Math.floor(offset / T); t * T < offset + length; t++) {
    const d = routeWrite(pair, t);
    tracks.push({ track: t, copyBeforeWrite: d.copyBeforeWrite, setBit: d.setBit });
  }
  if (tracks.some((d) => d.copyBeforeWrite)) {
    // Refusals come before any track is copied, so a refused write changes nothing.
    volume.checkAccess(offset, length);
    if (!tracks.every((d) => !d.copyBeforeWrite || copySideTakes(pair, d.track))) {
      return { volume, offset, length, pair, tracks: tracks.map((d) => ({ track: d.track, copyBeforeWrite: null, setBit: 'gen' })), lost: true }; // LC-F-1
    }
  }
  return { volume, offset, length, pair, tracks };
}

/** LC-W-8: the original must give the track (else the write is refused); whether the copy's storage can take it (LC-F-1). */
function copySideTakes(pair: LocalPair, track: number): boolean {
  const { offset, length } = pair.original.trackRange(track);
  pair.original.checkAccess(offset, length);
  try {
    pair.copy.checkAccess(offset, length);
    return true;
  } catch (e) {
    if (isModelError(e) && e.code === 'DATA_LOSS') return false;
    throw e;
  }
}

/** Copies before the write, clears and sets the bits, then stores the bytes. */
export function commitLocalWrite(plan: LocalWritePlan, data: Uint8Array): void {
  const { pair } = plan;
  if (pair && plan.lost) pair.suspendByError(); // LC-F-1, before the write is stored
  if (pair) {
    for (const d of plan.tracks) {
      if (!d.copyBeforeWrite) continue;
      pair.copyTrack(d.track);
      pair.bits[d.copyBeforeWrite].clear(d.track);
    }
    for (const d of plan.tracks) if (d.setBit) pair.bits[d.setBit].set(d.track);
  }
  plan.volume.write(plan.offset, data);
}
