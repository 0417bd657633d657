/**
 * LC-INV-3.coupleDivide: extent division settles the copy on its extents as the original at
 * the request (LC-R-4, LC-W-5, LC-C-4); reads outside them are refused (LC-W-9); a couple
 * (LC-R-5, LC-C-5) and a later extent division show every write made in between, inside or
 * outside the earlier extents (LC-W-6).
 */
import { DEFAULT_LC_WEIGHTS, lcDefinition, type LcWeights } from './lc-model.ts';
import type { PropertyDefinition } from '../harness/support.ts';

const COUPLE_WEIGHTS: LcWeights = {
  ...DEFAULT_LC_WEIGHTS, write: 32, read: 8, step: 24, settle: 5, divide: 1, extentUpdate: 1, extentDivide: 10, couple: 8, delete: 1, create: 2,
};

export const lcInvCoupleDivide: readonly PropertyDefinition[] = [
  lcDefinition(
    'LC-INV-3.coupleDivide',
    'extent division, couple, and extent division again: the divided extents equal the original at the latest request; no write made in between is missing',
    { weights: COUPLE_WEIGHTS },
  ),
];
