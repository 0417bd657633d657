import type { DifferenceBitmap } from '../bitmap/difference-bitmap.ts';
import type { LocalPair } from '../local-copy/local-pair.ts';
import type { MigrationPair } from '../migration/migration-pair.ts';
import type { Model } from '../model/model.ts';
import type { RemotePair } from '../remote-copy/remote-pair.ts';
import type { BitmapSnapshot, PairSnapshot } from './snapshot.ts';

/**
 * Every pair of the model as plain JSON: state, volumes, area and difference bitmaps as
 * set-bit lists. Local pairs first, then remote, then migration, each in creation order.
 */
export function pairSnapshots(model: Model): PairSnapshot[] {
  return [
    ...[...model.localCopy.pairs.values()].map((p) => localPairSnapshot(model, p)),
    ...[...model.remote.pairs.values()].map(remotePairSnapshot),
    ...[...model.migration.pairs.values()].map(migrationPairSnapshot),
  ];
}

/** A bitmap's set bits (tracks), ascending. */
export function bitmapSnapshot(name: string, bits: DifferenceBitmap): BitmapSnapshot {
  return { name, tracks: bits.bits, set: Array.from(bits.toArray()) };
}

/**
 * The names `status` uses (`bits: {gen, div, upd}`, `dividedExtents`), so the narrative and
 * the trace agree; the extents divided (LC-R-4) and being updated (LC-R-3) as copies.
 */
function localPairSnapshot(model: Model, pair: LocalPair): PairSnapshot {
  const system = model.localCopy.systemOfPair(pair.id).id;
  return {
    id: pair.id,
    kind: 'local',
    machine: 'localPair',
    state: pair.machineState,
    from: `${system}:${pair.original.id}`,
    to: `${system}:${pair.copy.id}`,
    extents: copyExtents(pair.area),
    bitmaps: [bitmapSnapshot('gen', pair.bits.gen), bitmapSnapshot('div', pair.bits.div), bitmapSnapshot('upd', pair.bits.upd)],
    dividedExtents: copyRanges(pair.dividedExtents),
    updateExtents: copyRanges(pair.updateExtents),
  };
}

/** `difference` as in `status`; while `takingOver` also the takeover copy's pending tracks (RC-T-3). */
function remotePairSnapshot(pair: RemotePair): PairSnapshot {
  const bitmaps = [bitmapSnapshot('difference', pair.bits)];
  if (pair.takeoverCopy) bitmaps.push(bitmapSnapshot('takeoverPending', pair.takeoverCopy.pending));
  return {
    id: pair.id,
    kind: 'remote',
    machine: 'remotePair',
    state: pair.state,
    from: pair.source.key,
    to: pair.targetKey,
    extents: copyExtents(pair.area),
    bitmaps,
  };
}

function migrationPairSnapshot(pair: MigrationPair): PairSnapshot {
  return {
    id: pair.id,
    kind: 'migration',
    machine: 'migrationPair',
    state: pair.state,
    from: pair.source.key,
    to: pair.target.key,
    extents: copyExtents(pair.area),
    bitmaps: [bitmapSnapshot('pending', pair.pending)],
  };
}

/** A copy, so a later step that changes the pair's extents does not rewrite an older snapshot. */
function copyExtents(area: ReadonlyArray<readonly [number, number]> | null): Array<[number, number]> | null {
  return area === null ? null : copyRanges(area);
}

function copyRanges(ranges: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  return ranges.map(([a, b]) => [a, b]);
}
