/**
 * LC-R-0.allRequests: the whole model (properties/lc/lc-model.ts) with every request in every
 * state — most refused with INVALID_STATE, as the acceptance table says (LC-R-0) — host writes
 * aimed at the copy cursor and at extent edges, quick-split reads, deletions and new pairs.
 * After every command: state, processes, extent information, tables, the original, every
 * predictable copy track, and the trace's `check` op. One whole-volume run (seventh and ninth
 * embodiments) and one with eighth-embodiment pairs (LC-G-2, LC-W-7).
 */
import { AREA_LC_WEIGHTS, lcDefinition } from './lc-model.ts';
import type { PropertyDefinition } from '../harness/support.ts';

export const lcAllRequests: readonly PropertyDefinition[] = [
  lcDefinition(
    'LC-R-0.allRequests',
    'whole-volume pairs: every request in every state, host I/O and copy steps agree with the reference model and the acceptance table; check holds after every command',
    { checkBits: true },
  ),
  lcDefinition(
    'LC-R-0.allRequests.area',
    'eighth-embodiment pairs (pairCreate with extents): only the pair\'s area is copied, split and read from the image; outside it the copy keeps its bytes',
    { area: 'always', areaCreates: 0.7, weights: AREA_LC_WEIGHTS, checkBits: true },
  ),
];
