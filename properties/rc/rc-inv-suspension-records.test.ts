import { describe } from 'vitest';
import { rcInvSuspensionRecords } from './rc-inv-suspension-records.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

describe('RC-INV-3.suspensionRecords', () => {
  runDefinitions(rcInvSuspensionRecords, () => [
    'state:suspended', 'route:record:suspended', 'suspended:request', 'suspended:link', 'suspended:system', 'via:suspended-pairResync->copying',
    'via:copying-pairSuspend->suspended', 'via:duplex-pairSuspend->suspended', 'via:copying-linkDown->suspended', 'refused:pairResync:LINK_DOWN', 'transition:copying->duplex',
  ], 50);
});
