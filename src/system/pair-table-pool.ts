import { fail } from '../errors.ts';

/**
 * The finite pool of pair information tables of a system (Figs. 14, 24, 32: use flags;
 * spec/local-copy.md LC-G-1..3, LC-INV-6). Unbounded unless the system sets `pairTables`.
 */
export class PairTablePool {
  private readonly held = new Map<string, number>();

  constructor(readonly tablesMax: number = Number.POSITIVE_INFINITY) {}

  get inUse(): number {
    let n = 0;
    for (const count of this.held.values()) n += count;
    return n;
  }

  /** Refuses with TABLES_EXHAUSTED before taking anything. */
  take(owner: string, count: number): void {
    if (this.inUse + count > this.tablesMax) {
      fail('TABLES_EXHAUSTED', `pair ${owner} needs ${count} pair tables; ${this.tablesMax - this.inUse} of ${this.tablesMax} are free`);
    }
    this.held.set(owner, (this.held.get(owner) ?? 0) + count);
  }

  release(owner: string): void {
    this.held.delete(owner);
  }

  /** The pairs holding tables now (LC-INV-6). */
  owners(): string[] {
    return [...this.held.keys()];
  }

  heldBy(owner: string): number {
    return this.held.get(owner) ?? 0;
  }
}
