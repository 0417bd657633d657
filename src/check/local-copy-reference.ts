import { firstDifference, firstNonZero } from './bytes-equal.ts';
import { ScratchBuffer } from './scratch-buffer.ts';
import { type Extent, mergeExtents } from '../local-copy/extents.ts';
import { isModelError } from '../errors.ts';
import { inArea } from '../remote-copy/area.ts';
import type { LocalPair } from '../local-copy/local-pair.ts';
import type { Model } from '../model/model.ts';
import type { Violation } from '../violation.ts';
import type { ReferenceVolumes } from './reference-volumes.ts';
import { type CheckScope, FULL, scopedTracks } from './check-scope.ts';
import { forEachTrackRead, type TrackReader } from './track-runs.ts';
import { tracksThatMayHoldData } from './unwritten-tracks.ts';
import type { Checker } from './checker.ts';

/**
 * The settled images each pair's copy volume must show (spec/local-copy.md): LC-INV-1 from a
 * division, LC-INV-2 over an extent update's extents, LC-INV-3 from an extent division that
 * follows a couple (the images are retaken at each request, so a write in between must show).
 * taken from the checker's own record of host writes at the moment of each request.
 */
/** A settled image, sparse (LIM-8): over `ranges`, each track absent from `tracks` must read zero. */
interface Image {
  ranges: Extent[];
  readonly tracks: Map<number, Uint8Array>;
  /** Which invariant each captured extent proves (the latest capture of a track wins). */
  readonly proves: Array<{ readonly extents: readonly Extent[]; readonly invariant: string }>;
}

/** The request that took an image: a division, an extent update or an extent division. */
export type Capture = 'divide' | 'extentUpdate' | 'extentDivide';

export class LocalCopyReference {
  private readonly images = new Map<string, Image>();

  constructor(private readonly reference: ReferenceVolumes) {}

  private readonly coupled = new Set<string>();

  /**
   * At a division, extent division or extent update request: the original's tracks now. An
   * extent update adds to the image (LC-INV-2); the others replace it (LC-INV-1, or LC-INV-3
   * when an extent couple came first).
   */
  capture(pair: LocalPair, originalKey: string, ranges: readonly Extent[], how: Capture): void {
    const invariant = how === 'extentUpdate' ? 'LC-INV-2' : how === 'extentDivide' && this.coupled.has(pair.id) ? 'LC-INV-3' : 'LC-INV-1';
    let image = this.images.get(pair.id);
    if (!image || how !== 'extentUpdate') this.images.set(pair.id, (image = { ranges: [], tracks: new Map(), proves: [] }));
    image.proves.push({ extents: [...ranges], invariant });
    for (const t of [...image.tracks.keys()]) if (inArea(ranges, t)) image.tracks.delete(t);
    image.ranges = mergeExtents([...image.ranges, ...ranges]);
    for (const t of this.reference.writtenTracks(originalKey, pair.original.emulation.trackBytes, mergeExtents(ranges))) {
      const { offset, length } = pair.original.trackRange(t);
      image.tracks.set(t, this.reference.bytes(originalKey, offset, length));
    }
  }

