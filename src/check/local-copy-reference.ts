import { isModelError } from '../errors.ts';
import { firstDifference } from './bytes-equal.ts';
import type { Extent } from '../local-copy/extents.ts';
import type { LocalPair } from '../local-copy/local-pair.ts';
import type { Model } from '../model/model.ts';
import type { Violation } from '../model/invariants.ts';
import type { ReferenceVolumes } from './reference-volumes.ts';

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

  /** LC-INV-1..3 and LC-INV-4 (BitmapSound). */
  compare(model: Model): Violation[] {
    const found: Violation[] = [];
    for (const pair of model.localCopy.pairs.values()) {
      if (model.localCopy.systemOfPair(pair.id).failed) continue;
      found.push(...this.pointInTime(model, pair), ...bitmapSound(pair));
    }
    return found;
  }

  private pointInTime(model: Model, pair: LocalPair): Violation[] {
    const image = this.images.get(pair.id);
    if (!image) return [];
    for (const [t, expected] of image) {
      // The image holds the original's track, which is shorter when it is the original's last one.
      const { offset } = pair.copy.trackRange(t);
      let actual: Uint8Array;
      try {
        actual = model.localCopy.read(pair.copy, offset, expected.length);
      } catch (e) {
        if (isModelError(e) && (e.code === 'INVALID_STATE' || e.code === 'DATA_LOSS')) continue;
        throw e;
      }
      const i = firstDifference(actual, expected);
      if (i >= 0) {
        return [{ invariant: 'LC-INV-1', message: `pair ${pair.id} (${pair.machineState}): copy track ${t} byte ${i} is not the original's at the request` }];
      }
    }
    return [];
  }
}

/** LC-INV-4: where every bitmap says 0, copy and original agree (area pairs: only while generating/generated). */
function bitmapSound(pair: LocalPair): Violation[] {
  if (pair.area !== null && pair.state !== 'UG' && pair.state !== 'GC') return [];
  const ranges = pair.area ?? [[0, pair.original.tracks - 1] as const];
  for (const [a, b] of ranges) {
    for (let t = a; t <= b; t++) {
      if (pair.bits.gen.get(t) || pair.bits.div.get(t) || pair.bits.upd.get(t)) continue;
      const { offset, length } = pair.original.trackRange(t);
      let o: Uint8Array;
      let c: Uint8Array;
      try {
        o = pair.original.read(offset, length);
        c = pair.copy.read(offset, length);
      } catch (e) {
        if (isModelError(e) && e.code === 'DATA_LOSS') continue;
        throw e;
      }
      if (firstDifference(o, c) >= 0) {
        return [{ invariant: 'LC-INV-4', message: `pair ${pair.id} (${pair.machineState}): track ${t} differs but no bitmap records it` }];
      }
    }
  }
  return [];
}

