/**
 * MG-INV-1.transparency, with MG-INV-2 (spec/migration.md): at every moment of a migration the
 * host's view of the target equals the reference volume (the source's bytes on the area and
 * the target's own elsewhere at creation, then every acknowledged write), whatever the copy
 * pointer: reads and partial-track writes aimed at the pointer and at pending tracks (MG-R-1,
 * MG-W-1), the path and the old system failing under them (LINK_DOWN, SYSTEM_FAILED),
 * abandonment (MG-R-2). MG-INV-2: a track marked copied holds the view on N itself (N's stored
 * bytes are compared after every command); after completion the old system's failure changes
 * nothing the host sees.
 */
import { DEFAULT_MG_WEIGHTS, mgDefinition, type MgPropertyOptions } from './mg-model.ts';
import type { PropertyDefinition } from '../harness/support.ts';

/** Also what finds erratum MG-E-1 on the literal variant (properties/rc/rc-errata.ts). */
export const MG_INV_1_OPTIONS: MgPropertyOptions = { weights: { ...DEFAULT_MG_WEIGHTS, failOld: 2, readTarget: 22 } };

export const mgInvTransparency: readonly PropertyDefinition[] = [
  mgDefinition(
    'MG-INV-1.transparency',
    'the host\'s view of a migrating target is the reference volume under writes and reads at the pointer and at pending tracks, path and old-system failures, abandonment; copied tracks are stored on the new system, so after completion the old system may fail unseen',
    MG_INV_1_OPTIONS,
    undefined,
    // CHK-6: a write over pending and copied tracks at once, above the pointer, a read of a pending track, the old system failing mid-copy.
    ['writes:pendingPartial', 'writesAbovePointer', 'reads:pending', 'oldFailedWhileMigrating'],
  ),
];
