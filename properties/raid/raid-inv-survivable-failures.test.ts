import { describe } from 'vitest';
import { raidInvSurvivableFailures } from './raid-inv-survivable-failures.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

describe('RAID-INV-2.failureSets', () => {
  runDefinitions(raidInvSurvivableFailures, (def) => [
    ...(def.id.endsWith('raid1')
      ? ['toleratedStates', 'lostGroups', 'lostUnitsRefused']
      : ['toleratedStates', 'lostGroups', 'lostUnitsRefused', 'survivingUnitsRead', 'lostWritesRefused', 'survivingWrites']),
    ...(def.witnesses ?? []),
  ]);
});
