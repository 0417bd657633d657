/**
 * The RAID group under test (properties/raid/raid-model.ts): it comes from a factory, so broken
 * variants (raid-broken-variants.test.ts) run through the very same commands; and the type of
 * the commands, run against the reference model (raid-reference.ts) and the group.
 */
import type fc from 'fast-check';
import { createRaidGroup } from '../../src/raid/create-group.ts';
import type { RaidGroup } from '../../src/raid/raid-group.ts';
import type { Geometry } from './raid-layout.ts';
import type { RaidModel } from './raid-reference.ts';

export type GroupFactory = (g: Geometry) => RaidGroup;

/** The group under test: the real one. */
export const specGroup: GroupFactory = (g) => createRaidGroup({ id: `rg-${g.level}`, ...g });

export interface RaidReal {
  readonly group: RaidGroup;
}

export type RaidCommand = fc.Command<RaidModel, RaidReal>;
