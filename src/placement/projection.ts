import type { RaidGroup } from '../raid/raid-group.ts';
import type { StorageSystem } from '../system/storage-system.ts';
import { type GroupLoad, groupUtilization, spreadOf } from './utilization.ts';

/**
 * The groups' busy time and free LDEVs as a planning round's kept moves would leave them
 * (PL-P-1's estimate; PL-INV-3's free-LDEV count). Starts from the window's measured loads.
 */
export class Projection {
  private readonly busy = new Map<RaidGroup, number>();
  private readonly free = new Map<RaidGroup, number>();

  constructor(
    system: StorageSystem,
    loads: readonly GroupLoad[],
    private readonly windowMs: number,
  ) {
    for (const l of loads) {
      const g = system.group(l.raidGroup);
      this.busy.set(g, l.busyMs);
      this.free.set(g, system.pool.freeCount(g));
    }
  }

  utilization(g: RaidGroup): number {
    return groupUtilization(this.busy.get(g)!, g.devices.length, this.windowMs);
  }

  spread(): number {
    return spreadOf([...this.busy.keys()].map((g) => this.utilization(g)));
  }

  freeLdevs(g: RaidGroup): number {
    return this.free.get(g)!;
  }

  /** The spread if an LDEV's `leavingMs` left `from` and cost `arrivingMs` on `to`. */
  spreadWith(from: RaidGroup, to: RaidGroup, leavingMs: number, arrivingMs: number): number {
    const before = [this.busy.get(from)!, this.busy.get(to)!] as const;
    this.shift(from, to, leavingMs, arrivingMs);
    const s = this.spread();
    this.busy.set(from, before[0]);
    this.busy.set(to, before[1]);
    return s;
  }

  /** Keeps a move: its busy time moves and the destination has one free LDEV fewer. */
  apply(from: RaidGroup, to: RaidGroup, leavingMs: number, arrivingMs: number): void {
    if (this.freeLdevs(to) < 1) throw new Error(`PL-INV-3: raid group ${to.id} has no free LDEV left to plan a move into`);
    this.shift(from, to, leavingMs, arrivingMs);
    this.free.set(to, this.freeLdevs(to) - 1);
  }

  /** The least utilized group with a free LDEV that `accept` takes; ties go to the first defined. */
  leastUtilized(accept: (g: RaidGroup) => boolean): RaidGroup | undefined {
    let best: RaidGroup | undefined;
    for (const g of this.busy.keys()) {
      if (this.freeLdevs(g) < 1 || !accept(g)) continue;
      if (!best || this.utilization(g) < this.utilization(best)) best = g;
    }
    return best;
  }

  private shift(from: RaidGroup, to: RaidGroup, leavingMs: number, arrivingMs: number): void {
    this.busy.set(from, this.busy.get(from)! - leavingMs);
    this.busy.set(to, this.busy.get(to)! + arrivingMs);
  }
}
