/**
 * LC-INV-2.extentUpdate: an extent update brings the copy to the original as of the update
 * request on its extents (reads during the update copy already show it, LC-W-9) and leaves
 * the rest at the division image; writes inside an updating extent copy the old track first
 * (LC-W-4), the update's end hands `upd` over to `div` (LC-C-3), and an update overlapping a
 * running one is refused (LC-R-7).
 */
import { DEFAULT_LC_WEIGHTS, lcDefinition, type LcWeights } from './lc-model.ts';
import type { PropertyDefinition } from '../harness/support.ts';

const UPDATE_WEIGHTS: LcWeights = {
  ...DEFAULT_LC_WEIGHTS, write: 32, read: 8, step: 24, settle: 5, divide: 5, extentUpdate: 12, extentDivide: 1, couple: 1, delete: 1, create: 2,
};

export const lcInvExtentUpdate: readonly PropertyDefinition[] = [
  lcDefinition(
    'LC-INV-2.extentUpdate',
    'after a division, extent updates (one or two extents, several running, some overlapping and refused) bring exactly their extents up to the original at the request',
    { weights: UPDATE_WEIGHTS },
  ),
];
