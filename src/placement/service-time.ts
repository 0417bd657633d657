import type { RaidLevel } from '../raid/levels.ts';

/**
 * The service-time model of PL-S-2 (spec/placement.md): what one host piece costs the
 * devices of a RAID group, so that the planner can weigh a level against another. Pure.
 */

/** Positioning of a device I/O that does not continue the previous one (seek + rotation). */
export const POSITIONING_RANDOM_MS = 5;
/** Positioning of a device I/O that continues where the previous one on the LDEV ended. */
export const POSITIONING_SEQUENTIAL_MS = 0.1;
/** Media transfer rate: 200 MB/s, decimal megabytes as drive vendors count them. */
export const TRANSFER_BYTES_PER_MS = 200_000;

export type IoKind = 'read' | 'write';

/**
 * The device I/Os one host piece costs: `ios` device I/Os, each of the piece's bytes divided
 * by `shareOf` (PL-S-2's table; `n` is the group's device count).
 */
export interface DeviceIos {
  readonly ios: number;
  readonly shareOf: number;
}

/** PL-S-2, by level. */
export function deviceIos(level: RaidLevel, n: number, kind: IoKind, sequential: boolean): DeviceIos {
  if (kind === 'read') return level === 'raid3' ? { ios: n - 1, shareOf: n - 1 } : { ios: 1, shareOf: 1 };
  switch (level) {
    case 'raid1':
      return { ios: 2, shareOf: 1 };
    case 'raid3':
      return { ios: n, shareOf: n - 1 };
    case 'raid5':
      return sequential ? { ios: n, shareOf: n - 1 } : { ios: 4, shareOf: 1 }; // RAID-W-3: 2 reads + 2 writes
    case 'raid6':
      return sequential ? { ios: n, shareOf: n - 2 } : { ios: 6, shareOf: 1 }; // 3 reads + 3 writes
  }
}

/** One device I/O: positioning plus its bytes at the transfer rate. */
export function deviceIoMs(bytes: number, sequential: boolean): number {
  return (sequential ? POSITIONING_SEQUENTIAL_MS : POSITIONING_RANDOM_MS) + bytes / TRANSFER_BYTES_PER_MS;
}

/** PL-S-2: the busy time one host piece of `bytes` adds to its group's devices. */
export function pieceServiceMs(level: RaidLevel, n: number, kind: IoKind, sequential: boolean, bytes: number): number {
  const d = deviceIos(level, n, kind, sequential);
  return d.ios * deviceIoMs(bytes / d.shareOf, sequential);
}

/** Host pieces and their bytes, by pattern and kind (what PL-S-1 counts per LDEV). */
export interface AccessMix {
  randomReads: number;
  randomReadBytes: number;
  randomWrites: number;
  randomWriteBytes: number;
  sequentialReads: number;
  sequentialReadBytes: number;
  sequentialWrites: number;
  sequentialWriteBytes: number;
}

/**
 * The busy time a mix would cost under `level` with `n` devices. PL-S-2 is linear in pieces
 * and bytes within each pattern and kind, so this equals the sum of `pieceServiceMs` over the
 * pieces: the planner re-costs an LDEV under a destination's level with it (PL-P-1).
 */
export function mixServiceMs(mix: AccessMix, level: RaidLevel, n: number): number {
  const cost = (kind: IoKind, sequential: boolean, pieces: number, bytes: number) => {
    if (pieces === 0) return 0;
    const d = deviceIos(level, n, kind, sequential);
    const positioning = sequential ? POSITIONING_SEQUENTIAL_MS : POSITIONING_RANDOM_MS;
    return d.ios * (pieces * positioning + bytes / d.shareOf / TRANSFER_BYTES_PER_MS);
  };
  return (
    cost('read', false, mix.randomReads, mix.randomReadBytes) +
    cost('write', false, mix.randomWrites, mix.randomWriteBytes) +
    cost('read', true, mix.sequentialReads, mix.sequentialReadBytes) +
    cost('write', true, mix.sequentialWrites, mix.sequentialWriteBytes)
  );
}
