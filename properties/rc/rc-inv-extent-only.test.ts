import { describe } from 'vitest';
import { rcInvExtentOnly } from './rc-inv-extent-only.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

describe('RC-INV-4.extentOnly', () => {
  runDefinitions(rcInvExtentOnly, () => [
    'created:ldev:extent:never', 'created:group:extent:never', 'created:ldev:full:never', 'created:group:full:never', 'created:ldev:extent:data', 'createdSibling',
    'deleted:copying', 'deleted:duplex', 'targetWrites:host', 'targetReads:host', 'targetReads:paired', 'targetReadsRefused:OUT_OF_RANGE', 'targetWritesRefused:INVALID_STATE',
    'refused:pairCreate:INVALID_STATE', 'refused:pairCreate:ALREADY_EXISTS',
  ], 50);
});
