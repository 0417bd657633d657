import { isModelError } from '../errors.ts';
import { firstDifference } from './bytes-equal.ts';
import { ScratchBuffer } from './scratch-buffer.ts';
import type { Model } from '../model/model.ts';
import type { Violation } from '../violation.ts';
import { inArea, unionArea } from '../remote-copy/area.ts';
import type { RemotePair } from '../remote-copy/remote-pair.ts';
import { datasetsInside } from '../vtoc/datasets.ts';
import { decodeVtoc, encodeVtoc } from '../vtoc/vtoc-format.ts';
import type { ReferenceVolumes } from './reference-volumes.ts';
import { type CheckScope, FULL, scopedTracks } from './check-scope.ts';
import { tracksThatMayHoldData } from './unwritten-tracks.ts';
import type { Checker } from './checker.ts';

/** What the checker knows a pair's target must hold (RC-INV-1). */
type Image = { readonly mode: 'follows' } | { readonly mode: 'frozen'; readonly tracks: Map<number, Uint8Array> } | { readonly mode: 'none' };

/**
 * The checker's own record of what each remote pair's target must show, kept from the host
 * writes it saw and the states it observed after each step (spec/remote-copy.md RC-INV-1,
 * RC-INV-5): a `duplex` target follows the source; one suspended from `duplex` is frozen at
 * the source's bytes of that moment; any other has no consistent image.
 */
export class RemoteCopyReference {
  private readonly images = new Map<string, Image>();
  /** RC-INV-5 violations found at a takeover, reported by the next check. */
  private readonly atTakeover: Violation[] = [];

  constructor(private readonly reference: ReferenceVolumes) {}

  /** After every step: a pair that reached duplex follows; one that left it freezes. */
  observe(model: Model): void {
    for (const pair of model.remote.pairs.values()) {
      const before = this.images.get(pair.id)?.mode ?? 'none';
      if (pair.state === 'duplex') this.images.set(pair.id, { mode: 'follows' });
      else if (pair.state === 'suspended' && before === 'follows') this.images.set(pair.id, { mode: 'frozen', tracks: this.sourceTracks(pair) });
      else if (pair.state === 'copying') this.images.set(pair.id, { mode: 'none' });
    }
    for (const id of this.images.keys()) if (!model.remote.pairs.has(id)) this.images.delete(id);
  }

  /**
   * RC-INV-1, RC-INV-5 at a takeover the model accepted: the target key is the host's volume
   * again, holding each pair's image on its area and the cleaned VTOC in track 0.
   */
  tookOver(model: Model, pairIds: readonly string[], targetKey: string, readDatasets: (key: string) => string[] | null): void {
    const pairs = pairIds.map((id) => model.remote.pair(id));
    const image = new Map<number, Uint8Array>();
    for (const p of pairs) for (const [t, bytes] of this.expected(p)) image.set(t, bytes);
    const area = unionArea(pairs.map((p) => p.area));
    const track0 = image.get(0);
    if (track0 !== undefined) {
      const kept = datasetsInside(decodeVtoc(track0, pairs[0]!.source.volume.tracks), area);
      this.judgeVtoc(targetKey, kept.map((d) => d.name).sort(), readDatasets(targetKey));
      if (kept.length < decodeVtoc(track0, pairs[0]!.source.volume.tracks).length) track0.set(encodeVtoc(kept), 0);
    }
    this.reference.adopt(targetKey, image, pairs[0]!.source.volume.emulation.trackBytes);
    for (const id of pairIds) this.images.delete(id);
  }

  /** RC-INV-5: right after the takeover, the VTOC lists exactly the datasets wholly inside the copied area. */
  private judgeVtoc(key: string, expected: readonly string[], actual: string[] | null): void {
    if (actual === null || actual.join(',') === expected.join(',')) return;
    this.atTakeover.push({ invariant: 'RC-INV-5', message: `${key} VTOC lists [${actual.join(', ')}] after takeover, expected the datasets wholly inside the copied area [${expected.join(', ')}]` });
  }

