import { setup } from 'xstate';
import { m } from './meta.ts';

/**
 * The in-system copy pair's lifecycle (spec/local-copy.md): shape only. Bytes, bitmaps and
 * copy processes live in `src/local-copy/`; host I/O never becomes an event here.
 * Every transition's `meta` names its rule and the seed's step.
 */
export type LocalPairEvent =
  | { type: 'PAIR_DIVIDE' }
  | { type: 'EXTENT_UPDATE' }
  | { type: 'EXTENT_DIVIDE' }
  | { type: 'EXTENT_COUPLE' }
  | { type: 'PAIR_DELETE' }
  | { type: 'PAIR_RESYNC' }
  /** A copy, a copy-before-write or a copy step met data lost on the copy volume's storage. */
  | { type: 'COPY_STORAGE_LOST' }
  | { type: 'GENERATION_COPY_DONE' }
  | { type: 'DIVISION_COPY_DONE' }
  | { type: 'EXTENT_UPDATE_COPY_DONE'; remaining: number }
  | { type: 'EXTENT_DIVISION_COPY_DONE' }
  | { type: 'EXTENT_COUPLE_COPY_DONE' };

export interface LocalPairInput {
  /** Seventh/ninth embodiments: the pair covers the whole volume. Eighth: extents only. */
  readonly wholeVolume: boolean;
  readonly variant: 'literal' | 'corrected';
}

