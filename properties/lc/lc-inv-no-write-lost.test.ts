import { describe } from 'vitest';
import { lcInvNoWriteLost } from './lc-inv-no-write-lost.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

describe('LC-INV-5.noWriteLost', () => {
  runDefinitions(lcInvNoWriteLost, () => ['copyWritesRefused', 'copyWritesUnpaired', 'accepted:pairDelete', 'copyReads:none', 'writes:none', 'writes:dividing']);
});
