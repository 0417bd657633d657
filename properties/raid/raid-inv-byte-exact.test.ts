import { describe } from 'vitest';
import { raidInvByteExact } from './raid-inv-byte-exact.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

const COMMON = ['writes', 'reads', 'readIntos', 'zeroLengthRequests', 'deviceFailures', 'replacements', 'rebuildCompletions', 'lostGroups', 'writeDataLossRefusals', 'readDataLossRefusals', 'replaceRefusedLost', 'invalidStateRefusals', 'outOfRangeRefusals', 'notFoundRefusals'];
const STRIPED = ['writesOnLostGroup', 'readsOnLostGroup', 'rebuildsAborted'];

describe('RAID-INV-2.byteExact', () => {
  runDefinitions(raidInvByteExact, (def) => [...COMMON, ...(def.id.endsWith('raid1') ? [] : STRIPED), ...(def.witnesses ?? [])]);
});
