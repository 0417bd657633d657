import type { AnyStateMachine } from 'xstate';
import { localPairMachine } from './local-pair.machine.ts';
import { migrationPairMachine } from './migration-pair.machine.ts';
import { relocationMachine } from './relocation.machine.ts';
import { remotePairMachine } from './remote-pair.machine.ts';

/** Every machine of machines/, by its id (the `id` of its root node). */
export const MACHINES: Readonly<Record<string, AnyStateMachine>> = {
  localPair: localPairMachine,
  remotePair: remotePairMachine,
  migrationPair: migrationPairMachine,
  relocation: relocationMachine,
};
