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
 * The migration part of a host write to the target (MG-W-1): the range stored on the target,
 * the pending tracks fetched whole from the old system first, and the pending tracks the
 * write marks copied.
 */
export interface MigrationWritePlan {
  readonly pair: MigrationPair;
  readonly offset: number;
  readonly length: number;
  /** What is stored on the target: the write, widened to the fetched tracks. */
  readonly store: { readonly offset: number; readonly length: number };
  /** Pending tracks the write covers only in part: fetched from the old system (needs it reachable). */
  readonly fetch: readonly number[];
  /** Pending tracks the write touches: marked copied once stored. */
  readonly clear: readonly number[];
}

/**
 * MG-W-1 (corrected; erratum MG-E-1): a pending track the write covers only in part is
 * first fetched whole from the old system; the write lands on the target with those tracks,
 * which are then marked copied. Literal: the write lands on the target alone and the track
 * stays pending, so the copy later overwrites it.
 */
export function planMigrationWrite(pair: MigrationPair, offset: number, length: number, literal: boolean): MigrationWritePlan {
  const plain = { pair, offset, length, store: { offset, length }, fetch: [], clear: [] };
  if (literal || length === 0) return plain;
  const volume = pair.target.volume;
  const [first, last] = trackSpan(volume, offset, length);
  const clear: number[] = [];
  for (let t = first; t <= last; t++) if (pair.pending.get(t)) clear.push(t);
  const fetch = clear.filter((t) => {
    const { offset: a, length: n } = volume.trackRange(t);
    return a < offset || a + n > offset + length;
  });
  if (fetch.length === 0) return { ...plain, clear };
  const from = Math.min(offset, volume.trackRange(fetch[0]!).offset);
  const lastRange = volume.trackRange(fetch[fetch.length - 1]!);
  const to = Math.max(offset + length, lastRange.offset + lastRange.length);
  return { ...plain, store: { offset: from, length: to - from }, fetch, clear };
}

/**
 * The bytes a planned migration write stores on the target: the write itself, or, with
 * fetched tracks, the target's own bytes where nothing is pending, the fetched tracks from
 * the old system, and the write over them.
 */
export function migrationWriteBytes(plan: MigrationWritePlan, data: Uint8Array): Uint8Array {
  if (plan.fetch.length === 0) return data;
  const { pair, store } = plan;
  const volume = pair.target.volume;
  const merged = volume.read(store.offset, store.length);
  for (const t of plan.fetch) {
    const { offset: a, length: n } = volume.trackRange(t);
    merged.set(pair.source.volume.read(a, n), a - store.offset);
  }
  merged.set(data, plan.offset - store.offset);
  return merged;
}

/** Once stored: the touched pending tracks are copied. */
export function settleMigrationWrite(plan: MigrationWritePlan): void {
  for (const t of plan.clear) plan.pair.pending.clear(t);
}
