import type { StorageDevice } from '../device/storage-device.ts';
import type { Arena } from '../kernels/arena.ts';
import { parityInPlace } from './parity-in-place.ts';
import type { RunUnit } from './runs.ts';

/** Arena addresses of a row's units (data, then P, then Q): reused, so a row allocates nothing. */
const runs: number[] = [];
const sources: number[] = [];

/**
 * RAID-W-2 for one row of a RAID5/RAID6 group: every data unit is overwritten, so the data
 * goes straight onto the media and P (and Q) is computed from it where it lies; no reads.
 * Stores row media [at, at+unitBytes): unit j of `units` from `data` on `dataDevices[j]`,
 * then P on `p` and Q on `q`.
 */
export function writeFullRow(
  arena: Arena, at: number, unitBytes: number, data: Uint8Array, units: readonly RunUnit[],
  dataDevices: readonly StorageDevice[], p: StorageDevice, q: StorageDevice | null,
): void {
  if (writeInRuns(arena, at, unitBytes, data, units, dataDevices, p, q)) return;
  for (let j = 0; j < dataDevices.length; j++) dataDevices[j]!.mediaWrite(at, data, units[j]!.hostOffset, unitBytes);
  parityInPlace(arena, at, unitBytes, dataDevices, p, q);
}

/**
 * The common case once the media holds the row (an overwrite): every unit is one run of
 * arena chunks, so each data unit is one copy and P (and Q) one kernel call over the unit.
 * The change record (CHK-2) is what the piece-by-piece path notes. Stores nothing and
 * returns false when some unit is not one run.
 */
function writeInRuns(
  arena: Arena, at: number, unitBytes: number, data: Uint8Array, units: readonly RunUnit[],
  dataDevices: readonly StorageDevice[], p: StorageDevice, q: StorageDevice | null,
): boolean {
  const k = dataDevices.length;
  runs.length = k + 2;
  for (let j = 0; j < k; j++) if ((runs[j] = dataDevices[j]!.arenaRun(at, unitBytes)) < 0) return false;
  if ((runs[k] = p.arenaRun(at, unitBytes)) < 0) return false;
  if (q && (runs[k + 1] = q.arenaRun(at, unitBytes)) < 0) return false;
  const bytes = arena.bytes();
  sources.length = k;
  for (let j = 0; j < k; j++) {
    const from = units[j]!.hostOffset;
    dataDevices[j]!.noteStored(at, unitBytes);
    bytes.set(data.subarray(from, from + unitBytes), runs[j]!);
    sources[j] = runs[j]!;
  }
  p.noteStored(at, unitBytes);
  if (q) q.noteStored(at, unitBytes);
  if (q) arena.genPQ(runs[k]!, runs[k + 1]!, sources, unitBytes);
  else arena.xorMany(runs[k]!, sources, unitBytes);
  return true;
}
