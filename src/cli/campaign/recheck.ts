import * as fc from 'fast-check';
import type { PropertyDefinition } from './property-definition.ts';

/** Runs at most this many runs when a replay goes by the seed alone (a job has far fewer). */
const SEED_RUNS_MAX = 10_000;

export interface Recheck {
  readonly details: fc.RunDetails<unknown>;
  /** How it was replayed: by seed and path, or (when the path cannot be replayed) by the seed alone. */
  readonly by: 'path' | 'seed';
}

/**
 * Re-runs a property's counterexample from its replay token. A path replays the shrunk case
 * directly; but a property built on `fc.commands` keeps its own replay path for the command
 * list, so fast-check refuses such a path ("Unable to replay"). Then the seed alone replays
 * it: the same seed draws the same runs, fails at the same one and shrinks the same way.
 */
export async function recheck(def: PropertyDefinition, seed: number, path: string): Promise<Recheck> {
  if (path !== '') {
    try {
      return { details: await fc.check(def.property(), { seed, path, endOnFailure: true }), by: 'path' };
    } catch (e) {
      if (!String(e).includes('Unable to replay')) throw e;
    }
  }
  return { details: await fc.check(def.property(), { seed, numRuns: SEED_RUNS_MAX }), by: 'seed' };
}
