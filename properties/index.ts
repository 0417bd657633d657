/**
 * Every property definition of properties/, for the CLI campaign (src/cli/start.ts) and
 * anything else that runs them all. Each id names its invariant family and, for RAID, the level.
 */
import { raidInvByteExact } from './raid-inv-byte-exact.ts';
import { raidInvRebuild } from './raid-inv-rebuild.ts';
import { raidInvSurvivableFailures } from './raid-inv-survivable-failures.ts';
import { raidIoPenalty } from './raid-io-penalty.ts';
import type { PropertyDefinition } from './support.ts';
import { volAddressTranslation } from './vol-address-translation.ts';

export type { Counters, PropertyDefinition } from './support.ts';

export const PROPERTIES: readonly PropertyDefinition[] = [
  ...raidInvByteExact,
  ...raidInvSurvivableFailures,
  ...raidInvRebuild,
  ...raidIoPenalty,
  ...volAddressTranslation,
];