export const localPairMachine = setup({
  types: {
    context: {} as LocalPairInput,
    input: {} as LocalPairInput,
    events: {} as LocalPairEvent,
  },
  guards: {
    wholeVolume: ({ context }) => context.wholeVolume,
    literal: ({ context }) => context.variant === 'literal',
    literalWholeVolume: ({ context }) => context.variant === 'literal' && context.wholeVolume,
    lastExtentUpdate: ({ event }) => event.type === 'EXTENT_UPDATE_COPY_DONE' && event.remaining === 0,
  },
}).createMachine({
  id: 'localPair',
  context: ({ input }) => input,
  initial: 'generating',
  on: {
    PAIR_DELETE: { target: '.deleted', ...m('LC-R-6', 'release of the pair information (use flag 0)') },
  },
  states: {
    generating: {
      on: {
        COPY_STORAGE_LOST: { target: 'suspendedByError', ...m('LC-F-1', 'beyond the seed: the copy volume\'s storage loses data (PSUE)') },
        GENERATION_COPY_DONE: { target: 'generated', ...m('LC-C-1', 'Fig. 20 step 2007, Fig. 29 step 2907, Fig. 37 step 3707') },
        PAIR_DIVIDE: { target: 'dividing', ...m('LC-R-2', 'Fig. 17 step 1700 (erratum LC-E-1: the generation copy is taken over)') },
      },
    },
    generated: {
      on: {
        COPY_STORAGE_LOST: { target: 'suspendedByError', ...m('LC-F-1', 'beyond the seed: the copy volume\'s storage is re-created after losing data (PSUE)') },
        PAIR_DIVIDE: { target: 'dividing', ...m('LC-R-1', 'Fig. 17 step 1700, Fig. 27 step 2700') },
        EXTENT_DIVIDE: { target: 'extentDividing', guard: 'wholeVolume', ...m('LC-R-4', 'Fig. 35 steps 3500-3501') },
        // LC-E-1 literally: the generation copy keeps running and its step 2007 overwrites the state.
        GENERATION_COPY_DONE: { target: 'generated', guard: 'literal', ...m('LC-C-1', 'Fig. 20 step 2007 (erratum LC-E-1, literal)') },
      },
    },
    dividing: {
      on: {
        COPY_STORAGE_LOST: { target: 'suspendedByError', ...m('LC-F-1', 'beyond the seed: the copy volume\'s storage loses data (PSUE)') },
        DIVISION_COPY_DONE: { target: 'divided', ...m('LC-C-2', 'Fig. 21 step 2107, Fig. 30 step 3007') },
        GENERATION_COPY_DONE: { target: 'generated', guard: 'literal', ...m('LC-C-1', 'Fig. 20 step 2007 (errata LC-E-1, LC-E-2, literal)') },
        // LC-E-6 literally: Fig. 18 has no state check; the pair stays UNDER DIVISION with extent information in use.
        EXTENT_UPDATE: { target: 'dividing', guard: 'literalWholeVolume', ...m('LC-R-3', 'Fig. 18 step 1800 (erratum LC-E-6, literal)') },
        EXTENT_UPDATE_COPY_DONE: { target: 'dividing', guard: 'literal', ...m('LC-C-3', 'Fig. 22 step 2207 (erratum LC-E-6, literal)') },
      },
    },
    divided: {
      on: {
        COPY_STORAGE_LOST: { target: 'suspendedByError', ...m('LC-F-1', 'beyond the seed: the copy volume\'s storage is re-created after losing data (PSUE)') },
        EXTENT_UPDATE: { target: 'extentUpdating', guard: 'wholeVolume', ...m('LC-R-3', 'Fig. 18 steps 1800-1801') },
        EXTENT_UPDATE_COPY_DONE: { target: 'divided', guard: 'literal', ...m('LC-C-3', 'Fig. 22 step 2207 (erratum LC-E-6, literal)') },
      },
    },
    extentUpdating: {
      on: {
        COPY_STORAGE_LOST: { target: 'suspendedByError', ...m('LC-F-1', 'beyond the seed: the copy volume\'s storage loses data (PSUE)') },
        EXTENT_UPDATE: { target: 'extentUpdating', ...m('LC-R-3', 'Fig. 18 steps 1800-1801 (another extent)') },
        EXTENT_UPDATE_COPY_DONE: [
          { target: 'divided', guard: 'lastExtentUpdate', ...m('LC-C-3', 'Fig. 22 step 2207 (last extent)') },
          { target: 'extentUpdating', ...m('LC-C-3', 'Fig. 22 step 2207') },
        ],
      },
    },
    extentDividing: {
      on: {
        COPY_STORAGE_LOST: { target: 'suspendedByError', ...m('LC-F-1', 'beyond the seed: the copy volume\'s storage loses data (PSUE)') },
        EXTENT_DIVISION_COPY_DONE: { target: 'extentDivided', ...m('LC-C-4', 'Fig. 39 step 3907') },
      },
    },
    extentDivided: {
      on: {
        COPY_STORAGE_LOST: { target: 'suspendedByError', ...m('LC-F-1', 'beyond the seed: the copy volume\'s storage is re-created after losing data (PSUE)') },
        EXTENT_COUPLE: { target: 'extentCoupling', ...m('LC-R-5', 'Fig. 36 step 3600') },
      },
    },
    extentCoupling: {
      on: {
        COPY_STORAGE_LOST: { target: 'suspendedByError', ...m('LC-F-1', 'beyond the seed: the copy volume\'s storage loses data (PSUE)') },
        EXTENT_COUPLE_COPY_DONE: [
          { target: 'formationCompleted', guard: 'literal', ...m('LC-C-5', 'Fig. 40 step 4007 "FORMATION COMPLETED" (erratum LC-E-5, literal)') },
          { target: 'generated', ...m('LC-C-5', 'Fig. 40 step 4007 (read: GENERATION COMPLETED)') },
        ],
      },
    },
    /** LC-F-1: suspended by error (CCI PSUE): the copy is not a point-in-time image any more. */
    suspendedByError: {
      on: {
        PAIR_RESYNC: { target: 'generating', ...m('LC-F-2', 'beyond the seed: resynchronisation after repair (the generation copy again, Fig. 16 step 1600)') },
      },
    },
    /** LC-E-5 literally: a state no flowchart knows; Fig. 35 still accepts an extent division. */
    formationCompleted: {
      on: {
        EXTENT_DIVIDE: { target: 'extentDividing', ...m('LC-R-4', 'Fig. 35 step 3500 (no state check; erratum LC-E-5, literal)') },
      },
    },
    deleted: { type: 'final' },
  },
});

/** The pair states a trace's `status` reports (spec/local-copy.md, "State"). */
export type LocalPairState =
  | 'generating' | 'generated' | 'dividing' | 'divided' | 'extentUpdating'
  | 'extentDividing' | 'extentDivided' | 'extentCoupling' | 'formationCompleted' | 'suspendedByError' | 'deleted';
