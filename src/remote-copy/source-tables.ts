import type { StorageSystem } from '../system/storage-system.ts';
import type { LogicalVolume } from '../volume/logical-volume.ts';
import type { RemotePair } from './remote-pair.ts';
import { areaByteRanges } from './target-allocation.ts';

/** RC-D-2: tracks per group of the fifth embodiment's group table (one 15-track cylinder). */
export const GROUP_TRACKS = 15;

/**
 * The source side's lookup from a written address to its remote pairs, in the system's
 * design (RC-D-1): per LDEV entry of the volume (Fig. 3, 302/305/314/315: RC-D-3) or per
 * group of the volume's group table (Fig. 10, 805/820/821: RC-D-2). Each slot lists the
 * pairs whose area touches it; the pair's own area then decides per track.
 */
export class SourceTables {
  private readonly byVolume = new Map<LogicalVolume, Map<number, RemotePair[]>>();

  /** The slot of a byte address: LDEV entry (division by ldevBytes) or group number. */
  static slotOf(system: StorageSystem, volume: LogicalVolume, address: number): number {
    if (system.design === 'ldev') return Math.floor(address / system.ldevBytes);
    return Math.floor(Math.floor(address / volume.emulation.trackBytes) / GROUP_TRACKS);
  }

  /** The slots a pair's area touches. */
  static slotsOf(pair: RemotePair): number[] {
    const { system, volume } = pair.source;
    const slots = new Set<number>();
    for (const [first, last] of areaByteRanges(pair.area, volume.emulation)) {
      const a = SourceTables.slotOf(system, volume, first);
      const b = SourceTables.slotOf(system, volume, last);
      for (let s = a; s <= b; s++) slots.add(s);
    }
    return [...slots];
  }

  add(pair: RemotePair): void {
    let slots = this.byVolume.get(pair.source.volume);
    if (!slots) this.byVolume.set(pair.source.volume, (slots = new Map())); // the group table is assigned (RC-D-2)
    for (const s of SourceTables.slotsOf(pair)) {
      const list = slots.get(s);
      if (list) list.push(pair);
      else slots.set(s, [pair]);
    }
  }

  remove(pair: RemotePair): void {
    const slots = this.byVolume.get(pair.source.volume);
    if (!slots) return;
    for (const s of SourceTables.slotsOf(pair)) {
      const list = slots.get(s)?.filter((p) => p !== pair) ?? [];
      if (list.length > 0) slots.set(s, list);
      else slots.delete(s);
    }
    if (slots.size === 0) this.byVolume.delete(pair.source.volume); // released with the last pair
  }

  /** RC-W-2: the pairs whose slots a host I/O of [offset, offset+length) touches. */
  pairsFor(system: StorageSystem, volume: LogicalVolume, offset: number, length: number): readonly RemotePair[] {
    const slots = this.byVolume.get(volume);
    if (!slots || length === 0) return [];
    const a = SourceTables.slotOf(system, volume, offset);
    const b = SourceTables.slotOf(system, volume, offset + length - 1);
    if (a === b) return slots.get(a) ?? [];
    const found = new Set<RemotePair>();
    for (let s = a; s <= b; s++) for (const p of slots.get(s) ?? []) found.add(p);
    return [...found];
  }

  /** RC-INV-6: the slots list exactly the pairs whose area touches them. */
  check(pairs: readonly RemotePair[]): string[] {
    const problems: string[] = [];
    const expected = new SourceTables();
    for (const p of pairs) expected.add(p);
    for (const [volume, slots] of expected.byVolume) {
      const actual = this.byVolume.get(volume);
      for (const [s, list] of slots) {
        const got = new Set(actual?.get(s) ?? []);
        if (got.size !== list.length || list.some((p) => !got.has(p))) problems.push(`volume ${volume.id} slot ${s} lists ${[...got].map((p) => p.id).join(',') || 'no pair'}, expected ${list.map((p) => p.id).join(',')}`);
      }
    }
    for (const [volume, slots] of this.byVolume) {
      for (const s of slots.keys()) if (!expected.byVolume.get(volume)?.has(s)) problems.push(`volume ${volume.id} slot ${s} lists a pair whose area does not touch it`);
    }
    return problems;
  }
}
