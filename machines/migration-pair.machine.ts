import { setup } from 'xstate';
import { m } from './meta.ts';

/**
 * The migratory copy's lifecycle (spec/migration.md): shape only. The copy pointer and the
 * pending tracks live in `src/migration/`; host I/O never becomes an event here.
 */
export type MigrationPairEvent = { type: 'PAIR_CREATE' } | { type: 'MIGRATION_COPY_DONE' } | { type: 'PAIR_DELETE' };

export type MigrationPairState = 'simplex' | 'migrating';


export const migrationPairMachine = setup({
  types: { events: {} as MigrationPairEvent },
}).createMachine({
  id: 'migrationPair',
  initial: 'simplex',
  states: {
    simplex: {
      on: {
        PAIR_CREATE: { target: 'migrating', ...m('MG-G-1', 'Fig. 8 steps 704, 711') },
      },
    },
    migrating: {
      on: {
        MIGRATION_COPY_DONE: { target: 'simplex', ...m('MG-C-1', 'Fig. 8 step 711 (copy of the entire area completed: simplex)') },
        PAIR_DELETE: { target: 'simplex', ...m('MG-R-2', 'beyond the seed: the migration is abandoned') },
      },
    },
  },
});
