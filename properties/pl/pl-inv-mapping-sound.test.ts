import { describe } from 'vitest';
import { plInvMappingSound } from './pl-inv-mapping-sound.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

describe('PL-INV-2: the mapping of relocating volumes', () => {
  runDefinitions(plInvMappingSound, () => [
    'scenario:tracksStraddleLdevs', 'relocationsStarted', 'relocationsCompleted', 'completedBy:step', 'completedBy:settle', 'entriesFinished',
    'concurrentRelocations', 'destinationWasFreedSource', 'relocations:severalEntries', 'relocations:entryStartsMidTrack', 'relocations:gap',
    'nothingToMove', 'stepAfterCompletion', 'refused:step:NOT_FOUND',
    'refused:relocate:NO_CAPACITY', 'refused:relocate:INVALID_STATE', 'refused:relocate:OUT_OF_RANGE', 'refused:relocate:INVALID_ARGUMENT', 'refused:relocate:NOT_FOUND',
    'deviceFailsDuringRelocation', 'relocations:ofPairVolume', 'dividedWhileCopyRelocating',
  ], 50);
});
