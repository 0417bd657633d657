import { describe } from 'vitest';
import { lcInvTablesSound } from './lc-inv-tables-sound.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

describe('LC-INV-6.tablesSound', () => {
  runDefinitions(lcInvTablesSound, () => ['refused:pairCreate:TABLES_EXHAUSTED', 'accepted:pairCreate', 'accepted:pairDelete', 'areaPairCreates']);
});
