/**
 * RC-INV-5.takeover: operation switching (RC-T-1..RC-T-6) in both designs, with and without
 * `extend`, with siblings, after the source system failed or not: the extended target has
 * the source's capacity and maps every address; its area holds RC-INV-1's image; track 0
 * outside the copied area reads zeros; the VTOC keeps exactly the datasets wholly inside the
 * copied area (a damaged one refuses the takeover); during the fifth embodiment's copy of A
 * into B the host reads and writes B at once, tracks not yet copied included (RC-T-4).
 */
import { DEFAULT_RC_WEIGHTS, rcDefinition, type RcPropertyOptions } from './rc-model.ts';
import type { PropertyDefinition } from '../harness/support.ts';

/** Also what finds erratum RC-E-1 on the literal variant (properties/rc/rc-errata.ts). */
export const RC_INV_5_OPTIONS: RcPropertyOptions = {
  weights: { ...DEFAULT_RC_WEIGHTS, takeover: 14, settle: 10, writeTarget: 14, readTarget: 12, datasets: 6, failSource: 2, create: 10, step: 18, delete: 4 },
  track0: 0.6,
};

export const rcInvTakeover: readonly PropertyDefinition[] = [
  rcDefinition(
    'RC-INV-5.takeover',
    'a takeover extends the target to the source\'s capacity, keeps the acknowledged image and the datasets wholly inside the copied area, and serves the host during the copy of A into B',
    RC_INV_5_OPTIONS,
  ),
];
