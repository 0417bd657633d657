import { describe } from 'vitest';
import { mgInvTransparency } from './mg-inv-transparency.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

describe('MG-INV-1, MG-INV-2: migration transparency', () => {
  runDefinitions(mgInvTransparency, () => [
    'state:migrating', 'state:simplex', 'writes:pendingPartial', 'writes:pendingWhole', 'writes:copiedOrOutside', 'writesAbovePointer', 'reads:pending', 'reads:target',
    'readsRefused:LINK_DOWN', 'readsRefused:SYSTEM_FAILED', 'writesRefused:pendingPartial:LINK_DOWN', 'writesRefused:pendingPartial:SYSTEM_FAILED',
    'via:migrating-step->simplex', 'via:migrating-settle->simplex', 'via:migrating-pairDelete->simplex', 'sourceRefused:INVALID_STATE', 'source:write',
    'oldFailedWhileMigrating', 'oldFailedAfterCompletion', 'readsWithOldFailed:after', 'refused:pairCreate:INVALID_STATE', 'accepted:step:simplex',
  ], 50);
});
