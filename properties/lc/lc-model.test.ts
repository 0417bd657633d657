/**
 * The local-copy model harness (properties/lc/lc-model.ts) on the corrected model: every request
 * in every state, whole-volume pairs and eighth-embodiment pairs. At the end: all eight pair
 * states were reached, each request was accepted at least once, the corrected machine's state
 * changes were all taken, and runs average at least 50 commands.
 * Set PROPERTIES_REPORT=1 to print the counters (states, transitions, requests, mean commands).
 */
import { describe } from 'vitest';
import { lcAllRequests } from './lc-all-requests.ts';
import { ALL_REQUESTS_KEYS, ALL_STATES_KEYS, CORRECTED_TRANSITION_KEYS } from './lc-model.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

const CORE_TRANSITIONS = CORRECTED_TRANSITION_KEYS.filter((k) => !k.endsWith('->deleted'));
const MUST_REACH: Record<string, readonly string[]> = {
  'LC-R-0.allRequests': [...ALL_STATES_KEYS, ...ALL_REQUESTS_KEYS, ...CORE_TRANSITIONS, 'writesNearCopyCursor', 'writesSpanningTracks', 'overlappingExtentUpdates'],
  'LC-R-0.allRequests.area': [
    'state:generating', 'state:generated', 'state:dividing', 'state:divided', 'accepted:pairCreate', 'accepted:pairDivide', 'accepted:pairDelete',
    'areaPairCreates', 'refused:extentUpdate', 'refused:extentDivide', 'copyReads:dividing', 'copyReads:divided', 'writes:dividing',
  ],
};

describe('LC model: every request in every state (corrected)', () => {
  runDefinitions(lcAllRequests, (def) => MUST_REACH[def.id] ?? [], 50);
});
