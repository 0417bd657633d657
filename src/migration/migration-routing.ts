import type { LogicalVolume } from '../volume/logical-volume.ts';
import type { MigrationPair } from './migration-pair.ts';

/** Tracks [first, last] a byte range touches. */
function trackSpan(volume: LogicalVolume, offset: number, length: number): [number, number] {
  const T = volume.emulation.trackBytes;
  return [Math.floor(offset / T), Math.floor((offset + length - 1) / T)];
}

/**
 * MG-R-1: a host read of the migration's target. Pending tracks come from the old system
 * (`requireOld` refuses first when it cannot be reached); the rest from `readTarget`.
 */
export function migrationRead(
  pair: MigrationPair,
  offset: number,
  length: number,
  requireOld: () => void,
  readTarget: (offset: number, length: number) => Uint8Array,
): Uint8Array {
  if (length === 0) return new Uint8Array(0);
  const [first, last] = trackSpan(pair.target.volume, offset, length);
  const pending = [];
  for (let t = first; t <= last; t++) if (pair.pending.get(t)) pending.push(t);
  if (pending.length > 0) requireOld();
  const out = readTarget(offset, length);
  for (const t of pending) {
    const { offset: a, length: n } = pair.target.volume.trackRange(t);
    const from = Math.max(a, offset);
    const to = Math.min(a + n, offset + length);
    out.set(pair.source.volume.read(from, to - from), from - offset);
  }
  return out;
}

/**
 * MG-W-1 (corrected; erratum MG-E-1): a pending track the write covers only in part is
 * first fetched whole from the old system; the write lands on the target with those tracks,
 * which are then marked copied. Literal: the write lands on the target alone and the track
 * stays pending, so the copy later overwrites it.
 */
export function migrationWrite(
  pair: MigrationPair,
  offset: number,
  data: Uint8Array,
  literal: boolean,
  requireOld: () => void,
  store: (offset: number, data: Uint8Array) => void,
): void {
  if (literal || data.length === 0) return store(offset, data);
  const volume = pair.target.volume;
  const [first, last] = trackSpan(volume, offset, data.length);
  const touched: number[] = [];
  for (let t = first; t <= last; t++) if (pair.pending.get(t)) touched.push(t);
  const partial = touched.filter((t) => {
    const { offset: a, length: n } = volume.trackRange(t);
    return a < offset || a + n > offset + data.length;
  });
  if (partial.length === 0) {
    store(offset, data);
  } else {
    requireOld();
    const from = Math.min(offset, volume.trackRange(partial[0]!).offset);
    const lastRange = volume.trackRange(partial[partial.length - 1]!);
    const to = Math.max(offset + data.length, lastRange.offset + lastRange.length);
    const merged = volume.read(from, to - from); // the target's own bytes where nothing is pending
    for (const t of partial) {
      const { offset: a, length: n } = volume.trackRange(t);
      merged.set(pair.source.volume.read(a, n), a - from);
    }
    merged.set(data, offset - from);
    store(from, merged);
  }
  for (const t of touched) pair.pending.clear(t);
}
