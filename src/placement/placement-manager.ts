import { fail } from '../errors.ts';
import type { StorageSystem } from '../system/storage-system.ts';
import { requireInteger } from '../validate.ts';
import type { LogicalVolume } from '../volume/logical-volume.ts';
import { RebalanceRounds } from './periodic.ts';
import { type Move, Relocation } from './relocation.ts';
import { AccessStatistics } from './statistics.ts';

/**
 * The relocations of the model (spec/placement.md), one per volume at most, each a
 * background process named `relocate:SYSTEM:VOLUME`; and, per system, the access statistics
 * and planner rounds of the fourth embodiment (src/placement/planner.ts).
 */
export class PlacementManager {
  readonly relocations = new Map<string, Relocation>();
  /** PL-S-1: host access statistics per system and LDEV. */
  readonly statistics = new AccessStatistics();
  /** PL-P-2, PL-P-3: the planner's rounds per system. */
  readonly rounds = new RebalanceRounds();

  /** PL-R-1, PL-R-2: starts moving the entries the tracks touch; none to move: null. */
  relocate(system: StorageSystem, volume: LogicalVolume, tracks: readonly number[], groupId: string): Relocation | null {
    const group = system.group(groupId);
    const [a, b] = requireTracks(tracks, volume.tracks);
    const name = processName(system.id, volume.id);
    if (system.design !== 'ldev') fail('INVALID_STATE', `system ${system.id} holds the fifth embodiment's tables: its volumes are not on LDEVs to rearrange`);
    if (!volume.divisible) fail('INVALID_STATE', `volume ${volume.id} is not a whole volume on LDEVs (a partial or merged remote copy target)`);
    if (this.relocations.get(name)?.done === false) fail('INVALID_STATE', `volume ${volume.id} is already relocating (${name})`);
    const T = volume.emulation.trackBytes;
    const L = system.ldevBytes;
    const first = Math.floor((a * T) / L);
    const last = Math.floor((Math.min((b + 1) * T, volume.bytes) - 1) / L);
    const indexes: number[] = [];
    for (let i = first; i <= last; i++) if (volume.table[i]!.ldev.group !== group) indexes.push(i);
    if (indexes.length === 0) return null;
    const to = system.pool.pick(indexes.length, group);
    system.pool.take(to);
    const moves: Move[] = indexes.map((index, k) => ({ index, from: volume.table[index]!.ldev as Move['from'], to: to[k]!, done: false }));
    const relocation = new Relocation(system, volume, moves, group.id, (from, to) => this.statistics.of(system.id).move(from.number, to.number));
    this.relocations.set(name, relocation);
    return relocation;
  }

  /** Relocations still copying, in start order. */
  running(): Array<[string, Relocation]> {
    return [...this.relocations].filter(([, r]) => !r.done);
  }

  /** The relocation of a volume, running or finished. */
  of(systemId: string, volumeId: string): Relocation | undefined {
    return this.relocations.get(processName(systemId, volumeId));
  }

  /** Whether an LDEV is a running relocation's destination (owned, though no table entry maps it yet). */
  destinations(system: StorageSystem): Set<number> {
    const set = new Set<number>();
    for (const [, r] of this.running()) if (r.system === system) for (const mv of r.moves) if (!mv.done) set.add(mv.to.number);
    return set;
  }
}

export function processName(systemId: string, volumeId: string): string {
  return `relocate:${systemId}:${volumeId}`;
}

function requireTracks(tracks: readonly number[], volumeTracks: number): [number, number] {
  if (tracks.length !== 2) fail('INVALID_ARGUMENT', 'tracks must be [firstTrack, lastTrack]');
  const a = requireInteger('first track', tracks[0]);
  const b = requireInteger('last track', tracks[1]);
  if (a > b) fail('INVALID_ARGUMENT', `first track ${a} is after last track ${b}`);
  if (b >= volumeTracks) fail('OUT_OF_RANGE', `track ${b} is outside the volume's ${volumeTracks} tracks`);
  return [a, b];
}
