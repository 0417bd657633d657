import { describe } from 'vitest';
import { raidInvByteExact } from './raid-inv-byte-exact.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

const COMMON = ['writes', 'reads', 'readIntos', 'zeroLengthRequests', 'deviceFailures', 'replacements', 'rebuildCompletions', 'lostGroups', 'writeDataLossRefusals', 'readDataLossRefusals', 'invalidStateRefusals', 'outOfRangeRefusals', 'notFoundRefusals'];
const STRIPED = ['writesOnLostGroup', 'readsOnLostGroup', 'rebuildsAborted', 'recreatedGroups', 'lostBytesRefused', 'lostBytesRewritten'];
const MIRROR = ['replaceRefusedLost'];

describe('RAID-INV-2.byteExact', () => {
  runDefinitions(raidInvByteExact, (def) => [...COMMON, ...(def.id.endsWith('raid1') ? MIRROR : STRIPED), ...(def.witnesses ?? [])]);
});
