import { firstDifference } from './bytes-equal.ts';
import type { Extent } from '../local-copy/extents.ts';
import type { LocalPair } from '../local-copy/local-pair.ts';
import type { Model } from '../model/model.ts';
import type { Violation } from '../model/invariants.ts';
import type { ReferenceVolumes } from './reference-volumes.ts';
import { type CheckScope, FULL, scopedTracks } from './check-scope.ts';
import { forEachTrackRead, type TrackReader } from './track-runs.ts';

/**
 * The settled images each pair's copy volume must show (spec/local-copy.md): LC-INV-1 from a
 * division, LC-INV-2 over an extent update's extents, LC-INV-3 from an extent division that
 * follows a couple (the images are retaken at each request, so a write in between must show).
 * taken from the checker's own record of host writes at the moment of each request.
 */
export class LocalCopyReference {
  private readonly images = new Map<string, Map<number, Uint8Array>>();

  constructor(private readonly reference: ReferenceVolumes) {}

  /** At a division, extent division or extent update request: the original's tracks now. */
  capture(pair: LocalPair, originalKey: string, ranges: readonly Extent[], replace: boolean): void {
    let image = this.images.get(pair.id);
    if (!image || replace) this.images.set(pair.id, (image = new Map()));
    for (const [a, b] of ranges) {
      for (let t = a; t <= b; t++) {
        const { offset, length } = pair.original.trackRange(t);
        image.set(t, this.reference.bytes(originalKey, offset, length));
      }
    }
  }

  /** After a couple or a deletion there is no settled image any more. */
  drop(pairId: string): void {
    this.images.delete(pairId);
  }

  /** LC-INV-1..3 and LC-INV-4 (BitmapSound); under a partial scope, the changed tracks only (CHK-1). */
  compare(model: Model, scope: CheckScope = FULL): Violation[] {
    const found: Violation[] = [];
    for (const pair of model.localCopy.pairs.values()) {
      if (model.localCopy.systemOfPair(pair.id).failed) continue;
      found.push(...this.pointInTime(model, pair, scope), ...bitmapSound(pair, scope));
    }
    return found;
  }

  private pointInTime(model: Model, pair: LocalPair, scope: CheckScope): Violation[] {
    const image = this.images.get(pair.id);
    if (!image) return [];
    const tracks = [...scopedImage(image, scope.tracks(pair.copy))].map(([t]) => t).sort((x, y) => x - y);
    const reader: TrackReader = {
      trackBytes: pair.copy.emulation.trackBytes,
      bytes: pair.copy.bytes,
      read: (offset, length) => model.localCopy.read(pair.copy, offset, length),
      skips: (e) => e.code === 'INVALID_STATE' || e.code === 'DATA_LOSS',
    };
    let found: Violation | null = null;
    forEachTrackRead(reader, tracks, (t, bytes) => {
      // The image holds the original's track, which is shorter when it is the original's last one.
      const expected = image.get(t)!;
      const i = firstDifference(bytes.subarray(0, expected.length), expected);
      if (i >= 0) found = { invariant: 'LC-INV-1', message: `pair ${pair.id} (${pair.machineState}): copy track ${t} byte ${i} is not the original's at the request` };
      return found !== null;
    });
    return found ? [found] : [];
  }
}

/** The image's tracks the scope names (all of them under 'all'). */
function scopedImage(image: ReadonlyMap<number, Uint8Array>, tracks: 'all' | readonly number[]): Iterable<[number, Uint8Array]> {
  if (tracks === 'all') return image;
  const out: Array<[number, Uint8Array]> = [];
  for (const t of tracks) {
    const bytes = image.get(t);
    if (bytes) out.push([t, bytes]);
  }
  return out;
}

/** LC-INV-4: where every bitmap says 0, copy and original agree (area pairs: only while generating/generated). */
function bitmapSound(pair: LocalPair, scope: CheckScope): Violation[] {
  if (pair.area !== null && pair.state !== 'UG' && pair.state !== 'GC') return [];
  const ranges = pair.area ?? [[0, pair.original.tracks - 1] as const];
  const clear = scopedTracks(scope.tracks(pair.original), ranges).filter((t) => !pair.bits.gen.get(t) && !pair.bits.div.get(t) && !pair.bits.upd.get(t));
  const reader = (v: LocalPair['original']): TrackReader => ({ trackBytes: v.emulation.trackBytes, bytes: pair.original.bytes, read: (o, n) => v.read(o, n), skips: (e) => e.code === 'DATA_LOSS' });
  const originals = new Map<number, Uint8Array>();
  forEachTrackRead(reader(pair.original), clear, (t, bytes) => {
    originals.set(t, bytes);
    return false;
  });
  let found: Violation | null = null;
  forEachTrackRead(reader(pair.copy), clear.filter((t) => originals.has(t)), (t, bytes) => {
    if (firstDifference(originals.get(t)!, bytes) >= 0) found = { invariant: 'LC-INV-4', message: `pair ${pair.id} (${pair.machineState}): track ${t} differs but no bitmap records it` };
    return found !== null;
  });
  return found ? [found] : [];
}
