/**
 * RC-INV-6.tablesSound: the source's pool holds one pair table per copying, duplex or
 * suspended pair (a takeover and a deletion return it; a pair beyond the bound is refused
 * TABLES_EXHAUSTED and changes nothing); the design's tables find exactly the pairs a write
 * concerns (RC-W-2: the routing of every write is compared with the model's); T's volumes are
 * exactly the model's (sibling volumes released by an extension, A volumes by the copy into
 * B), and the trace's `check` finds no LDEV or idle range mapped twice or while free.
 */
import { DEFAULT_RC_WEIGHTS, rcDefinition } from './rc-model.ts';
import type { PropertyDefinition } from '../harness/support.ts';

export const rcInvTablesSound: readonly PropertyDefinition[] = [
  rcDefinition(
    'RC-INV-6.tablesSound',
    'pair tables follow the live pairs; the tables route every write to exactly its pairs; T holds exactly the model\'s volumes',
    { tightTables: true, weights: { ...DEFAULT_RC_WEIGHTS, create: 16, delete: 7, takeover: 8, settle: 8 } },
  ),
];
