import { fail } from '../errors.ts';
import type { RaidGroup } from '../raid/raid-group.ts';
import { formatRange } from './format.ts';

/**
 * A slice of one RAID group's address space that a volume table entry maps onto: a logical
 * storage device (Fig. 3) or, in the fifth embodiment's design, an address range taken from
 * the group's idle address range (Fig. 10, 843; RC-D-1), which has no LDEV number.
 */
export interface Backing {
  readonly number: number | null;
  readonly group: RaidGroup;
  /** Byte offset of the slice in the group's address space. */
  readonly groupOffset: number;
  readonly bytes: number;
}

/** A logical storage device: a fixed-length slice of one RAID group (seed Fig. 2A; LDEV-1). */
export interface Ldev extends Backing {
  readonly number: number;
}

/**
 * The system's logical storage devices, numbered consecutively across its RAID groups in
 * the order the groups were defined, with a free pool (LDEV-2, LDEV-3).
 */
export class LdevPool {
  readonly ldevBytes: number;
  private readonly all: Ldev[] = [];
  private readonly free = new Set<number>();

  constructor(ldevBytes: number) {
    this.ldevBytes = ldevBytes;
  }

  /** LDEV-1: carves a group into as many whole LDEVs as fit; the remainder is unused. */
  addGroup(group: RaidGroup): void {
    const count = Math.floor(group.capacityBytes / this.ldevBytes);
    for (let i = 0; i < count; i++) {
      const ldev: Ldev = { number: this.all.length, group, groupOffset: i * this.ldevBytes, bytes: this.ldevBytes };
      this.all.push(ldev);
      this.free.add(ldev.number);
    }
  }

  get(number: number): Ldev {
    const ldev = this.all[number];
    if (!ldev) fail('NOT_FOUND', `no logical storage device ${number}`);
    return ldev;
  }

  inGroup(group: RaidGroup): Ldev[] {
    return this.all.filter((l) => l.group === group);
  }

  isFree(number: number): boolean {
    return this.free.has(number);
  }

  freeCount(group?: RaidGroup): number {
    if (!group) return this.free.size;
    return this.inGroup(group).filter((l) => this.free.has(l.number)).length;
  }

  /** The `count` lowest-numbered free LDEVs (of `group`, if given), without taking them. */
  pick(count: number, group?: RaidGroup, exclude: ReadonlySet<number> = new Set()): Ldev[] {
    const picked: Ldev[] = [];
    for (const ldev of this.all) {
      if (picked.length === count) break;
      if (!this.free.has(ldev.number) || exclude.has(ldev.number)) continue;
      if (group && ldev.group !== group) continue;
      picked.push(ldev);
    }
    if (picked.length < count) {
      const where = group ? `raid group ${group.id}` : 'the system';
      fail('NO_CAPACITY', `${where} has ${picked.length} free logical storage devices, ${count} needed`);
    }
    return picked;
  }

  take(ldevs: readonly Ldev[]): void {
    for (const l of ldevs) this.free.delete(l.number);
  }

  /** LDEV-4: a released LDEV is formatted (zeroed) before it is free again. */
  release(ldevs: readonly Ldev[]): void {
    for (const l of ldevs) {
      formatRange(l.group, l.groupOffset, l.bytes);
      this.free.add(l.number);
    }
  }
}
