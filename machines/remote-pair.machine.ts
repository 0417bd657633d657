import { assign, setup } from 'xstate';
import { m } from './meta.ts';

/**
 * The remote copy pair's lifecycle (spec/remote-copy.md): shape only. Bytes, the copy
 * pointer and the difference bitmap live in `src/remote-copy/`; host writes never become
 * events here. Every transition's `meta` names its rule and the seed's step.
 */
export type RemotePairEvent =
  | { type: 'PAIR_CREATE' }
  | { type: 'COPY_DONE' }
  | { type: 'PAIR_SUSPEND' }
  /** CG-F-1: another member of the pair's consistency group suspended. */
  | { type: 'GROUP_SUSPEND' }
  | { type: 'LINK_DOWN' }
  | { type: 'TARGET_SYSTEM_FAILED' }
  /** The target's storage cannot store a transfer or a copied track (data lost beyond its RAID level). */
  | { type: 'TARGET_STORAGE_LOST' }
  | { type: 'PAIR_RESYNC' }
  /** `copiesToB`: the fifth embodiment's takeover with `extend` (a copy of A into B runs first). */
  | { type: 'TAKEOVER'; copiesToB: boolean }
  | { type: 'TAKEOVER_COPY_DONE' }
  | { type: 'PAIR_DELETE' };

export interface RemotePairInput {
  readonly fence: 'never' | 'data' | 'status';
}

export interface RemotePairContext extends RemotePairInput {
  /** The target holds a consistent image: it reached `duplex` since its last copy started (RC-T-1). */
  readonly consistent: boolean;
}

export type RemotePairState = 'simplex' | 'copying' | 'duplex' | 'suspended' | 'suspendedByError' | 'takingOver' | 'takenOver';

const copiesToB = (e: RemotePairEvent) => e.type === 'TAKEOVER' && e.copiesToB;

export const remotePairMachine = setup({
  types: {
    context: {} as RemotePairContext,
    input: {} as RemotePairInput,
    events: {} as RemotePairEvent,
  },
  guards: {
    fenceNever: ({ context }) => context.fence === 'never',
    copiesToB: ({ event }) => copiesToB(event),
    switchesAtOnce: ({ event }) => !copiesToB(event),
    consistentCopiesToB: ({ context, event }) => context.consistent && copiesToB(event),
    consistentSwitchesAtOnce: ({ context, event }) => context.consistent && !copiesToB(event),
  },
  actions: {
    markConsistent: assign({ consistent: true }),
    markInconsistent: assign({ consistent: false }),
  },
}).createMachine({
  id: 'remotePair',
  context: ({ input }) => ({ ...input, consistent: false }),
  initial: 'simplex',
  states: {
    simplex: {
      on: {
        PAIR_CREATE: { target: 'copying', ...m('RC-G-4', 'Fig. 4 steps 400-402, 410-411') },
      },
    },
    copying: {
      on: {
        COPY_DONE: { target: 'duplex', actions: 'markConsistent', ...m('RC-C-1', 'Fig. 4 step 402 (copy completed: duplex)') },
        PAIR_SUSPEND: { target: 'suspended', ...m('RC-R-1', 'beyond the seed: suspension by request') },
        GROUP_SUSPEND: { target: 'suspended', ...m('CG-F-1', 'beyond the seed: a member of the consistency group suspended (CTG)') },
        LINK_DOWN: { target: 'suspended', guard: 'fenceNever', ...m('RC-F-1', 'beyond the seed: the transfer over path 160 fails') },
        TARGET_SYSTEM_FAILED: { target: 'suspended', guard: 'fenceNever', ...m('RC-F-2', 'beyond the seed: the secondary system fails') },
        TARGET_STORAGE_LOST: { target: 'suspendedByError', actions: 'markInconsistent', ...m('RC-F-3', 'beyond the seed: the secondary storage loses data (PSUE)') },
        PAIR_DELETE: { target: 'simplex', ...m('RC-R-3', 'release of the pair management table 830') },
      },
    },
    duplex: {
      on: {
        PAIR_SUSPEND: { target: 'suspended', ...m('RC-R-1', 'beyond the seed: suspension by request') },
        GROUP_SUSPEND: { target: 'suspended', ...m('CG-F-1', 'beyond the seed: a member of the consistency group suspended (CTG)') },
        LINK_DOWN: { target: 'suspended', guard: 'fenceNever', ...m('RC-F-1', 'beyond the seed: the transfer over path 160 fails') },
        TARGET_SYSTEM_FAILED: { target: 'suspended', guard: 'fenceNever', ...m('RC-F-2', 'beyond the seed: the secondary system fails') },
        TARGET_STORAGE_LOST: { target: 'suspendedByError', actions: 'markInconsistent', ...m('RC-F-3', 'beyond the seed: the secondary storage loses data (PSUE)') },
        TAKEOVER: [
          { target: 'takingOver', guard: 'copiesToB', ...m('RC-T-3', 'Fig. 12 steps 1001-1003, 1010') },
          { target: 'takenOver', guard: 'switchesAtOnce', ...m('RC-T-2', 'Fig. 6 steps 601-604') },
        ],
        PAIR_DELETE: { target: 'simplex', ...m('RC-R-3', 'release of the pair management table 830') },
      },
    },
    suspended: {
      on: {
        PAIR_RESYNC: { target: 'copying', actions: 'markInconsistent', ...m('RC-R-2', 'beyond the seed: resynchronisation of recorded tracks') },
        TARGET_STORAGE_LOST: { target: 'suspendedByError', actions: 'markInconsistent', ...m('RC-F-3', 'beyond the seed: the secondary storage is re-created after losing data (PSUE)') },
        TAKEOVER: [
          { target: 'takingOver', guard: 'consistentCopiesToB', ...m('RC-T-3', 'Fig. 12 steps 1001-1003, 1010') },
          { target: 'takenOver', guard: 'consistentSwitchesAtOnce', ...m('RC-T-2', 'Fig. 6 steps 601-604') },
        ],
        PAIR_DELETE: { target: 'simplex', ...m('RC-R-3', 'release of the pair management table 830') },
      },
    },
    /** RC-F-3: suspended by error (CCI PSUE): the target lost data, so it holds no consistent image. */
    suspendedByError: {
      on: {
        PAIR_RESYNC: { target: 'copying', actions: 'markInconsistent', ...m('RC-R-2', 'beyond the seed: resynchronisation of the whole area after repair') },
        PAIR_DELETE: { target: 'simplex', ...m('RC-R-3', 'release of the pair management table 830') },
      },
    },
    takingOver: {
      on: {
        TAKEOVER_COPY_DONE: { target: 'takenOver', ...m('RC-T-3', 'Fig. 12 steps 1003-1005 (copy of A into B completed)') },
      },
    },
    takenOver: {
      on: {
        PAIR_DELETE: { target: 'simplex', ...m('RC-R-3', 'the taken-over volume is a simplex volume') },
      },
    },
  },
});