  /** What the pair's target holds, track by track, by the checker's record. */
  private expected(pair: RemotePair): Map<number, Uint8Array> {
    const image = this.images.get(pair.id);
    if (image?.mode === 'frozen') return new Map([...image.tracks].map(([t, b]) => [t, b.slice()]));
    return this.sourceTracks(pair);
  }

  /** The source's tracks over the area by the checker's record, sparse (LIM-8): absent tracks are zero; track 0 (the VTOC) is always there. */
  private sourceTracks(pair: RemotePair): Map<number, Uint8Array> {
    const tracks = new Map<number, Uint8Array>();
    const T = pair.source.volume.emulation.trackBytes;
    const written = this.reference.writtenTracks(pair.source.key, T, pair.area);
    for (const t of inArea(pair.area, 0) ? [0, ...written] : written) {
      const { offset, length } = pair.source.volume.trackRange(t);
      tracks.set(t, this.reference.bytes(pair.source.key, offset, length));
    }
    return tracks;
  }

  /** RC-INV-1..RC-INV-3 and RC-INV-5's VTOC, now; `consume` hands the takeover findings out once (as `check` does). */
  compare(model: Model, consume = true, scope: CheckScope = FULL): Violation[] {
    const found: Violation[] = consume ? this.atTakeover.splice(0) : [...this.atTakeover];
    for (const pair of model.remote.pairs.values()) {
      if (pair.source.system.failed || pair.targetSystem.failed) continue;
      if (pair.state === 'duplex' || pair.state === 'copying' || pair.state === 'suspended' || pair.state === 'suspendedByError') found.push(...relational(pair, scope));
    }
    return found;
  }
}

/** RC-INV-1 (duplex), RC-INV-2 (copying), RC-INV-3 (recorded where they differ); scoped: CHK-1. */
function relational(pair: RemotePair, scope: CheckScope): Violation[] {
  const found: Violation[] = [];
  const scoped = scope.tracks(pair.source.volume);
  // LIM-8: under a full scope, tracks neither side holds data for read zero on both.
  const tracks = scoped === 'all' ? tracksThatMayHoldData(pair.area, [pair.source.volume, pair.target]) : scopedTracks(scoped, pair.area);
  tracks.forEach((t) => {
    if (found.length > 0) return;
    const same = sameTrack(pair, t);
    if (same !== false) return;
    if (pair.state === 'duplex') found.push({ invariant: 'RC-INV-1', message: `pair ${pair.id} (duplex): track ${t} differs between ${pair.source.key} and ${pair.targetKey}` });
    else if (pair.state === 'copying' && t < pair.pointer && !pair.bits.get(t)) found.push({ invariant: 'RC-INV-2', message: `pair ${pair.id} (copying, pointer ${pair.pointer}): track ${t} below the pointer differs and is not recorded` });
    else if (!pair.bits.get(t)) found.push({ invariant: 'RC-INV-3', message: `pair ${pair.id} (${pair.state}): track ${t} differs between source and target but is not set in the difference bitmap` });
  });
  return found;
}

/** What the two sides of a track are read into while compared (CHK-1). */
const sourceScratch = new ScratchBuffer();
const targetScratch = new ScratchBuffer();

/** Whether the track reads the same on both sides (null when a side refuses: DATA_LOSS). */
function sameTrack(pair: RemotePair, track: number): boolean | null {
  const { offset, length } = pair.source.volume.trackRange(track);
  try {
    const a = sourceScratch.take(length);
    const b = targetScratch.take(length);
    pair.source.volume.readInto(offset, length, a, 0);
    pair.target.readInto(offset, length, b, 0);
    return firstDifference(a, b) < 0;
  } catch (e) {
    if (isModelError(e) && e.code === 'DATA_LOSS') return null;
    throw e;
  }
}

/** The `check` op's checker of the remote pairs' targets against their sources. */
export const remoteCopyChecker: Checker<{ readonly model: Model; readonly remoteCopyReference: RemoteCopyReference }> = {
  name: 'remote-copy targets',
  invariants: ['RC-INV-1', 'RC-INV-2', 'RC-INV-3', 'RC-INV-5'],
  check: (target, scope, consume) => target.remoteCopyReference.compare(target.model, consume, scope),
};
