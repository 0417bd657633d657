import type { ByteRange, RaidGroup } from '../raid/raid-group.ts';
import type { LogicalVolume } from '../volume/logical-volume.ts';

/** Tracks of one volume to compare: every one, or these (ascending). */
export type TrackScope = 'all' | readonly number[];

/**
 * What a comparison must look at (spec/checking.md, CHK-1): everything, or only what either
 * side changed since the last comparison — tracks per volume, byte ranges per RAID group,
 * and the tables only when the control signature changed (CHK-4). Checkers take a scope and
 * never look outside it; `FULL` is what the `check` op uses.
 */
export interface CheckScope {
  /** Volume tables, pair tables and pools are checked (they change only with the control signature). */
  readonly tables: boolean;
  tracks(volume: LogicalVolume): TrackScope;
  /** Device offsets of the group to check for redundancy (RAID-INV-1). */
  groupStripes(group: RaidGroup): 'all' | readonly ByteRange[];
}

export const FULL: CheckScope = { tables: true, tracks: () => 'all', groupStripes: () => 'all' };

/** A scope of changed tracks and group ranges; anything not listed did not change. */
export function partialScope(tables: boolean, tracks: ReadonlyMap<LogicalVolume, TrackScope> | 'all', stripes: ReadonlyMap<RaidGroup, readonly ByteRange[]>): CheckScope {
  return {
    tables,
    tracks: tracks === 'all' ? () => 'all' : (v) => tracks.get(v) ?? [],
    groupStripes: (g) => stripes.get(g) ?? [],
  };
}

/** Inclusive track ranges, as pairs and areas hold them. */
export type TrackRanges = ReadonlyArray<readonly [number, number]>;

/** The tracks of inclusive `ranges` a volume's track scope names, ascending (all of them under 'all'). */
export function scopedTracks(tracks: TrackScope, ranges: TrackRanges): number[] {
  if (tracks !== 'all') return tracks.filter((t) => ranges.some(([a, b]) => t >= a && t <= b));
  const out: number[] = [];
  for (const [a, b] of ranges) for (let t = a; t <= b; t++) out.push(t);
  return out.sort((x, y) => x - y);
}

/** Visits each track of `ranges` the scope names for `volume`, ascending (CHK-1). */
export function forEachScoped(scope: CheckScope, volume: LogicalVolume, ranges: TrackRanges, visit: (track: number) => void): void {
  for (const t of scopedTracks(scope.tracks(volume), ranges)) visit(t);
}
