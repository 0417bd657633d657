import { fail } from '../errors.ts';
import type { RaidGroup } from '../raid/raid-group.ts';
import { formatRange } from './format.ts';
import type { Backing } from './ldev-pool.ts';

/** Allocation unit of an idle range: whole 512-byte blocks (the seed's "number of blocks", 802). */
export const RANGE_BLOCK_BYTES = 512;

/**
 * The RAID group management table's idle address range (Fig. 10, 843) of every group of a
 * system of the fifth embodiment's design (RC-D-1): free byte ranges, taken first-fit from
 * the lowest address, merged again when released.
 */
export class IdleRanges {
  /** Free [start, end) ranges per group, sorted, never adjacent. */
  private readonly free = new Map<RaidGroup, Array<[number, number]>>();

  addGroup(group: RaidGroup): void {
    const end = Math.floor(group.capacityBytes / RANGE_BLOCK_BYTES) * RANGE_BLOCK_BYTES;
    this.free.set(group, end > 0 ? [[0, end]] : []);
  }

  /** Free bytes of one group, or of all. */
  freeBytes(group?: RaidGroup): number {
    let sum = 0;
    for (const [g, list] of this.free) if (!group || g === group) for (const [a, b] of list) sum += b - a;
    return sum;
  }

  ranges(group: RaidGroup): ReadonlyArray<readonly [number, number]> {
    return this.free.get(group) ?? [];
  }

  /** A slice of `bytes` (rounded up to whole blocks) from `group`, or from the first group that has one. */
  take(bytes: number, group?: RaidGroup): Backing {
    const need = Math.ceil(bytes / RANGE_BLOCK_BYTES) * RANGE_BLOCK_BYTES;
    for (const [g, list] of this.free) {
      if (group && g !== group) continue;
      const i = list.findIndex(([a, b]) => b - a >= need);
      if (i < 0) continue;
      const [a, b] = list[i]!;
      if (b - a === need) list.splice(i, 1);
      else list[i] = [a + need, b];
      return { number: null, group: g, groupOffset: a, bytes: need };
    }
    const where = group ? `raid group ${group.id}` : 'any raid group';
    return fail('NO_CAPACITY', `no idle address range of ${need} bytes in ${where} (largest: ${this.largest(group)} bytes)`);
  }

  /** LDEV-4: the range is formatted (zeroed) before it is idle again. */
  release(range: Backing): void {
    formatRange(range.group, range.groupOffset, range.bytes);
    const list = this.free.get(range.group)!;
    list.push([range.groupOffset, range.groupOffset + range.bytes]);
    list.sort((x, y) => x[0] - y[0]);
    for (let i = list.length - 1; i > 0; i--) {
      if (list[i - 1]![1] === list[i]![0]) {
        list[i - 1]![1] = list[i]![1];
        list.splice(i, 1);
      }
    }
  }

  private largest(group?: RaidGroup): number {
    let max = 0;
    for (const [g, list] of this.free) if (!group || g === group) for (const [a, b] of list) max = Math.max(max, b - a);
    return max;
  }
}
