import type { StorageSystem } from '../system/storage-system.ts';
import type { EntrySet } from './entry-set.ts';
import type { SystemStatistics } from './statistics.ts';
import type { GroupLoad } from './utilization.ts';

/** What one planner round reads and decides (spec/placement.md PL-P-1): the planner's and its safety check's common words. */

/** What a round plans from (PL-P-1): the system's tables and statistics, and what is moving or just moved. */
export interface PlanInput {
  readonly system: StorageSystem;
  readonly statistics: SystemStatistics;
  /** Entries of running relocations, by volume (PL-INV-3; their volumes take no other move, PL-R-1). */
  readonly relocating: EntrySet;
  /** Entries the previous round moved (PL-P-3). */
  readonly recentlyMoved: EntrySet;
}

/** One kept move, explained: start a relocation (PL-R-1) of `tracks` of `volume` onto `to`. */
export interface PlannedMove {
  readonly ldev: number;
  readonly volume: string;
  /** The table entry's index. */
  readonly entry: number;
  /** The whole tracks of the entry: designating them moves this entry and no other. */
  readonly tracks: [number, number];
  readonly from: string;
  readonly to: string;
  readonly why: string;
}

/** A candidate LDEV the round looked at and did not move, and why. */
export interface PassedOver {
  readonly ldev: number;
  readonly volume: string;
  readonly why: string;
}

export interface Plan {
  /** PL-S-3: the window's length, one millisecond per host I/O. */
  readonly windowMs: number;
  /** The window's loads, before the plan. */
  readonly groups: readonly GroupLoad[];
  readonly spreadBefore: number;
  /** The spread the kept moves would leave, re-costed under their destinations' levels. */
  readonly spreadAfter: number;
  readonly moves: readonly PlannedMove[];
  readonly passedOver: readonly PassedOver[];
  readonly decision: string;
}
