/**
 * The local-copy model harness (properties/lc-model.ts) on the corrected model: every request
 * in every state, whole-volume pairs and eighth-embodiment pairs. At the end: all eight pair
 * states were reached, each request was accepted at least once, the corrected machine's state
 * changes were all taken, and runs average at least 50 commands.
 * Set PROPERTIES_REPORT=1 to print the counters (states, transitions, requests, mean commands).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lcAllRequests } from './lc-all-requests.ts';
import { ALL_REQUESTS_KEYS, ALL_STATES_KEYS, CORRECTED_TRANSITION_KEYS } from './lc-model.ts';
import { type Counters, mean } from './support.ts';

const CORE_TRANSITIONS = CORRECTED_TRANSITION_KEYS.filter((k) => !k.endsWith('->deleted'));
const MUST_REACH: Record<string, readonly string[]> = {
  'LC-R-0.allRequests': [...ALL_STATES_KEYS, ...ALL_REQUESTS_KEYS, ...CORE_TRANSITIONS, 'writesNearCopyCursor', 'writesSpanningTracks', 'overlappingExtentUpdates'],
  'LC-R-0.allRequests.area': [
    'state:generating', 'state:generated', 'state:dividing', 'state:divided', 'accepted:pairCreate', 'accepted:pairDivide', 'accepted:pairDelete',
    'areaPairCreates', 'refused:extentUpdate', 'refused:extentDivide', 'copyReads:dividing', 'copyReads:divided', 'writes:dividing',
  ],
};

describe('LC model: every request in every state (corrected)', () => {
  const reachedById = new Map<string, Counters>();
  for (const def of lcAllRequests) {
    it(`${def.id}: ${def.title}`, () => {
      const reached: Counters = {};
      fc.assert(def.instrumented(reached), { numRuns: def.numRuns });
      reachedById.set(def.id, reached);
      if (process.env.PROPERTIES_REPORT) {
        console.log(JSON.stringify({ id: def.id, runs: reached.runs, meanCommands: mean(reached.commands, reached.runs), reached }));
      }
    });
  }

  it('all eight states reached, every request accepted, every corrected transition taken, ≥ 50 commands per run on average', () => {
    const missing: string[] = [];
    for (const def of lcAllRequests) {
      const reached = reachedById.get(def.id);
      if (!reached) continue; // its property failed: that test reports it
      for (const key of MUST_REACH[def.id] ?? []) if (!((reached[key] ?? 0) > 0)) missing.push(`${def.id}: ${key}`);
      expect(mean(reached.commands, reached.runs), `${def.id}: mean commands per run`).toBeGreaterThanOrEqual(50);
    }
    expect(missing).toEqual([]);
  });
});
