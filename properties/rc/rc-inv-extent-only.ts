/**
 * RC-INV-4.extentOnly: before a takeover, a target allocated with `extent` maps exactly
 * RC-G-2's LDEV-length ranges of its area (`"ldev"`) or the area's bytes rounded to blocks
 * (`"group"`), and its capacity is what it holds; `full` maps the whole address space. Many
 * creations and deletions (a deleted pair's target stays, and takes host I/O on what it
 * maps: OUT_OF_RANGE elsewhere), several pairs of one source (RC-G-5), both designs.
 */
import { DEFAULT_RC_WEIGHTS, rcDefinition } from './rc-model.ts';
import type { PropertyDefinition } from '../harness/support.ts';

export const rcInvExtentOnly: readonly PropertyDefinition[] = [
  rcDefinition(
    'RC-INV-4.extentOnly',
    'an extent target maps only its area\'s LDEV ranges (ldev) or its area\'s blocks (group); deleted pairs\' targets keep their mapping and bytes',
    { weights: { ...DEFAULT_RC_WEIGHTS, create: 16, delete: 8, writeTarget: 10, readTarget: 10, takeover: 3, settle: 6 } },
  ),
];
