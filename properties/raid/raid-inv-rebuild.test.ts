import { describe } from 'vitest';
import { raidInvRebuild } from './raid-inv-rebuild.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

const COMMON = ['healedRuns', 'rebuildCompletions', 'partialRebuildSteps', 'ioMidRebuild', 'deviceFailures', 'replacements'];

describe('RAID-INV-1.rebuild', () => {
  runDefinitions(raidInvRebuild, (def) => [...COMMON, ...(def.witnesses ?? [])]);
});
