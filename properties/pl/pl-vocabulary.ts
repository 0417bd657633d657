/** The relocation harness's vocabulary and scenario (properties/pl/pl-model.ts). */
import { type Step } from '../rc/rc-trace.ts';

export type PlLevel = 'raid1' | 'raid3' | 'raid5' | 'raid6';
export type Health = 'healthy' | 'failed' | 'rebuilding';

/**
 * Model bugs these properties found, open in src/ (pinned in properties/pl/pl-known-bugs.test.ts);
 * the commands steer around them so the properties look for new ones:
 * (None now. `lc-short-last-track` — LC-INV-1's checker compared a copy's whole track with the
 *   original's shorter last one — is fixed; its traces stay in pl-known-bugs.test.ts.)
 */
export const KNOWN_MODEL_BUGS: ReadonlySet<string> = new Set<string>();

/** The original's last track is shorter than the copy's same track (`lc-short-last-track`). */
export function shortLastTrack(m: { readonly volumes: readonly { readonly tracks: number; readonly bytes: number }[]; readonly T: number }): boolean {
  const orig = m.volumes[ORIGINAL]!;
  const copy = m.volumes[COPY]!;
  const at = (orig.tracks - 1) * m.T;
  return Math.min(m.T, orig.bytes - at) !== Math.min(m.T, copy.bytes - at);
}

export const SYSTEM = 'S';
/** The local pair's original and copy (the copy is never smaller: LC-G-1). */
export const ORIGINAL = 0;
export const COPY = 1;
export const TOLERANCE = (level: PlLevel, devices: number): number => (level === 'raid1' ? devices - 1 : level === 'raid6' ? 2 : 1);
export const DATA_DEVICES = (level: PlLevel, devices: number): number => (level === 'raid1' ? 1 : level === 'raid6' ? devices - 2 : devices - 1);

// ---------------------------------------------------------------------------
// Scenario

export interface PlGroupSpec {
  readonly id: string;
  readonly level: PlLevel;
  readonly devices: number;
  /** Parity levels only (RAID1 takes its default). */
  readonly stripeUnitBytes: number | null;
  readonly deviceBytes: number;
}

export interface PlAreaSpec {
  readonly tracks: readonly [number, number];
  /** Index into the groups. */
  readonly group: number;
}

export interface PlVolumeSpec {
  readonly id: string;
  readonly bytes: number;
  readonly areas: readonly PlAreaSpec[];
  /** The volume's default group (`raidGroup`), or null: any group, lowest LDEV first (VOL-F-2). */
  readonly group: number | null;
}

export interface PlWriteSpec {
  readonly volume: number;
  readonly offset: number;
  readonly length: number;
  readonly fill: number;
}

export interface PlScenario {
  readonly ldevBytes: number;
  readonly trackBytes: number;
  readonly groups: readonly PlGroupSpec[];
  readonly volumes: readonly PlVolumeSpec[];
  readonly writes: readonly PlWriteSpec[];
}

export function plSetupSteps(s: PlScenario): Step[] {
  const steps: Step[] = [{
    op: 'system', id: SYSTEM, ldevBytes: s.ldevBytes,
    raidGroups: s.groups.map((g) => ({ id: g.id, level: g.level, devices: g.devices, deviceBytes: g.deviceBytes, ...(g.stripeUnitBytes === null ? {} : { stripeUnitBytes: g.stripeUnitBytes }) })),
  }];
  for (const v of s.volumes) {
    steps.push({
      op: 'volume', system: SYSTEM, id: v.id, emulation: 'OPEN-V', bytes: v.bytes, trackBytes: s.trackBytes,
      ...(v.group === null ? {} : { raidGroup: s.groups[v.group]!.id }),
      ...(v.areas.length === 0 ? {} : { areas: v.areas.map((a) => ({ tracks: [...a.tracks], raidGroup: s.groups[a.group]!.id })) }),
    });
  }
  for (const w of s.writes) steps.push({ op: 'write', system: SYSTEM, volume: s.volumes[w.volume]!.id, offset: w.offset, data: { fill: w.fill, length: w.length } });
  return steps;
}

/** The bytes a group can carve into LDEVs (spec/raid.md RAID-G-1: whole stripe rows). */
export function groupCapacity(g: PlGroupSpec): number {
  if (g.level === 'raid1') return g.deviceBytes;
  const unit = g.stripeUnitBytes!;
  return Math.floor(g.deviceBytes / unit) * unit * DATA_DEVICES(g.level, g.devices);
}

/** Table entries an area of tracks touches (VOL-F-3: whole LDEVs inclusive of the area). */
export function entriesOfTracks(a: number, b: number, bytes: number, T: number, L: number): [number, number] {
  return [Math.floor((a * T) / L), Math.floor((Math.min((b + 1) * T, bytes) - 1) / L)];
}

// ---------------------------------------------------------------------------
