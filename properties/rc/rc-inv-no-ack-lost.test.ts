import { describe } from 'vitest';
import { RC_STATE_KEYS, RC_TRANSITION_KEYS } from './rc-model.ts';
import { rcInvNoAckLost } from './rc-inv-no-ack-lost.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

describe('RC-INV-1.noAckLost', () => {
  runDefinitions(rcInvNoAckLost, () => [
    ...RC_STATE_KEYS, ...RC_TRANSITION_KEYS, 'route:transfer:duplex', 'route:refused:LINK_DOWN', 'route:refused:SYSTEM_FAILED', 'suspended:link', 'suspended:system',
    'via:duplex-linkDown->suspended', 'takeover:from:duplex', 'takeover:from:suspended', 'takeover:afterSourceFailure',
  ], 50);
});
