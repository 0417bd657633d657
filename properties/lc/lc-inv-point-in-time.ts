/**
 * LC-INV-1.pointInTime: after a division request the copy reads, track for track, as the
 * original did at the request — while the division copy runs (quick split, LC-W-9: tracks
 * still marked in `gen` are served from the original) and after it ends — whatever the host
 * writes meanwhile (copy-before-write, LC-W-2, LC-W-7). Writes are aimed at the track the
 * copy loop examines next and at its neighbours; divisions come during generation (LC-R-2)
 * and after it (LC-R-1). Whole-volume pairs, and eighth-embodiment pairs on extents.
 */
import { AREA_LC_WEIGHTS, DEFAULT_LC_WEIGHTS, lcDefinition, type LcWeights } from './lc-model.ts';
import type { PropertyDefinition } from '../harness/support.ts';

const DIVISION_WEIGHTS: LcWeights = {
  ...DEFAULT_LC_WEIGHTS, write: 35, read: 10, step: 28, settle: 2, divide: 8, extentUpdate: 1, extentDivide: 1, couple: 1, delete: 2, create: 4,
};

export const lcInvPointInTime: readonly PropertyDefinition[] = [
  lcDefinition(
    'LC-INV-1.pointInTime',
    'whole-volume pairs: the copy reads as the original at the division request, during the division copy and after it, under writes racing the copy cursor',
    { weights: DIVISION_WEIGHTS },
  ),
  lcDefinition(
    'LC-INV-1.pointInTime.area',
    'eighth-embodiment pairs: the pair\'s extents read as the original at the division request; outside them the copy keeps its bytes',
    { area: 'always', areaCreates: 0.8, weights: { ...AREA_LC_WEIGHTS, divide: 8, step: 28 } },
  ),
];
