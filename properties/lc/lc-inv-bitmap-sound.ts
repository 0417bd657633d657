/**
 * LC-INV-4.bitmapSound: where every bitmap the state reads says 0, copy and original agree
 * (the trace's `check` op, after every command); and the bitmaps a state does not read are
 * empty: no `div` or `upd` bit in generating/generated (a couple clears the `div` bits it
 * copies, LC-C-5, and writes outside divided extents go to `gen`, LC-W-6), none at all but
 * `gen` for an eighth-embodiment pair (LC-W-7).
 */
import { DEFAULT_LC_WEIGHTS, lcDefinition } from './lc-model.ts';
import { LC_WITNESSES_FEW_COPIES } from './lc-witnesses.ts';
import type { PropertyDefinition } from '../harness/support.ts';

export const lcInvBitmapSound: readonly PropertyDefinition[] = [
  lcDefinition(
    'LC-INV-4.bitmapSound',
    'a track no bitmap marks is equal on copy and original; div and upd are empty in generating/generated and for pairs on extents',
    { checkBits: true, area: 'sometimes', weights: { ...DEFAULT_LC_WEIGHTS, extentDivide: 7, couple: 6, settle: 4 } },
    undefined,
    LC_WITNESSES_FEW_COPIES,
  ),
];
