/** The local-copy harness's vocabulary and scenario (properties/lc/lc-model.ts). */
import type { Step } from '../harness/trace-failure.ts';

export { dataOf, json, type Step, type Variant } from '../harness/trace-failure.ts';

// ---------------------------------------------------------------------------
// Vocabulary

export type Extent = readonly [number, number];

/** The eight pair states of spec/local-copy.md ("State"). */
export const LC_STATES = [
  'generating', 'generated', 'dividing', 'divided', 'extentUpdating', 'extentDividing', 'extentDivided', 'extentCoupling',
] as const;
export type LcState = (typeof LC_STATES)[number] | 'formationCompleted';

/** The requests of spec/local-copy.md ("Actions: requests") plus creation. */
export const LC_REQUESTS = ['pairCreate', 'pairDivide', 'extentUpdate', 'extentDivide', 'extentCouple', 'pairDelete'] as const;

export const ERRATA = ['LC-E-1', 'LC-E-2', 'LC-E-3', 'LC-E-4', 'LC-E-5', 'LC-E-6'] as const;
export type Erratum = (typeof ERRATA)[number];
export type Avoid = Erratum | 'LC-E-5.name' | 'LC-E-6.accept' | 'LC-R-7';
/** Every known erratum steered clear of (literal): the literal then behaves as the corrected model. */
export const AVOID_ALL: readonly Avoid[] = [...ERRATA, 'LC-R-7'];

export type CopyKind = 'generation' | 'division' | 'extentUpdate' | 'extentDivision' | 'extentCouple';

export const SYSTEM = 'S';
export const ORIG = 'ORIG';
export const COPY = 'COPY';
export const ORIG_KEY = `${SYSTEM}:${ORIG}`;
export const COPY_KEY = `${SYSTEM}:${COPY}`;

export function inExtents(extents: readonly Extent[], t: number): boolean {
  for (const [a, b] of extents) if (t >= a && t <= b) return true;
  return false;
}

export function sameExtents(x: readonly Extent[], y: readonly Extent[]): boolean {
  return x.length === y.length && x.every((e, i) => e[0] === y[i]![0] && e[1] === y[i]![1]);
}

// ---------------------------------------------------------------------------
// Scenario

export interface LcWriteSpec {
  readonly offset: number;
  readonly length: number;
  readonly fill: number;
}

export interface LcScenario {
  readonly level: 'raid1' | 'raid5';
  readonly devices: number;
  readonly stripeUnitBytes: number;
  readonly trackBytes: number;
  /** Tracks of the original. */
  readonly tracks: number;
  /** The copy volume has this many tracks more than the original (outside every pair). */
  readonly copyExtraTracks: number;
  /** ldevBytes = ldevTracks × trackBytes. */
  readonly ldevTracks: number;
  readonly pairTables: number | null;
  readonly initialWrites: readonly LcWriteSpec[];
  /** The first pair: null for a whole-volume pair, else an eighth-embodiment pair on these extents. */
  readonly area: readonly Extent[] | null;
  /** Extents the commands prefer (and the writes aim at and around). */
  readonly palette: readonly Extent[];
}

export function scenarioSteps(s: LcScenario): Step[] {
  const tb = s.trackBytes;
  const ldevBytes = s.ldevTracks * tb;
  const origBytes = s.tracks * tb;
  const copyBytes = (s.tracks + s.copyExtraTracks) * tb;
  const ldevs = Math.ceil(origBytes / ldevBytes) + Math.ceil(copyBytes / ldevBytes) + 1;
  const need = ldevs * ldevBytes;
  const u = s.stripeUnitBytes;
  const dataDevices = s.level === 'raid1' ? 1 : s.devices - 1;
  const deviceBytes = Math.ceil(need / (dataDevices * u)) * u;
  return [
    {
      op: 'system', id: SYSTEM, ldevBytes,
      raidGroups: [{ id: 'RG', level: s.level, devices: s.devices, deviceBytes, stripeUnitBytes: u }],
      ...(s.pairTables === null ? {} : { pairTables: s.pairTables }),
    },
    { op: 'volume', system: SYSTEM, id: ORIG, emulation: 'OPEN-V', bytes: origBytes, trackBytes: tb },
    { op: 'volume', system: SYSTEM, id: COPY, emulation: 'OPEN-V', bytes: copyBytes, trackBytes: tb },
  ];
}
