import { type EntrySet, NO_ENTRIES } from './entry-set.ts';

/** One system's rounds: the period of PL-P-2 and the entries the last round moved (PL-P-3). */
interface SystemRounds {
  every: number;
  lastMoved: EntrySet;
  rounds: number;
}

/**
 * The planner's rounds per system. PL-P-2: with `every` N > 0 a round runs by itself once the
 * system's statistics window holds N host I/Os; every round closes the window, so the count
 * starts again after each round, whoever ran it.
 */
export class RebalanceRounds {
  private readonly bySystem = new Map<string, SystemRounds>();

  private of(systemId: string): SystemRounds {
    let r = this.bySystem.get(systemId);
    if (!r) this.bySystem.set(systemId, (r = { every: 0, lastMoved: NO_ENTRIES, rounds: 0 }));
    return r;
  }

  /** The period in host I/Os; 0 when the periodic mode is off. */
  every(systemId: string): number {
    return this.bySystem.get(systemId)?.every ?? 0;
  }

  /** PL-P-2: `every: 0` stops the periodic mode. */
  setEvery(systemId: string, every: number): void {
    this.of(systemId).every = every;
  }

  /** PL-P-2: whether a window of `windowIos` host I/Os is due for a round. */
  due(systemId: string, windowIos: number): boolean {
    const every = this.every(systemId);
    return every > 0 && windowIos >= every;
  }

  /** PL-P-3: what the previous round moved. */
  lastMoved(systemId: string): EntrySet {
    return this.bySystem.get(systemId)?.lastMoved ?? NO_ENTRIES;
  }

  /** Records a round and what it moved (replacing the previous round's). */
  remember(systemId: string, moved: EntrySet): void {
    const r = this.of(systemId);
    r.lastMoved = moved;
    r.rounds++;
  }

  /** Rounds run on the system so far, by request or by period. */
  rounds(systemId: string): number {
    return this.bySystem.get(systemId)?.rounds ?? 0;
  }
}
