import { describe } from 'vitest';
import { rcFStorageLost } from './rc-f-storage-lost.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

describe('RC-F-3.productionAvailability', () => {
  runDefinitions(rcFStorageLost, () => ['runs', 'storageLost:step:copying', 'via:suspendedByError-pairResync->copying'], 20);
});
