import { setup } from 'xstate';
import { m } from './meta.ts';

/**
 * The online rearrangement of part of a volume onto another RAID group (spec/placement.md):
 * shape only. The moved entries and the copy pointer live in `src/placement/`; host I/O
 * never becomes an event here.
 */
export type RelocationEvent = { type: 'RELOCATE' } | { type: 'ENTRY_COPIED' } | { type: 'RELOCATION_COPY_DONE' };

export type RelocationState = 'simplex' | 'relocating';


export const relocationMachine = setup({
  types: { events: {} as RelocationEvent },
}).createMachine({
  id: 'relocation',
  initial: 'simplex',
  states: {
    simplex: {
      on: {
        RELOCATE: { target: 'relocating', ...m('PL-R-2', 'third embodiment: copy pointer 306 set to address 0, pair state 307 under copying') },
      },
    },
    relocating: {
      on: {
        ENTRY_COPIED: { target: 'relocating', ...m('PL-C-2', 'third embodiment: LDEV number 301 rewritten to the copy destination, copy presence 302 COPY ABSENT') },
        RELOCATION_COPY_DONE: { target: 'simplex', ...m('PL-C-2', 'third embodiment: "the pair state is turned into a simplex state"') },
      },
    },
  },
});