  /** After a couple or a deletion there is no settled image any more; a couple is remembered for LC-INV-3. */
  drop(pairId: string, couple = false): void {
    this.images.delete(pairId);
    if (couple) this.coupled.add(pairId);
    else this.coupled.delete(pairId);
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
    const reader: TrackReader = {
      trackBytes: pair.copy.emulation.trackBytes,
      bytes: pair.copy.bytes,
      read: (offset, length) => {
        const out = copyScratch.take(length);
        model.localCopy.readInto(pair.copy, offset, length, out);
        return out;
      },
      skips: (e) => e.code === 'INVALID_STATE' || e.code === 'DATA_LOSS',
    };
    let found: Violation | null = null;
    const visit = (t: number, bytes: Uint8Array): boolean => {
      // The image holds the original's track, which is shorter when it is the original's last one.
      const length = pair.original.trackRange(t).length;
      const expected = image.tracks.get(t);
      const i = expected ? firstDifference(bytes.subarray(0, length), expected) : firstNonZero(bytes.subarray(0, length));
      if (i >= 0) found = { invariant: provenBy(image, t), message: `pair ${pair.id} (${pair.machineState}): copy track ${t} byte ${i} is not the original's at the request` };
      return found !== null;
    };
    const scoped = scope.tracks(pair.copy);
    // LIM-8: under a full scope, tracks neither volume holds data for read zero everywhere.
    const tracks = scoped === 'all' ? tracksThatMayHoldData(image.ranges, [pair.original, pair.copy], image.tracks.keys()) : scoped.filter((t) => inArea(image.ranges, t)).sort((x, y) => x - y);
    forEachTrackRead(reader, tracks, visit);
    if (found) return [found];
    return [];
  }
}

/** The invariant the latest capture covering track t proves. */
function provenBy(image: Image, t: number): string {
  for (let k = image.proves.length - 1; k >= 0; k--) if (inArea(image.proves[k]!.extents, t)) return image.proves[k]!.invariant;
  return 'LC-INV-1';
}


/** What the copy's and the original's tracks are read into while compared (CHK-1): each valid until its next read. */
const copyScratch = new ScratchBuffer();
const originalScratch = new ScratchBuffer();

/** LC-INV-4: where every bitmap says 0, copy and original agree (area pairs: only while generating/generated). */
function bitmapSound(pair: LocalPair, scope: CheckScope): Violation[] {
  if (pair.area !== null && pair.state !== 'generating' && pair.state !== 'generated') return [];
  const ranges = pair.area ?? [[0, pair.original.tracks - 1] as const];
  const scoped = scope.tracks(pair.original);
  const tracks = scoped === 'all' ? tracksThatMayHoldData(ranges, [pair.original, pair.copy]) : scopedTracks(scoped, ranges); // LIM-8
  const clear = tracks.filter((t) => !pair.bits.gen.get(t) && !pair.bits.div.get(t) && !pair.bits.upd.get(t));
  const original: TrackReader = {
    trackBytes: pair.original.emulation.trackBytes,
    bytes: pair.original.bytes,
    read: (o, n) => {
      const out = originalScratch.take(n);
      pair.original.readInto(o, n, out, 0);
      return out;
    },
    skips: (e) => e.code === 'DATA_LOSS',
  };
  let found: Violation | null = null;
  // Each original track (read in runs) against the copy's same track, read as it is visited.
  forEachTrackRead(original, clear, (t, bytes) => {
    const copy = copyTrackBytes(pair, t, bytes.length);
    if (copy && firstDifference(bytes, copy) >= 0) found = { invariant: 'LC-INV-4', message: `pair ${pair.id} (${pair.machineState}): track ${t} differs but no bitmap records it` };
    return found !== null;
  });
  return found ? [found] : [];
}

/** The copy volume's bytes of track t (`length` of them, as the original's), or null when its storage refuses (DATA_LOSS). */
function copyTrackBytes(pair: LocalPair, t: number, length: number): Uint8Array | null {
  const out = copyScratch.take(length);
  try {
    pair.copy.readInto(t * pair.original.emulation.trackBytes, length, out, 0);
    return out;
  } catch (e) {
    if (isModelError(e) && e.code === 'DATA_LOSS') return null;
    throw e;
  }
}

/** The `check` op's checker of the local pairs' settled images and bitmaps. */
export const localCopyChecker: Checker<{ readonly model: Model; readonly localCopyReference: LocalCopyReference }> = {
  name: 'local-copy images',
  invariants: ['LC-INV-1', 'LC-INV-2', 'LC-INV-3', 'LC-INV-4'],
  check: (target, scope) => target.localCopyReference.compare(target.model, scope),
};
