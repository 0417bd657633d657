import { describe } from 'vitest';
import { cgInvAtTimeSplit, cgInvGroupConsistency } from './cg-groups.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

describe('CG-INV-1, CG-INV-2, CG-INV-3: consistency groups', () => {
  runDefinitions([...cgInvAtTimeSplit, ...cgInvGroupConsistency], () => ['runs'], 20);
});
