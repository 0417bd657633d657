/**
 * The migration harness's scenario (properties/mg/mg-model.ts): an old system O and a new
 * system N (each of either table design, RC-D-1) joined by one path, a source volume on O and
 * a target volume on N, the host's writes to both before the first migration, and that first
 * migration's extents.
 */
import type { Design, Level } from '../rc/rc-model.ts';
import type { Step } from '../rc/rc-trace.ts';

export type MgAvoid = 'MG-E-1';

export const O = 'O';
export const N = 'N';
export const SRC = 'SRC';
export const TGT = 'TGT';
export const SRC_KEY = `${O}:${SRC}`;
export const TGT_KEY = `${N}:${TGT}`;
/** Migrations a run creates at most. */
export const MAX_MIGRATIONS = 6;

export interface MgWriteSpec {
  readonly track: number;
  readonly tracks: number;
  readonly fill: number;
}

/** A migration's extents, resolved against the volumes when it runs. */
export interface MgCreateSpec {
  readonly start: number;
  readonly len1: number;
  readonly gap: number;
  /** 0: one extent. */
  readonly len2: number;
  /** Let the extents reach past the smaller volume (OUT_OF_RANGE). */
  readonly beyond: boolean;
}

export interface MgScenario {
  readonly designO: Design;
  readonly designN: Design;
  readonly levelO: Level;
  readonly devicesO: number;
  readonly levelN: Level;
  readonly devicesN: number;
  readonly ldevBytesO: number;
  readonly ldevBytesN: number;
  readonly trackBytes: number;
  readonly srcTracks: number;
  readonly tgtTracks: number;
  readonly pairTables: number | null;
  readonly srcWrites: readonly MgWriteSpec[];
  readonly tgtWrites: readonly MgWriteSpec[];
  readonly first: MgCreateSpec;
}

function dataDevices(level: Level, devices: number): number {
  return level === 'raid1' ? 1 : level === 'raid5' ? devices - 1 : devices - 2;
}

function deviceBytesFor(level: Level, devices: number, need: number): number {
  const unit = 65536;
  return (Math.ceil(need / dataDevices(level, devices) / unit) + 1) * unit;
}

export function mgSetupSteps(s: MgScenario): Step[] {
  const tb = s.trackBytes;
  const group = (level: Level, devices: number, bytes: number, L: number) => [
    { id: 'RG', level, devices, deviceBytes: deviceBytesFor(level, devices, Math.ceil(bytes / L) * L + L) },
  ];
  const steps: Step[] = [
    { op: 'system', id: O, ldevBytes: s.ldevBytesO, tables: s.designO, raidGroups: group(s.levelO, s.devicesO, s.srcTracks * tb, s.ldevBytesO) },
    {
      op: 'system', id: N, ldevBytes: s.ldevBytesN, tables: s.designN, raidGroups: group(s.levelN, s.devicesN, s.tgtTracks * tb, s.ldevBytesN),
      ...(s.pairTables === null ? {} : { pairTables: s.pairTables }),
    },
    { op: 'link', between: [O, N] },
    { op: 'volume', system: O, id: SRC, emulation: 'OPEN-V', bytes: s.srcTracks * tb, trackBytes: tb },
    { op: 'volume', system: N, id: TGT, emulation: 'OPEN-V', bytes: s.tgtTracks * tb, trackBytes: tb },
  ];
  for (const w of s.srcWrites) steps.push({ op: 'write', system: O, volume: SRC, offset: w.track * tb, data: { fill: w.fill, length: w.tracks * tb } });
  for (const w of s.tgtWrites) steps.push({ op: 'write', system: N, volume: TGT, offset: w.track * tb, data: { fill: w.fill, length: w.tracks * tb } });
  return steps;
}
