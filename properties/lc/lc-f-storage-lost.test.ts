import { describe } from 'vitest';
import { lcFStorageLost } from './lc-f-storage-lost.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

describe('LC-F-1.productionAvailability', () => {
  runDefinitions(lcFStorageLost, () => ['runs'], 20);
});
