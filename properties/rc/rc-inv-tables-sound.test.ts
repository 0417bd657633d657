import { describe } from 'vitest';
import { rcInvTablesSound } from './rc-inv-tables-sound.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

describe('RC-INV-6.tablesSound', () => {
  runDefinitions(rcInvTablesSound, () => [
    'refused:pairCreate:TABLES_EXHAUSTED', 'createdSibling', 'created:ldev:extent:never', 'created:group:extent:never', 'deleted:takenOver', 'deleted:suspended',
    'transition:takenOver->simplex', 'takeover:withSiblings', 'route:outside', 'route:transfer', 'route:record',
    'design:S:ldev', 'design:S:group', 'design:T:ldev', 'design:T:group', 'bigTracks',
  ], 50);
});
