/**
 * Shared body of the property test files: one `it` per definition (fc.assert with its
 * default run budget, counting what the runs reach), then one `it` asserting that every
 * definition reached its interesting cases at least once.
 * Set PROPERTIES_REPORT=1 to print each definition's counters and mean commands per run.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { type Counters, mean, type PropertyDefinition } from './support.ts';

export function runDefinitions(
  defs: readonly PropertyDefinition[],
  mustReach: (def: PropertyDefinition) => readonly string[],
  minMeanCommands = 0,
): void {
  const reachedById = new Map<string, Counters>();
  for (const def of defs) {
    it(`${def.id}: ${def.title}`, () => {
      const reached: Counters = {};
      fc.assert(def.instrumented(reached), { numRuns: def.numRuns });
      reachedById.set(def.id, reached);
      if (process.env.PROPERTIES_REPORT) {
        console.log(JSON.stringify({ id: def.id, runs: reached.runs, meanCommands: mean(reached.commands, reached.runs), reached }));
      }
    });
  }
  it('every property reached its interesting cases at least once', () => {
    const missing: string[] = [];
    for (const def of defs) {
      const reached = reachedById.get(def.id);
      if (!reached) continue; // its property failed: that test reports it
      for (const key of [...mustReach(def), ...(def.witnesses ?? [])]) if (!((reached[key] ?? 0) > 0)) missing.push(`${def.id}: ${key}`);
      if (mean(reached.commands, reached.runs) < minMeanCommands) missing.push(`${def.id}: fewer than ${minMeanCommands} commands per run on average`);
    }
    expect(missing).toEqual([]);
  });
}
