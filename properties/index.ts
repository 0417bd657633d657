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

// Local-copy pairs (spec/local-copy.md), appended.
import { lcAllRequests } from './lc-all-requests.ts';
import { lcInvBitmapSound } from './lc-inv-bitmap-sound.ts';
import { lcInvCoupleDivide } from './lc-inv-couple-divide.ts';
import { lcInvExtentUpdate } from './lc-inv-extent-update.ts';
import { lcInvNoWriteLost } from './lc-inv-no-write-lost.ts';
import { lcInvPointInTime } from './lc-inv-point-in-time.ts';
import { lcInvTablesSound } from './lc-inv-tables-sound.ts';

/** The local-copy properties (the corrected model), also in PROPERTIES for the CLI campaign. */
export const LC_PROPERTIES: readonly PropertyDefinition[] = [
  ...lcAllRequests,
  ...lcInvPointInTime,
  ...lcInvExtentUpdate,
  ...lcInvCoupleDivide,
  ...lcInvBitmapSound,
  ...lcInvNoWriteLost,
  ...lcInvTablesSound,
];
(PROPERTIES as PropertyDefinition[]).push(...LC_PROPERTIES);

// Remote copy (spec/remote-copy.md) and migration (spec/migration.md) pairs, appended.
import { mgInvTransparency } from './mg-inv-transparency.ts';
import { rcInvCopyPrefix } from './rc-inv-copy-prefix.ts';
import { rcInvExtentOnly } from './rc-inv-extent-only.ts';
import { rcInvNoAckLost } from './rc-inv-no-ack-lost.ts';
import { rcInvSuspensionRecords } from './rc-inv-suspension-records.ts';
import { rcInvTablesSound } from './rc-inv-tables-sound.ts';
import { rcInvTakeover } from './rc-inv-takeover.ts';

/** The remote-copy properties (the corrected model), also in PROPERTIES for the CLI campaign. */
export const RC_PROPERTIES: readonly PropertyDefinition[] = [
  ...rcInvNoAckLost,
  ...rcInvCopyPrefix,
  ...rcInvSuspensionRecords,
  ...rcInvExtentOnly,
  ...rcInvTakeover,
  ...rcInvTablesSound,
];
/** The migration properties (the corrected model), also in PROPERTIES for the CLI campaign. */
export const MG_PROPERTIES: readonly PropertyDefinition[] = [...mgInvTransparency];
(PROPERTIES as PropertyDefinition[]).push(...RC_PROPERTIES, ...MG_PROPERTIES);

// Online rearrangement (spec/placement.md, third embodiment), appended.
import { plInvHostView } from './pl-inv-host-view.ts';
import { plInvMappingSound } from './pl-inv-mapping-sound.ts';

/** The online-rearrangement properties, also in PROPERTIES for the CLI campaign. */
export const PL_PROPERTIES: readonly PropertyDefinition[] = [...plInvHostView, ...plInvMappingSound];
(PROPERTIES as PropertyDefinition[]).push(...PL_PROPERTIES);

// The literal variant's flows, for reach (machine coverage of the literal transitions), appended.
import { lcLiteralFlows } from './lc-literal-flows.ts';

(PROPERTIES as PropertyDefinition[]).push(...lcLiteralFlows);

// Limits (issue #12, spec/limits.md): mutated traces never crash the model, and a refusal changes nothing, appended.
import { limInvNoCrashNoChange } from './fuzz-bad-input.ts';

(PROPERTIES as PropertyDefinition[]).push(...limInvNoCrashNoChange);
