/**
 * PL-INV-1 (host view unchanged, spec/placement.md): under any interleaving of relocation
 * steps, host writes and reads (aimed at the copy pointer, at the edges of moving entries and
 * at tracks not yet copied), survivable device failures and rebuilds in the source and
 * destination groups, and a local pair reading the relocating volume (PL-W-3), the host reads
 * exactly what one reference volume returns. The mapping is checked on the way (PL-INV-2).
 */
import { DEFAULT_PL_WEIGHTS, plDefinition, type PlPropertyOptions } from './pl-model.ts';
import type { PropertyDefinition } from '../harness/support.ts';

export const PL_INV_1_OPTIONS: PlPropertyOptions = {
  weights: { ...DEFAULT_PL_WEIGHTS, write: 28, read: 18, deviceFail: 4 },
  twoVolumes: 0.5,
};

export const plInvHostView: readonly PropertyDefinition[] = [
  plDefinition(
    'PL-INV-1.hostView',
    'the host reads one reference volume under relocation steps, writes and reads at the pointer, at entry edges and at uncopied tracks, survivable failures in either group, and a local pair reading the relocating volume',
    PL_INV_1_OPTIONS,
    undefined,
    // CHK-6: I/O straddling the copy pointer, an entry that starts mid-track, a failure while relocating.
    ['writesAcrossPointer', 'readsAcrossPointer', 'relocations:entryStartsMidTrack', 'deviceFailsDuringRelocation'],
  ),
];
