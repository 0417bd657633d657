/**
 * PL-INV-2 (mapping sound, spec/placement.md): every address maps one LDEV, no LDEV is owned
 * twice (a relocating entry owns its source and its destination), the free pool holds exactly
 * the LDEVs nobody owns, and a completed move maps the designated group. Two volumes relocate
 * at once, onto groups with little slack (NO_CAPACITY), with whole-LDEV, edge and whole-volume
 * requests, so sources freed by one relocation are taken by the other.
 */
import { DEFAULT_PL_WEIGHTS, plDefinition, type PlPropertyOptions } from './pl-model.ts';
import type { PropertyDefinition } from '../harness/support.ts';

export const PL_INV_2_OPTIONS: PlPropertyOptions = {
  weights: { ...DEFAULT_PL_WEIGHTS, relocate: 18, step: 22, settle: 3, write: 10, read: 6, deviceFail: 2, deviceReplace: 1, rebuildStep: 1, pair: 2 },
  twoVolumes: 0.8,
  slackMax: 3,
  maxCommands: 180,
};

export const plInvMappingSound: readonly PropertyDefinition[] = [
  plDefinition(
    'PL-INV-2.mappingSound',
    'each entry maps the model\'s LDEV (its group once its move completes), free-LDEV counts match, sources return to the pool once, under concurrent relocations of two volumes with little slack',
    PL_INV_2_OPTIONS,
    undefined,
    // CHK-6: two volumes relocating at once, a destination that was a just-freed source, an entry that starts mid-track.
    ['concurrentRelocations', 'destinationWasFreedSource', 'relocations:entryStartsMidTrack'],
  ),
];
