/**
 * LC-INV-5.noWriteLost: the original always reads back what the host last wrote, whatever the
 * pair does (copies, copy-before-write, deletion mid-copy, a new pair on the same volumes);
 * the copy volume refuses host writes while it is a pair's copy (LC-W-8) and keeps its bytes
 * when the pair is deleted in a settled state (LC-R-6).
 */
import { DEFAULT_LC_WEIGHTS, lcDefinition } from './lc-model.ts';
import { LC_WITNESSES_FEW_COPIES } from './lc-witnesses.ts';
import type { PropertyDefinition } from '../harness/support.ts';

export const lcInvNoWriteLost: readonly PropertyDefinition[] = [
  lcDefinition(
    'LC-INV-5.noWriteLost',
    'the original reads back every host write under every pair state, deletion and re-creation; the copy takes no host writes while paired and keeps its bytes after',
    { area: 'sometimes', weights: { ...DEFAULT_LC_WEIGHTS, write: 40, writeCopy: 4, delete: 3, create: 5, settle: 4 } },
    undefined,
    LC_WITNESSES_FEW_COPIES,
  ),
];
