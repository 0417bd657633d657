import { describe } from 'vitest';
import { rcInvTakeover } from './rc-inv-takeover.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

describe('RC-INV-5.takeover', () => {
  runDefinitions(rcInvTakeover, () => [
    'state:takingOver', 'state:takenOver', 'takeover:ldev:extend', 'takeover:group:extend', 'takeover:ldev:noExtend', 'takeover:group:noExtend',
    'takeover:withSiblings', 'takeover:datasetsErased', 'takeover:datasetsKept', 'takeover:afterSourceFailure', 'takeover:from:suspended', 'refused:takeover:VTOC_DAMAGED',
    'refused:takeover:INVALID_STATE', 'targetWrites:takingOver', 'targetWrites:pendingTrack', 'targetReads:takingOver', 'datasets:T', 'via:takingOver-step->takenOver',
    'transition:takenOver->simplex',
  ], 50);
});
