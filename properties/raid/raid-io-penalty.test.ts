import { describe } from 'vitest';
import { raidIoPenalty } from './raid-io-penalty.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

describe('RAID-INV-3.penalty', () => {
  runDefinitions(raidIoPenalty, (def) => [
    ...(def.id.endsWith('raid1') ? ['mirrorWrites', 'healthyReads'] : ['inUnitWrites', 'multiRowFullStripeWrites', 'otherWrites', 'healthyReads']),
    ...(def.witnesses ?? []),
  ]);
});
