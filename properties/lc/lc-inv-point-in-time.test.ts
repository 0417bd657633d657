import { describe } from 'vitest';
import { lcInvPointInTime } from './lc-inv-point-in-time.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

describe('LC-INV-1.pointInTime', () => {
  runDefinitions(lcInvPointInTime, (def) =>
    def.id.endsWith('.area')
      ? ['areaPairCreates', 'writes:dividing', 'copyReads:dividing', 'copyReads:divided', 'transition:generating->dividing', 'transition:generated->dividing']
      : ['writesNearCopyCursor', 'writesSpanningTracks', 'writes:dividing', 'copyReads:dividing', 'copyReads:divided', 'transition:generating->dividing', 'transition:generated->dividing', 'transition:dividing->divided'],
  );
});
