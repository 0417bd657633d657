import { describe } from 'vitest';
import { bkInvIncrementalChain, bkInvPointInTime } from './bk-backup.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

describe('BK-INV-1, BK-INV-2, BK-INV-3: backup of copy volumes to tape', () => {
  runDefinitions([...bkInvPointInTime, ...bkInvIncrementalChain], () => ['runs'], 20);
});
