import { describe } from 'vitest';
import { plInvHostView } from './pl-inv-host-view.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

describe('PL-INV-1: the host view of a relocating volume', () => {
  runDefinitions(plInvHostView, () => [
    'scenario:tracksStraddleLdevs', 'scenario:partialLastTrack', 'scenario:allFourLevels',
    'relocationsStarted', 'relocationsCompleted', 'completedBy:step', 'completedBy:settle', 'entriesFinished',
    'relocations:severalEntries', 'relocations:entryStartsMidTrack', 'relocations:gap', 'relocations:degradedGroup',
    'writesBelowPointer', 'writesAbovePointer', 'writesAcrossPointer', 'writesAcrossEntries:relocating',
    'readsBelowPointer', 'readsAbovePointer', 'readsAcrossPointer', 'readsAcrossEntries:relocating',
    'deviceFailsDuringRelocation', 'deviceFail:sourceGroup', 'deviceFail:destinationGroup', 'deviceFail:secondDevice',
    'writes:degradedWhileRelocating', 'reads:degradedWhileRelocating', 'rebuildStepsDuringRelocation',
    'pairWhileRelocating', 'pairCreatedWhileRelocating', 'relocations:ofPairVolume', 'dividedWhileOriginalRelocating', 'copyReads:originalRelocating',
  ], 50);
});
