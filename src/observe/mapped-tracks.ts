import type { LogicalVolume } from '../volume/logical-volume.ts';

/**
 * The tracks of a partial volume that are mapped, as inclusive ranges, merged (RC-G-2,
 * RC-G-3: a remote copy's extent target lives in the source's address space and maps only
 * the area; `volumeInfo` gives the same mapping in bytes). A track counts as mapped when any
 * of its bytes is. Null for a volume that maps every address. Reads the volume table only.
 */
export function mappedTracks(volume: LogicalVolume): Array<[number, number]> | null {
  if (volume.whole) return null;
  const trackBytes = volume.emulation.trackBytes;
  const runs: Array<[number, number]> = [];
  for (const [first, last] of volume.mappedRanges()) {
    const a = Math.floor(first / trackBytes);
    const b = Math.floor(last / trackBytes);
    const prev = runs[runs.length - 1];
    if (prev && prev[1] + 1 >= a) prev[1] = Math.max(prev[1], b);
    else runs.push([a, b]);
  }
  return runs;
}
