import { describe } from 'vitest';
import { runDefinitions } from '../harness/run-definitions.ts';
import { volAddressTranslation } from './vol-address-translation.ts';

describe('VOL-INV-2.addressTranslation', () => {
  runDefinitions(volAddressTranslation, () => [
    'areas',
    'multiGroupVolumes',
    'locates',
    'crossingWrites',
    'writesAcrossGroups',
    'crossingReads',
    'lostGroups',
    'crossingWritesRefused',
    'crossingRefusedWithGoodPiece',
    'crossingRefusedAcrossGroups',
    'writesOnLostGroupSurvivors',
    'readsRefused',
    'readIntos',
    'outOfRangeRefusals',
  ]);
});
