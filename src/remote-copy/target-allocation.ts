import type { StorageSystem } from '../system/storage-system.ts';
import type { Emulation } from '../volume/emulation.ts';
import { LogicalVolume, type VolumeTableEntry } from '../volume/logical-volume.ts';
import type { Area } from './area.ts';

/** Inclusive byte range of a track range of a volume with `emulation`. */
export function areaByteRanges(area: Area, emulation: Emulation): Array<[number, number]> {
  const T = emulation.trackBytes;
  return area.map(([a, b]) => [a * T, Math.min((b + 1) * T, emulation.bytes) - 1]);
}

/**
 * RC-G-2 (Fig. 4 step 410; the n..4n−1 example): LDEV-length ranges from each extent's first
 * unmapped address until the extent is covered. Returns the entries; nothing is taken yet.
 */
export function planLdevTarget(system: StorageSystem, area: Area, emulation: Emulation): VolumeTableEntry[] {
  const L = system.ldevBytes;
  const starts: number[] = [];
  let mappedTo = -1; // last address mapped so far
  for (const [first, last] of areaByteRanges(area, emulation)) {
    for (let at = Math.max(first, mappedTo + 1); at <= last; at += L) {
      starts.push(at);
      mappedTo = at + L - 1;
    }
  }
  const ldevs = system.pool.pick(starts.length);
  return starts.map((first, i) => ({ ldev: ldevs[i]!, first, last: first + L - 1 }));
}

/**
 * RC-G-3 (Fig. 4 step 410, fifth embodiment): one idle range of the area's size; the area's
 * byte ranges follow each other on it.
 */
export function takeRangeTarget(system: StorageSystem, area: Area, emulation: Emulation): VolumeTableEntry[] {
  const ranges = areaByteRanges(area, emulation);
  const range = system.idle.take(ranges.reduce((s, [a, b]) => s + b - a + 1, 0));
  let base = 0;
  return ranges.map(([first, last]) => {
    const entry = { ldev: range, first, last, base };
    base += last - first + 1;
    return entry;
  });
}

/** RC-G-2, RC-G-3: the target volume of a new pair, taken from the target system's free space. */
export function allocateTarget(system: StorageSystem, id: string, area: Area, source: LogicalVolume, full: boolean): LogicalVolume {
  const emulation = source.emulation;
  if (full) {
    const whole = allocateWhole(system, id, emulation);
    system.volumes.set(id, whole);
    return whole;
  }
  const entries = system.design === 'ldev' ? planLdevTarget(system, area, emulation) : takeRangeTarget(system, area, emulation);
  const ldevs = entries.flatMap((e) => (e.ldev.number === null ? [] : [system.pool.get(e.ldev.number)]));
  system.pool.take(ldevs);
  const volume = LogicalVolume.partial(id, emulation, entries, 0);
  volume.remap(entries, volume.allocatedBytes);
  system.volumes.set(id, volume);
  return volume;
}

/** `allocate: "full"` and RC-T-3's volume B: a whole volume of the source's emulation and capacity. */
export function allocateWhole(system: StorageSystem, id: string, emulation: Emulation): LogicalVolume {
  if (system.design === 'group') return LogicalVolume.onRange(id, emulation, system.idle.take(emulation.bytes));
  const ldevs = system.pool.pick(Math.ceil(emulation.bytes / system.ldevBytes));
  system.pool.take(ldevs);
  return LogicalVolume.onLdevs(id, emulation, system.ldevBytes, ldevs);
}
