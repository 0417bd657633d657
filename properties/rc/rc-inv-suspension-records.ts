/**
 * RC-INV-3.suspensionRecords: in `suspended` (and `copying`) every area track that differs
 * between source and target is set in the difference bitmap, whatever suspended the pair (a
 * request, the path, the target system: RC-R-1, RC-F-1, RC-F-2); after a resynchronisation
 * reaches `duplex` the bitmap is empty and the target is the source's again. The model's
 * own bitmap is compared bit for bit after every command.
 */
import { DEFAULT_RC_WEIGHTS, rcDefinition } from './rc-model.ts';
import type { PropertyDefinition } from '../harness/support.ts';

export const rcInvSuspensionRecords: readonly PropertyDefinition[] = [
  rcDefinition(
    'RC-INV-3.suspensionRecords',
    'a suspended pair records every track written; a resynchronisation copies exactly those and ends duplex with an empty bitmap',
    { weights: { ...DEFAULT_RC_WEIGHTS, writeSource: 50, suspend: 10, resync: 12, link: 8, step: 20, settle: 6, takeover: 3, failTarget: 1 } },
  ),
];
