import { describe } from 'vitest';
import { rcInvCopyPrefix } from './rc-inv-copy-prefix.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

describe('RC-INV-2.copyPrefix', () => {
  runDefinitions(rcInvCopyPrefix, () => [
    'state:copying', 'state:duplex', 'route:transfer:copying', 'route:record:copying', 'writesNearPointer', 'writesOnRecorded', 'accepted:step:copying',
    'via:copying-step->duplex', 'via:suspended-pairResync->copying', 'createdSibling',
  ], 50);
});
