import { fail } from '../errors.ts';
import type { RaidGroup } from '../raid/raid-group.ts';
import { withinLimit } from '../limits.ts';
import { requireInteger } from '../validate.ts';
import type { Emulation } from './emulation.ts';
import type { Ldev, LdevPool } from './ldev-pool.ts';

export interface AreaRequest {
  readonly tracks: readonly [number, number];
  readonly group: RaidGroup;
}

/** What the controller reports back for a designated area (seed, third embodiment). */
export interface AreaReport {
  readonly tracks: readonly [number, number];
  readonly raidGroup: string;
  /** Inclusive logical address range mapped on the area's LDEVs. */
  readonly mappedBytes: readonly [number, number];
  readonly ldevs: readonly number[];
}

export interface FormationPlan {
  readonly ldevs: readonly Ldev[];
  readonly areas: readonly AreaReport[];
}

/**
 * VOL-F-1..VOL-F-4: chooses the LDEVs of a new volume. Designated areas take free LDEVs of
 * their RAID group for every table entry they touch; the remaining entries take free LDEVs
 * of `defaultGroup` (or of any group, lowest number first). Nothing is taken until the
 * whole plan fits.
 */
export function planFormation(
  pool: LdevPool,
  emulation: Emulation,
  areas: readonly AreaRequest[],
  defaultGroup: RaidGroup | undefined,
): FormationPlan {
  const L = pool.ldevBytes;
  if (emulation.bytes < L) {
    fail('INVALID_ARGUMENT', `ldevBytes ${L} is larger than this ${emulation.bytes}-byte volume; the seed requires the logical storage device size to be at most the smallest volume's`);
  }
  const entries = Math.ceil(emulation.bytes / L);
  // LIM-4: the capacity check comes before any structure sized by the request.
  if (entries > pool.freeCount()) fail('NO_CAPACITY', `the volume needs ${entries} logical storage devices of ${L} bytes; the system has ${pool.freeCount()} free`);
  withinLimit('extentsPerRequestMax', 'the number of designated areas', areas.length);
  const groupOfEntry: (RaidGroup | undefined)[] = Array.from({ length: entries }, () => defaultGroup);
  const owner: number[] = Array.from({ length: entries }, () => -1);
  const spans = areas.map((area, i) => areaEntries(area, i, emulation, L));
  spans.forEach(([first, last], i) => {
    for (let e = first; e <= last; e++) {
      if (owner[e]! >= 0) {
        fail('INVALID_ARGUMENT', `area ${i} (tracks ${areas[i]!.tracks.join('..')}) maps onto logical storage device entry ${e}, already mapped for area ${owner[e]}: designate areas on separate ${L}-byte ranges`);
      }
      owner[e] = i;
      groupOfEntry[e] = areas[i]!.group;
    }
  });
  const ldevs = chooseLdevs(pool, groupOfEntry);
  const reports = areas.map((area, i): AreaReport => {
    const [first, last] = spans[i]!;
    return {
      tracks: area.tracks,
      raidGroup: area.group.id,
      mappedBytes: [first * L, Math.min((last + 1) * L, emulation.bytes) - 1],
      ldevs: ldevs.slice(first, last + 1).map((l) => l.number),
    };
  });
  return { ldevs, areas: reports };
}

function areaEntries(area: AreaRequest, i: number, e: Emulation, L: number): [number, number] {
  const a = requireInteger(`area ${i} first track`, area.tracks[0]);
  const b = requireInteger(`area ${i} last track`, area.tracks[1]);
  if (a > b) fail('INVALID_ARGUMENT', `area ${i}: first track ${a} is after last track ${b}`);
  if (b >= e.tracks) fail('OUT_OF_RANGE', `area ${i}: track ${b} is outside the volume's ${e.tracks} tracks`);
  const start = a * e.trackBytes;
  const end = Math.min((b + 1) * e.trackBytes, e.bytes);
  return [Math.floor(start / L), Math.floor((end - 1) / L)];
}

/** VOL-F-2, VOL-F-3: designated entries take their group's LDEVs, the rest the default group's. */
function chooseLdevs(pool: LdevPool, groupOfEntry: readonly (RaidGroup | undefined)[]): Ldev[] {
  const taken = new Set<number>();
  const chosen: (Ldev | undefined)[] = groupOfEntry.map(() => undefined);
  const byGroup = new Map<RaidGroup | undefined, number[]>();
  groupOfEntry.forEach((g, e) => {
    const list = byGroup.get(g);
    if (list) list.push(e);
    else byGroup.set(g, [e]);
  });
  // Designated groups first, so "any group" entries do not take their LDEVs.
  const order = [...byGroup.keys()].sort((x, y) => (x === undefined ? 1 : 0) - (y === undefined ? 1 : 0));
  for (const g of order) {
    const wanted = byGroup.get(g)!;
    const picked = pool.pick(wanted.length, g, taken);
    wanted.forEach((e, i) => {
      chosen[e] = picked[i]!;
      taken.add(picked[i]!.number);
    });
  }
  return chosen as Ldev[];
}
