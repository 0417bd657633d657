/**
 * LC-INV-6.tablesSound: the pair tables in use are those of the live pair (one, or one per
 * extent of an eighth-embodiment pair, LC-G-2); a deleted pair holds none; a pair needing
 * more tables than the system bounds is refused with TABLES_EXHAUSTED and changes nothing
 * (LC-G-3).
 */
import { DEFAULT_LC_WEIGHTS, lcDefinition } from './lc-model.ts';
import { LC_WITNESSES_FEW_COPIES } from './lc-witnesses.ts';
import type { PropertyDefinition } from '../harness/support.ts';

export const lcInvTablesSound: readonly PropertyDefinition[] = [
  lcDefinition(
    'LC-INV-6.tablesSound',
    'tables in use equal the live pair\'s; deletion returns them; a pair beyond the bound is refused with TABLES_EXHAUSTED',
    { area: 'sometimes', areaCreates: 0.7, tightTables: true, weights: { ...DEFAULT_LC_WEIGHTS, delete: 5, create: 8, settle: 4 } },
    undefined,
    LC_WITNESSES_FEW_COPIES,
  ),
];
