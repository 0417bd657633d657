import { describe } from 'vitest';
import { lcInvExtentUpdate } from './lc-inv-extent-update.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

describe('LC-INV-2.extentUpdate', () => {
  runDefinitions(lcInvExtentUpdate, () => [
    'accepted:extentUpdate', 'refused:extentUpdate', 'overlappingExtentUpdates', 'writes:extentUpdating', 'copyReads:extentUpdating',
    'transition:divided->extentUpdating', 'transition:extentUpdating->divided',
  ]);
});
