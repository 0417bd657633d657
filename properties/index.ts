/**
 * Every property definition of properties/, for the CLI campaign (src/cli/start.ts) and
 * anything else that runs them all. Each id names its invariant family and, for RAID, the level.
 */
import { raidInvByteExact } from './raid/raid-inv-byte-exact.ts';
import { raidInvRebuild } from './raid/raid-inv-rebuild.ts';
import { raidInvSurvivableFailures } from './raid/raid-inv-survivable-failures.ts';
import { raidIoPenalty } from './raid/raid-io-penalty.ts';
import type { PropertyDefinition } from './harness/support.ts';
import { volAddressTranslation } from './vol/vol-address-translation.ts';

export type { Counters, PropertyDefinition } from './harness/support.ts';

export const PROPERTIES: readonly PropertyDefinition[] = [
  ...raidInvByteExact,
  ...raidInvSurvivableFailures,
  ...raidInvRebuild,
  ...raidIoPenalty,
  ...volAddressTranslation,
];

// Local-copy pairs (spec/local-copy.md), appended.
import { lcAllRequests } from './lc/lc-all-requests.ts';
import { lcInvBitmapSound } from './lc/lc-inv-bitmap-sound.ts';
import { lcInvCoupleDivide } from './lc/lc-inv-couple-divide.ts';
import { lcInvExtentUpdate } from './lc/lc-inv-extent-update.ts';
import { lcInvNoWriteLost } from './lc/lc-inv-no-write-lost.ts';
import { lcInvPointInTime } from './lc/lc-inv-point-in-time.ts';
import { lcInvTablesSound } from './lc/lc-inv-tables-sound.ts';
import { lcFStorageLost } from './lc/lc-f-storage-lost.ts';

/** The local-copy properties (the corrected model), also in PROPERTIES for the CLI campaign. */
export const LC_PROPERTIES: readonly PropertyDefinition[] = [
  ...lcAllRequests,
  ...lcInvPointInTime,
  ...lcInvExtentUpdate,
  ...lcInvCoupleDivide,
  ...lcInvBitmapSound,
  ...lcInvNoWriteLost,
  ...lcInvTablesSound,
  ...lcFStorageLost,
];
(PROPERTIES as PropertyDefinition[]).push(...LC_PROPERTIES);

// Remote copy (spec/remote-copy.md) and migration (spec/migration.md) pairs, appended.
import { mgInvTransparency } from './mg/mg-inv-transparency.ts';
import { rcInvCopyPrefix } from './rc/rc-inv-copy-prefix.ts';
import { rcInvExtentOnly } from './rc/rc-inv-extent-only.ts';
import { rcInvNoAckLost } from './rc/rc-inv-no-ack-lost.ts';
import { rcInvSuspensionRecords } from './rc/rc-inv-suspension-records.ts';
import { rcInvTablesSound } from './rc/rc-inv-tables-sound.ts';
import { rcInvTakeover } from './rc/rc-inv-takeover.ts';
import { rcFStorageLost } from './rc/rc-f-storage-lost.ts';

/** The remote-copy properties (the corrected model), also in PROPERTIES for the CLI campaign. */
export const RC_PROPERTIES: readonly PropertyDefinition[] = [
  ...rcInvNoAckLost,
  ...rcInvCopyPrefix,
  ...rcInvSuspensionRecords,
  ...rcInvExtentOnly,
  ...rcInvTakeover,
  ...rcInvTablesSound,
  ...rcFStorageLost,
];
/** The migration properties (the corrected model), also in PROPERTIES for the CLI campaign. */
export const MG_PROPERTIES: readonly PropertyDefinition[] = [...mgInvTransparency];
(PROPERTIES as PropertyDefinition[]).push(...RC_PROPERTIES, ...MG_PROPERTIES);

// Online rearrangement (spec/placement.md, third embodiment), appended.
import { plInvHostView } from './pl/pl-inv-host-view.ts';
import { plInvMappingSound } from './pl/pl-inv-mapping-sound.ts';

/** The online-rearrangement properties, also in PROPERTIES for the CLI campaign. */
export const PL_PROPERTIES: readonly PropertyDefinition[] = [...plInvHostView, ...plInvMappingSound];
(PROPERTIES as PropertyDefinition[]).push(...PL_PROPERTIES);

// Consistency groups (spec/consistency-groups.md), appended.
import { cgInvAtTimeSplit, cgInvGroupConsistency } from './cg/cg-groups.ts';

(PROPERTIES as PropertyDefinition[]).push(...cgInvAtTimeSplit, ...cgInvGroupConsistency);

// Backup to tape (spec/backup.md, the eleventh embodiment), appended.
import { bkInvIncrementalChain, bkInvPointInTime } from './bk/bk-backup.ts';

(PROPERTIES as PropertyDefinition[]).push(...bkInvPointInTime, ...bkInvIncrementalChain);

// The literal variant's flows, for reach (machine coverage of the literal transitions), appended.
import { lcLiteralFlows } from './lc/lc-literal-flows.ts';

(PROPERTIES as PropertyDefinition[]).push(...lcLiteralFlows);

// Limits (issue #12, spec/limits.md): mutated traces never crash the model, and a refusal changes nothing, appended.
import { limInvNoCrashNoChange } from './fuzz/fuzz-bad-input.ts';

(PROPERTIES as PropertyDefinition[]).push(...limInvNoCrashNoChange);
