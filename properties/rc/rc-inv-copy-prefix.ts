/**
 * RC-INV-2.copyPrefix: in `copying`, every area track below the copy pointer whose bit is
 * clear reads the same on source and target. Host writes are aimed at the pointer and just
 * below and above it (RC-W-4: below and clear is transferred, anything else recorded), the
 * copy advances a few tracks at a time, and resynchronisations restart it from the area's
 * first track over the recorded tracks only (RC-R-2).
 */
import { DEFAULT_RC_WEIGHTS, rcDefinition } from './rc-model.ts';
import type { PropertyDefinition } from '../harness/support.ts';

export const rcInvCopyPrefix: readonly PropertyDefinition[] = [
  rcDefinition(
    'RC-INV-2.copyPrefix',
    'while copying, the tracks below the pointer with a clear bit are the source\'s, under writes at, below and above the pointer and resynchronisations',
    { weights: { ...DEFAULT_RC_WEIGHTS, writeSource: 50, step: 30, settle: 2, suspend: 5, resync: 8, link: 3, takeover: 3, create: 10, delete: 4 } },
  ),
];
