import type { TakenTransition } from '../../machines/inspection.ts';
import type { StepOutcome } from '../trace/runner.ts';

/**
 * What a person sees of the model after one trace step: the data of `replay`'s narrative and
 * of the report's trace viewer. Plain JSON (no bytes beyond track lists), so it can be
 * embedded in out/report.html.
 */

/** A difference bitmap as the indexes of its set bits (tracks), out of `tracks`. */
export interface BitmapSnapshot {
  /** What the bits mean, e.g. "difference" (local), "toCopy" (remote), "pending" (migration). */
  readonly name: string;
  readonly tracks: number;
  readonly set: readonly number[];
}

export interface PairSnapshot {
  readonly id: string;
  readonly kind: 'local' | 'remote' | 'migration';
  /** Machine id in machines/registry.ts MACHINES. */
  readonly machine: string;
  readonly state: string;
  /** "SYSTEM:VOLUME" of the original / source and of the copy / target. */
  readonly from: string;
  readonly to: string;
  /** Areas covered, inclusive track ranges (null: the whole volume). */
  readonly extents: ReadonlyArray<readonly [number, number]> | null;
  readonly bitmaps: readonly BitmapSnapshot[];
  /**
   * Local pairs only: the extents divided by `extentDivide` (LC-R-4; the copy shows the
   * original as it was at the request there), inclusive track ranges. Absent for other kinds
   * and in snapshots of older versions.
   */
  readonly dividedExtents?: ReadonlyArray<readonly [number, number]>;
  /** Local pairs only: the extents an `extentUpdate` copy is bringing up to date (LC-R-3). */
  readonly updateExtents?: ReadonlyArray<readonly [number, number]>;
}

/** A background process and its copy pointer. */
export interface ProcessSnapshot {
  /** The name a `step` uses: a pair id, `rebuild:S:RG`, `relocate:S:V`. */
  readonly name: string;
  readonly kind: string;
  /** The copy pointer (next track or unit to copy) and the end, in the process's units. */
  readonly position: number;
  readonly end: number;
}

export interface VolumeSnapshot {
  /** "SYSTEM:VOLUME". */
  readonly key: string;
  readonly tracks: number;
  readonly trackBytes: number;
  /**
   * Whether `differing` was compared at all: false for a volume the checker's ReferenceVolumes
   * does not track (a local pair's copy volume, a remote target before takeover: their pair's
   * checker owns the bytes and keeps its image to itself) or on a failed system
   * (`onFailedSystem`), whose `differing` is then empty without meaning "matches". Absent in
   * snapshots of older versions: compared.
   */
  readonly tracked?: boolean;
  /** Tracks whose bytes differ from what the checker's reference says the host must see. */
  readonly differing: readonly number[];
  /**
   * A partial volume (RC-G-2, RC-G-3: a remote copy's extent target keeps the source's address
   * space, `tracks` of it, but maps only the area): the inclusive track ranges that are mapped
   * (a track counts when any of its bytes is). Absent for a volume that maps every address.
   */
  readonly mapped?: ReadonlyArray<readonly [number, number]>;
  /**
   * The volume's system has failed (SYS-5): kept listed from its table, never read, so
   * `tracked` is false and `differing` empty. Absent otherwise.
   */
  readonly onFailedSystem?: true;
}

/** A RAID group's devices as its health table says (spec/raid.md RAID-F-*); no device byte is read. */
export interface RaidGroupSnapshot {
  readonly id: string;
  /** `raid1`, `raid3`, `raid5`, `raid6`. */
  readonly level: string;
  /** How many devices the group has. */
  readonly devices: number;
  /** Failed devices the level survives without losing data (1 for RAID5, 2 for RAID6). */
  readonly survives: number;
  /** Indexes of the devices failed and not replaced, ascending. */
  readonly failed: readonly number[];
  /** Replaced devices being rebuilt (RAID-R-1), with progress in rebuild units. */
  readonly rebuilding: ReadonlyArray<{ readonly device: number; readonly done: number; readonly total: number }>;
}

/** A storage system (SYS-1) and whether it has failed as a whole (SYS-5). */
export interface SystemSnapshot {
  readonly id: string;
  readonly failed: boolean;
  readonly raidGroups: readonly RaidGroupSnapshot[];
}

/** An inter-controller path between two systems (SYS-4), as the trace's `link` named them. */
export interface LinkSnapshot {
  readonly between: readonly [string, string];
  readonly up: boolean;
}

export interface StepSnapshot {
  /** 1-based line in the trace file. */
  readonly line: number;
  /** The step as written in the trace. */
  readonly step: Readonly<Record<string, unknown>>;
  readonly result: StepOutcome;
  /** Machine transitions the step caused, in order. */
  readonly transitions: readonly TakenTransition[];
  readonly pairs: readonly PairSnapshot[];
  readonly processes: readonly ProcessSnapshot[];
  readonly volumes: readonly VolumeSnapshot[];
  /** Every system defined so far, failed ones included, in definition order. Absent in snapshots of older versions. */
  readonly systems?: readonly SystemSnapshot[];
  /** Every path defined so far, in definition order. Absent in snapshots of older versions. */
  readonly links?: readonly LinkSnapshot[];
  /** Invariants (spec IDs with message) that do not hold after this step; empty when all hold. */
  readonly violations: readonly string[];
  /**
   * A `read` whose data expectation failed: where the bytes read first differ from the
   * expected ones (src/trace/read-mismatch.ts). Absent otherwise, and for `sha256` expectations.
   */
  readonly readMismatch?: string;
  /**
   * An accepted `write`: what its plan did (src/observe/write-plan-lines.ts), one line per
   * router's part; absent when the write touched no pair, and in snapshots of older versions.
   */
  readonly writePlan?: readonly string[];
}

export interface TraceSnapshots {
  /** File name or label. */
  readonly name: string;
  readonly header: Readonly<Record<string, unknown>> | null;
  readonly steps: readonly StepSnapshot[];
  /** As `run`'s (TraceRun): 4 when a step crashed the model (LIM-9). */
  readonly exitCode: 0 | 1 | 2 | 4;
}
